/** Checks that hold for every parse, whatever the input. */
import assert from 'node:assert/strict';
import { documentTokens, type CableDocument } from '../../server/src/core/model/cable';

export function assertDocumentInvariants(doc: CableDocument): void {
  const n = doc.text.length;
  // Nodes cover every line once, in order, with offsets matching their lines.
  let next = 0;
  for (const node of doc.nodes) {
    assert.equal(node.firstLine, next, `node ${node.kind} at line ${node.firstLine}, expected ${next}`);
    assert.ok(node.lastLine >= node.firstLine);
    assert.equal(node.start, doc.lines.starts[node.firstLine]);
    assert.equal(node.end, doc.lines.ends[node.lastLine]);
    for (const t of node.tokens) {
      assert.ok(t.start >= node.start && t.end <= node.end, `token ${t.kind} [${t.start},${t.end}) outside its node [${node.start},${node.end})`);
    }
    next = node.lastLine + 1;
  }
  assert.equal(next, doc.lines.lineCount);
  // Tokens lie inside the text, say what the text says, and come in order.
  let previous = -1;
  for (const t of documentTokens(doc)) {
    assert.ok(t.start >= 0 && t.end <= n && t.start <= t.end, `token ${t.kind} [${t.start},${t.end}) outside the text of ${n}`);
    assert.equal(doc.text.slice(t.start, t.end), t.text, `token ${t.kind} text`);
    assert.ok(t.start >= previous, 'tokens sorted');
    previous = t.start;
  }
  for (const a of doc.artifacts) assert.ok(a.start >= 0 && a.end <= n && a.start <= a.end);
}

export function assertRangeInside(doc: CableDocument, range: { start: { line: number; character: number }; end: { line: number; character: number } }, what: string): void {
  for (const p of [range.start, range.end]) {
    assert.ok(p.line >= 0 && p.line < doc.lines.lineCount, `${what}: line ${p.line} outside 0..${doc.lines.lineCount - 1}`);
    const length = doc.lines.ends[p.line] - doc.lines.starts[p.line];
    assert.ok(p.character >= 0 && p.character <= length, `${what}: character ${p.character} outside line ${p.line} (length ${length})`);
  }
  assert.ok(range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character), `${what}: start after end`);
}
