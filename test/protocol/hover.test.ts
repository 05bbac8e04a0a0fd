/** Hovers on the seed cable through the stdio server: every code decodes. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { SEED, readText } from '../helpers/fixtures';
import { fileUri, startClient, type TestClient } from '../helpers/lspClient';

const text = readText(SEED);
const uri = fileUri(SEED);

function positionOf(needle: string, offset = 1): { line: number; character: number } {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  const before = text.slice(0, at + offset);
  const lines = before.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

describe('hover over stdio on the seed cable', () => {
  let client: TestClient;
  before(async () => {
    client = await startClient();
    await client.open(uri, text);
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  const hoverAt = async (needle: string, offset = 1): Promise<string> => {
    const h = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(needle, offset) })) as Hover | null;
    assert.ok(h, `a hover for ${needle}`);
    return (h.contents as MarkupContent).value;
  };

  const cases: [string, RegExp, number?][] = [
    ['DE RUEHTA', /AMEMBASSY ASTANA/, 4],
    ['RUCNCIS', /CIS COLLECTIVE/],
    ['OO RUEHAG', /IMMEDIATE/],
    ['UUUUU', /Unclassified/],
    ['260915Z NOV 08', /2008\\?-11\\?-26T09\\?:15Z/],
    ['[PGOV]', /Internal Governmental Affairs/, 2],
    ['[KZ]', /Kazakhstan/, 2],
    ['SENSITIVE', /Sensitive But Unclassified/i],
    ['SIPDIS\n', /SIPRNet/],
    ['E.O. 12958', /Classified National Security Information/],
    ['3310915', /2008\\?-11\\?-26T09\\?:15Z/],
  ];
  for (const [needle, expected, offset] of cases) {
    it(`decodes ${needle.trim()}`, async () => {
      assert.match(await hoverAt(needle, offset), expected);
    });
  }

  it('answers null where there is nothing to decode', async () => {
    const h = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf('Kaletayev expressed', 3) });
    assert.equal(h, null);
  });
});
