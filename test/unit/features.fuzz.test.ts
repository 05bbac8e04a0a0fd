/**
 * Every feature on any input: random bytes, random strings, and real cables edited and cut at
 * random. No feature may throw, and every result must be valid LSP inside the document:
 * ranges on existing lines and characters, starts before ends, children inside parents,
 * semantic tokens on their lines, code-action edits that apply cleanly.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Diagnostic } from 'vscode-languageserver-types';
import { codeActions } from '../../server/src/core/features/codeActions';
import { completion } from '../../server/src/core/features/completion';
import { documentSymbols } from '../../server/src/core/features/documentSymbols';
import { hover } from '../../server/src/core/features/hover';
import { inlayHints } from '../../server/src/core/features/inlayHints';
import { definition, documentHighlights, references } from '../../server/src/core/features/citations';
import { documentLinks } from '../../server/src/core/features/documentLinks';
import { foldingRanges } from '../../server/src/core/features/foldingRanges';
import { selectionRanges } from '../../server/src/core/features/selectionRanges';
import { LEGEND, semanticTokens } from '../../server/src/core/features/semanticTokens';
import { summarize } from '../../server/src/core/features/summary';
import { indexEntry } from '../../server/src/core/features/workspace';
import { documentTokens, type CableDocument } from '../../server/src/core/model/cable';
import { lint, toDiagnostic } from '../../server/src/core/rules/engine';
import { builtinTables } from '../../server/src/core/tables/codeTables';
import { decodeBytes } from '../../server/src/core/text/decode';
import { editedCableOf } from '../helpers/arbitraries';
import { corpusFiles, parseText, readText } from '../helpers/fixtures';
import { assertRangeInside } from '../helpers/invariants';

type Range = Parameters<typeof assertRangeInside>[1];
const tables = builtinTables();
const uri = 'file:///fuzz/cable.cable';
const corpus = corpusFiles().map(readText);

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** A few offsets worth probing: every token's start and middle, and spread positions. */
function probes(doc: CableDocument, spread: number[]): number[] {
  const n = doc.text.length;
  const out = new Set<number>([0, n, ...spread.map((f) => Math.floor(f * n))]);
  for (const t of documentTokens(doc).slice(0, 60)) {
    out.add(t.start);
    out.add((t.start + t.end) >> 1);
  }
  return [...out];
}

function checkAllFeatures(text: string, spread: number[]): void {
  const doc = parseText(text);
  const lineCount = doc.lines.lineCount;
  const inside = (range: Range, what: string): void => assertRangeInside(doc, range, what);

  // Diagnostics and code actions: ranges inside, edits inside and not overlapping.
  const problems = lint(doc, { tables });
  // The engine keeps a failing rule from taking the others down; here a failure is a bug.
  for (const p of problems) assert.ok(!p.ruleFailed, p.message);
  const diagnostics: Diagnostic[] = problems.map((p) => toDiagnostic(doc, p));
  for (const d of diagnostics) inside(d.range, `diagnostic ${String(d.code)}`);
  for (const action of codeActions({ uri, doc, diagnostics, problems })) {
    const edits = action.edit?.changes?.[uri] ?? [];
    for (const e of edits) inside(e.range, `code action "${action.title}"`);
    const sorted = [...edits].sort((a, b) => doc.lines.offsetAt(a.range.start) - doc.lines.offsetAt(b.range.start));
    for (let k = 1; k < sorted.length; k++) {
      assert.ok(doc.lines.offsetAt(sorted[k - 1].range.end) <= doc.lines.offsetAt(sorted[k].range.start), `code action "${action.title}": overlapping edits`);
    }
  }

  // Outline: children inside parents, selection inside range.
  const walk = (symbols: ReturnType<typeof documentSymbols>, parent?: Range): void => {
    for (const s of symbols) {
      inside(s.range, `symbol ${s.name}`);
      inside(s.selectionRange, `symbol ${s.name} selection`);
      assert.ok(contains(s.range, s.selectionRange), `symbol ${s.name}: selection outside its range`);
      if (parent) assert.ok(contains(parent, s.range), `symbol ${s.name}: outside its parent`);
      assert.ok(s.name.length > 0, 'symbol without a name');
      walk(s.children ?? [], s.range);
    }
  };
  walk(documentSymbols(doc));

  for (const f of foldingRanges(doc)) {
    assert.ok(f.startLine >= 0 && f.startLine < f.endLine && f.endLine < lineCount, `folding range ${f.startLine}-${f.endLine} of ${lineCount} lines`);
  }

  const offsets = probes(doc, spread);
  const positions = offsets.map((o) => doc.lines.positionAt(o));
  for (const [k, selection] of selectionRanges(doc, positions).entries()) {
    for (let r: typeof selection | undefined = selection; r; r = r.parent) {
      inside(r.range, 'selection range');
      assert.ok(contains(r.range, { start: positions[k], end: positions[k] }), 'selection range does not contain its position');
      if (r.parent) assert.ok(contains(r.parent.range, r.range), 'selection range outside its parent');
    }
  }

  for (const link of documentLinks(doc, { fileOf: () => 'file:///fuzz/other.cable', archiveUrl: 'https://example.org/cable/{id}' })) {
    inside(link.range, 'document link');
    assert.ok(link.target === undefined || /^(file|https):/.test(link.target), `link target ${link.target}`);
  }

  for (const offset of offsets) {
    const h = hover(doc, offset, tables);
    if (h) {
      if (h.range) inside(h.range, 'hover');
      const value = typeof h.contents === 'string' ? h.contents : 'value' in h.contents ? h.contents.value : '';
      assert.ok(value.length > 0, 'empty hover');
    }
    for (const l of definition(doc, uri, offset)) inside(l.range, 'definition');
    for (const l of references(doc, uri, offset, true)) if (l.uri === uri) inside(l.range, 'reference');
    for (const h2 of documentHighlights(doc, offset)) inside(h2.range, 'highlight');
    const position = doc.lines.positionAt(offset);
    const list = completion(doc, position, tables, { now: new Date(Date.UTC(2026, 10, 28)) });
    for (const item of list.items) {
      assert.ok(item.label.length > 0, 'completion without a label');
      const edit = item.textEdit;
      if (edit && 'range' in edit) inside(edit.range, `completion ${item.label}`);
    }
  }

  // Semantic tokens: each on one line, inside it, with a known type.
  const data = semanticTokens(doc, tables).data;
  assert.equal(data.length % 5, 0);
  let line = 0;
  let character = 0;
  for (let k = 0; k < data.length; k += 5) {
    const [deltaLine, deltaStart, length, type] = data.slice(k, k + 4);
    assert.ok(deltaLine >= 0 && deltaStart >= 0 && length > 0, 'semantic token deltas');
    line += deltaLine;
    character = deltaLine ? deltaStart : character + deltaStart;
    assert.ok(line < lineCount, 'semantic token line');
    assert.ok(character + length <= doc.lines.ends[line] - doc.lines.starts[line], `semantic token past the end of line ${line}`);
    assert.ok(type < LEGEND.tokenTypes.length, 'semantic token type');
  }

  for (const hint of inlayHints(doc, tables)) inside({ start: hint.position, end: hint.position }, 'inlay hint');

  const entry = indexEntry(doc, uri);
  inside(entry.range, 'index entry');
  summarize(doc);
}

describe('features on any input', () => {
  const spread = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 });

  it('real cables edited and cut at random', () => {
    fc.assert(
      fc.property(editedCableOf(corpus), spread, (text, at) => checkAllFeatures(text, at)),
      { numRuns: 250, ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED), path: process.env.FUZZ_PATH } : {}) },
    );
  });

  it('random bytes, decoded as a file would be', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), spread, (bytes, at) => checkAllFeatures(decodeBytes(bytes).text, at)),
      { numRuns: 150 },
    );
  });

  it('random strings, including lone surrogates and every line break', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 1500 }), spread, (text, at) => checkAllFeatures(text, at)),
      { numRuns: 150 },
    );
  });

  // To replay a failure: FUZZ_FILE=counterexample.cable, or FUZZ_SEED and FUZZ_PATH from the report.
  if (process.env.FUZZ_FILE) it(`the file ${process.env.FUZZ_FILE}`, () => checkAllFeatures(readFileSync(process.env.FUZZ_FILE as string, 'utf8'), []));

  it('every corpus cable, whole', () => {
    for (const text of corpus) checkAllFeatures(text, [0.25, 0.5, 0.75]);
  });
});
