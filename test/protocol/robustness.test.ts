/**
 * The stdio server under abuse: malformed JSON-RPC, requests for documents it does not have,
 * cancellation, rapid edits, requests whose parameters make a feature fail, and files over
 * the size limit. After each, it must still answer correctly and never exit.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, DocumentSymbol, Hover } from 'vscode-languageserver-protocol';
import { SEED, readText, scratchDir } from '../helpers/fixtures';
import { FULL_CAPABILITIES, fileUri, startClient, type TestClient } from '../helpers/lspClient';

const seed = readText(SEED);
const uri = fileUri(SEED);
const position = (needle: string): { line: number; character: number } => {
  const lines = seed.slice(0, seed.indexOf(needle)).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
};

const pull = (client: TestClient, target = uri): Promise<Diagnostic[]> => client.pullDiagnostics(target);

/** The server is alive and right: a hover on the seed's DE line decodes the station. */
async function assertHealthy(client: TestClient): Promise<void> {
  const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: position('RUEHTA #2361') })) as Hover;
  assert.match(JSON.stringify(hover.contents), /ASTANA/);
  assert.equal(client.child.exitCode, null, 'the server exited');
}

describe('server robustness over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await startClient();
    await client.open(uri, seed);
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  it('survives malformed JSON-RPC: bad JSON, bad headers, unknown methods, missing parameters', async () => {
    const raw = (body: string): void => {
      client.child.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    raw('{"jsonrpc":"2.0","id":9001,"method":"textDocument/hover","params":{'); // truncated JSON
    raw('[1,2,3]');
    raw('{"jsonrpc":"2.0","method":"textDocument/didChange","params":null}');
    raw('{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":42}}}');
    await assert.rejects(client.connection.sendRequest('cable/noSuchMethod', {}), /Unhandled method|not found/i);
    // Requests with missing or wrongly typed parameters fail alone (an error or an empty answer).
    for (const [method, params] of [
      ['textDocument/hover', {}],
      ['textDocument/documentSymbol', { textDocument: null }],
      ['textDocument/completion', { textDocument: { uri }, position: 'here' }],
      ['textDocument/selectionRange', { textDocument: { uri }, positions: null }],
      ['textDocument/semanticTokens/range', { textDocument: { uri }, range: { start: { line: 50, character: 0 }, end: { line: 2, character: 0 } } }],
      ['workspace/executeCommand', { command: 'cable.server.renumberParagraphs', arguments: [{ not: 'a uri' }] }],
    ] as const) {
      await client.connection.sendRequest(method, params).then(
        () => undefined,
        () => undefined,
      );
    }
    await assertHealthy(client);
  });

  it('reads on after a message with a broken Content-Length: not a number, missing, too short, too long', { timeout: 20_000 }, async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 9100, method: 'textDocument/hover', params: { textDocument: { uri }, position: { line: 0, character: 0 } } });
    for (const broken of [`Content-Length: abc\r\n\r\n${body}`, `Content-Type: x\r\n\r\n${body}`, `Content-Length: 5\r\n\r\n${body}`, `Content-Length: 99999\r\n\r\n${body}`]) {
      client.child.stdin!.write(broken);
      await assertHealthy(client);
    }
    assert.match(client.stderr(), /dropped a message whose Content-Length \(99999\) was longer than its body/);
  });

  it('answers empty for documents it does not have, or has closed', async () => {
    const unknown = 'file:///nowhere/never-opened.cable';
    assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: unknown }, position: { line: 0, character: 0 } }), null);
    assert.deepEqual(await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: unknown } }), []);
    assert.deepEqual(await pull(client, unknown), []);
    const other = 'file:///tmp/closed-soon.cable';
    await client.open(other, seed);
    assert.ok(((await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: other } })) as DocumentSymbol[]).length > 0);
    await client.close(other);
    assert.deepEqual(await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: other } }), []);
    assert.deepEqual(await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: other }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }), []);
    await assertHealthy(client);
  });

  it('stays consistent under rapid edits: the answer is for the last version, never a stale one', async () => {
    const scratch = 'file:///tmp/rapid.cable';
    await client.open(scratch, seed);
    // 60 edits sent without waiting, alternating between the seed (3 misread pilcrows) and the
    // seed with "¶4." misread as "14." too; the last of them has the extra misread.
    const misread = seed.replace('¶4.', '14.');
    assert.notEqual(misread, seed);
    for (let v = 2; v < 62; v++) void client.change(scratch, v % 2 ? misread : seed, v);
    const last = await pull(client, scratch);
    assert.equal(last.filter((d) => d.code === 'pilcrow-misread').length, 4, 'diagnostics of version 61 (with the extra misread)');
    await client.change(scratch, seed, 62);
    assert.equal((await pull(client, scratch)).filter((d) => d.code === 'pilcrow-misread').length, 3, 'diagnostics of version 62');
    await client.close(scratch);
  });

  it('handles cancellation: a cancelled request gets an answer or a cancellation error, the next one works', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, async (_, k) => {
        const source = new (await import('vscode-languageserver-protocol')).CancellationTokenSource();
        const request = client.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } }, source.token);
        if (k % 2 === 0) source.cancel();
        return request.then(
          () => 'answered',
          (error: { code?: number }) => (error.code === -32800 ? 'cancelled' : `failed ${error.code}`),
        );
      }),
    );
    for (const outcome of outcomes) assert.ok(outcome === 'answered' || outcome === 'cancelled', outcome);
    await assertHealthy(client);
  });

  it('answers positions far outside the document', async () => {
    for (const method of ['textDocument/hover', 'textDocument/definition', 'textDocument/references', 'textDocument/completion', 'textDocument/documentHighlight']) {
      await client.connection.sendRequest(method, { textDocument: { uri }, position: { line: 1e9, character: -5 }, context: { includeDeclaration: true } });
    }
    await client.connection.sendRequest('textDocument/selectionRange', { textDocument: { uri }, positions: [{ line: -1, character: 1e9 }] });
    await client.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 1e6, character: 0 }, end: { line: -3, character: 0 } } });
    await assertHealthy(client);
  });
});

describe('a feature that fails', () => {
  it('is answered with an empty result and logged; the server and the other features go on', async () => {
    const client = await startClient(undefined, { env: { CABLE_FAILPOINTS: 'hover,documentSymbol' } });
    try {
      await client.open(uri, seed);
      assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: position('RUEHTA #2361') }), null);
      assert.deepEqual(await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }), []);
      const logged = client.logs().filter((m) => /^(hover|documentSymbol) failed: Error: \1: failure injected by CABLE_FAILPOINTS/.test(m));
      assert.equal(logged.length, 2, client.logs().join('\n'));
      // The rest works: diagnostics, folding, a second request to the failing feature.
      assert.equal((await client.pullDiagnostics(uri)).filter((d) => d.code === 'pilcrow-misread').length, 3);
      assert.ok(((await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } })) as unknown[]).length > 0);
      assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: position('RUEHTA #2361') }), null);
      assert.equal(client.child.exitCode, null, 'the server exited');
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });
});

describe('files over the size limit', () => {
  it('get one information diagnostic that says so, and no features; the limit is a setting', async () => {
    const capabilities = { ...FULL_CAPABILITIES, workspace: { ...FULL_CAPABILITIES.workspace, configuration: true } };
    const client = await startClient(capabilities, { settings: { maxFileSize: 2000 } });
    try {
      await client.open(uri, seed);
      const items = await pull(client);
      assert.equal(items.length, 1);
      assert.equal(items[0].code, 'file-too-large');
      assert.equal(items[0].severity, 3);
      assert.match(String(items[0].message), /4,679 characters, more than cable\.maxFileSize \(2,000\)/);
      assert.deepEqual(await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }), []);
      assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: position('RUEHTA') }), null);
      // Cut under the limit, the file is a cable again.
      await client.change(uri, seed.slice(0, 1500), 2);
      assert.ok(!(await pull(client)).some((d) => d.code === 'file-too-large'));
      assert.ok(((await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[]).length > 0);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });

  it('the default limit (5 MB) keeps a 6 MB file from being parsed, and the server answers at once', async () => {
    const client = await startClient();
    try {
      const big = 'file:///tmp/big.cable';
      const text = seed.repeat(Math.ceil(6_000_000 / seed.length));
      await client.open(big, text);
      const items = await pull(client, big);
      assert.deepEqual(items.map((d) => d.code), ['file-too-large']);
      assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: big }, position: { line: 7, character: 4 } }), null);
      assert.deepEqual(await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri: big } }), []);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });
});

describe('odd files in the workspace', () => {
  it('a FIFO named *.cable blocks nothing, and Lint Workspace skips files over cable.maxFileSize', { timeout: 30_000 }, async (t) => {
    const { execFileSync } = await import('node:child_process');
    const dir = scratchDir(t, 'cable-ws-');
    const small = path.join(dir, 'small.cable');
    const large = path.join(dir, 'large.cable');
    const fifo = path.join(dir, 'pipe.cable');
    writeFileSync(small, seed);
    writeFileSync(large, seed + '\n'.repeat(20_000));
    execFileSync('mkfifo', [fifo]);
    const capabilities = { ...FULL_CAPABILITIES, workspace: { ...FULL_CAPABILITIES.workspace, configuration: true } };
    const client = await startClient(capabilities, { rootUri: fileUri(dir), settings: { maxFileSize: 10_000 } });
    try {
      await client.open(uri, seed);
      // A watcher event for the FIFO: reading it must not wait for a writer.
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(fifo), type: 1 }] });
      await assertHealthy(client);
      const result = (await client.connection.sendRequest('workspace/executeCommand', { command: 'cable.server.lintWorkspace', arguments: [] })) as { files: number };
      assert.equal(result.files, 3, 'the two cables and the open seed');
      assert.ok((client.pushed.get(fileUri(small))?.diagnostics.length ?? 0) > 0, 'the small cable is linted');
      assert.equal(client.pushed.get(fileUri(large)), undefined, 'the large one is skipped');
      assert.equal(client.pushed.get(fileUri(fifo)), undefined);
      await assertHealthy(client);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });
});
