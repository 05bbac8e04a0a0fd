/**
 * Message framing on standard input (server/src/lsp/framing.ts): good messages pass through
 * byte for byte, however the input is cut into chunks; a message with a broken
 * Content-Length is dropped and the next one is read.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FramingRepair } from '../../server/src/lsp/framing';

const frame = (body: string): Buffer => Buffer.concat([Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`), Buffer.from(body)]);
const message = (id: number, text = 'x'): string => JSON.stringify({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { text } });

/** Feeds `input` in chunks of `size` bytes; resolves with the output and the problems reported. */
function run(input: Buffer, size: number): Promise<{ output: Buffer; problems: string[] }> {
  const problems: string[] = [];
  const repair = new FramingRepair((p) => problems.push(p));
  const chunks: Buffer[] = [];
  repair.on('data', (c: Buffer) => chunks.push(c));
  return new Promise((resolve) => {
    repair.on('end', () => resolve({ output: Buffer.concat(chunks), problems }));
    for (let i = 0; i < input.length; i += size) repair.write(input.subarray(i, i + size));
    repair.end();
  });
}

describe('framing repair', () => {
  it('passes well-framed messages through unchanged, in any chunking', async () => {
    // Bodies with what looks like framing inside their strings, escapes and non-ASCII text.
    const input = Buffer.concat([
      frame(message(1, 'Content-Length: 5\r\n\r\nCable "quoted" \\ back')),
      frame(message(2, 'Zürich – ¶ 1. (C) text')),
      Buffer.from(`Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(message(3))}\r\n\r\n${message(3)}`),
    ]);
    for (const size of [1, 2, 7, 64, input.length]) {
      const { output, problems } = await run(input, size);
      assert.ok(output.equals(input), `chunks of ${size}`);
      assert.deepEqual(problems, []);
    }
  });

  const good = frame(message(2));
  for (const [name, broken] of [
    ['a Content-Length that is not a number', Buffer.from('Content-Length: abc\r\n\r\n{}')],
    ['a header without Content-Length', Buffer.from('Content-Type: x\r\n\r\n{}')],
    ['a Content-Length too short for its body', Buffer.from(`Content-Length: 5\r\n\r\n${message(1)}`)],
    ['a Content-Length too long for its body', Buffer.from(`Content-Length: 99999\r\n\r\n${message(1)}`)],
    ['garbage between messages', Buffer.from('\u0000\u0001 not a header at all')],
  ] as const) {
    it(`drops ${name}, says so, and reads the next message`, async () => {
      for (const size of [1, 3, 4096]) {
        const { output, problems } = await run(Buffer.concat([broken, good, good]), size);
        assert.equal(output.toString(), Buffer.concat([good, good]).toString(), `chunks of ${size}`);
        assert.equal(problems.length, 1, problems.join('; '));
      }
    });
  }
});
