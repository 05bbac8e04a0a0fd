/**
 * The one fix applier (core/rules/fixes.ts): which fixes win, that a fix is taken whole, and
 * that the CLI, fix-on-save and "fix all of this rule" all use it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { combineFixes, fixAllAction } from '../../server/src/core/features/codeActions';
import { parse } from '../../server/src/core/parser/parse';
import { fixText, lint } from '../../server/src/core/rules/engine';
import { applyEdits, selectFixes } from '../../server/src/core/rules/fixes';
import type { TextEdit } from '../../server/src/core/rules/types';
import { builtinTables } from '../../server/src/core/tables/codeTables';
import { SEED } from '../helpers/fixtures';
import { assertLinear } from '../helpers/linear';

const tables = builtinTables();
const parseText = (text: string) => parse(text, { station: tables.station });
const edit = (start: number, end: number, newText: string): TextEdit => ({ start, end, newText });
const chosenOf = (fixes: TextEdit[][]) => selectFixes(fixes, (f) => f).chosen.map((f) => fixes.indexOf(f));

describe('selectFixes', () => {
  it('takes fixes in the order given; a later fix that overlaps one taken is left out', () => {
    assert.deepEqual(chosenOf([[edit(2, 5, 'x')], [edit(4, 6, 'y')], [edit(5, 7, 'z')]]), [0, 2]);
    assert.deepEqual(chosenOf([[edit(4, 6, 'y')], [edit(2, 5, 'x')]]), [0]);
  });

  it('takes a fix whole or not at all', () => {
    // The second fix's first edit is free but its second overlaps the first fix: none of it is taken.
    const fixes = [[edit(10, 12, 'a')], [edit(0, 1, 'b'), edit(11, 13, 'c')], [edit(0, 1, 'd')]];
    assert.deepEqual(chosenOf(fixes), [0, 2]);
    assert.deepEqual(selectFixes(fixes, (f) => f).edits.map((e) => e.newText), ['d', 'a']);
  });

  it('keeps an insertion apart from an edit at the same offset or inside a replaced range', () => {
    assert.deepEqual(chosenOf([[edit(3, 3, 'a')], [edit(3, 3, 'b')]]), [0]);
    assert.deepEqual(chosenOf([[edit(3, 3, 'a')], [edit(3, 5, 'b')]]), [0]);
    assert.deepEqual(chosenOf([[edit(3, 5, 'b')], [edit(3, 3, 'a')]]), [0]);
    assert.deepEqual(chosenOf([[edit(2, 6, 'b')], [edit(4, 4, 'a')]]), [0]);
    assert.deepEqual(chosenOf([[edit(4, 4, 'a')], [edit(2, 6, 'b')]]), [0]);
    // Touching is not overlapping: an insertion at the end of a replacement, adjacent ranges.
    assert.deepEqual(chosenOf([[edit(2, 4, 'b')], [edit(4, 4, 'a')], [edit(4, 6, 'c')]]), [0, 1]);
    assert.deepEqual(chosenOf([[edit(2, 4, 'b')], [edit(4, 6, 'c')]]), [0, 1]);
  });

  it('leaves out a fix whose own edits overlap, and malformed edits', () => {
    assert.deepEqual(chosenOf([[edit(0, 3, 'a'), edit(2, 4, 'b')], [edit(5, 4, 'c')], [edit(-1, 0, 'd')], [edit(1, 2, 'e')]]), [3]);
  });

  it('chooses among 80,000 fixes, every other one overlapping its neighbour', () => {
    const fixes: TextEdit[][] = [];
    for (let i = 0; i < 80_000; i++) fixes.push([edit(i * 2, i * 2 + 3, String(i))]);
    const { chosen, edits } = selectFixes(fixes, (f) => f);
    assert.equal(chosen.length, 40_000);
    assert.ok(edits.every((e, i) => e.start === i * 4));
  });
});

describe('applyEdits', () => {
  it('applies sorted edits in one pass and skips one that does not fit', () => {
    const result = applyEdits('abcdef', [edit(4, 5, 'E'), edit(0, 1, 'A'), edit(0, 2, 'X'), edit(3, 3, '-'), edit(5, 9, '!')]);
    assert.equal(result.text, 'Abc-dEf');
    assert.equal(result.applied.length, 3);
  });
});

describe('every way of fixing uses the same choice', () => {
  const text = readFileSync(new URL('../fixtures/seed/08ASTANA2361.cable', import.meta.url), 'utf8');

  it('fix-on-save and one pass of cable fix make the same edits on the seed cable', () => {
    const doc = parseText(text);
    const problems = lint(doc, { tables });
    const action = fixAllAction('file:///seed.cable', doc, problems);
    assert.ok(action?.edit?.changes);
    const safe = problems.filter((p) => p.fix && p.fix.safe !== false && p.fix.edits.length);
    const expected = selectFixes(safe, (p) => p.fix!.edits).edits;
    assert.equal(action.edit.changes['file:///seed.cable'].length, expected.length);
    assert.deepEqual(combineFixes(safe.map((p) => p.fix!.edits)), expected);
    // cable fix reaches a fixed point that starts with the same first pass.
    const onePass = applyEdits(text, expected).text;
    const fixed = fixText(text, parseText, { tables }).text;
    assert.equal(fixText(onePass, parseText, { tables }).text, fixed);
  });

  it('80,000 HTML ampersands in one paragraph are all fixed, and fixing again changes nothing', () => {
    const cable = `UNCLAS ROME 000001\nTAGS: PREL\nSUBJECT: X\n\n1. (U) ${'word &amp; word '.repeat(80_000)}\n`;
    const result = fixText(cable, parseText, { tables });
    assert.equal(result.text, `UNCLAS ROME 000001\nTAGS: PREL\nSUBJECT: X\n\n1. (U) ${'word & word '.repeat(80_000)}\n`);
    assert.equal(result.applied.length, 80_000);
    assert.equal(fixText(result.text, parseText, { tables }).text, result.text);
  });
});

describe('fixing takes time linear in the input', () => {
  // One file of many cables with many fixes each (`cable fix --dry-run` on an archive dump):
  // the seed's Markdown rendering and misread pilcrows, and lines ending in a backslash
  // with `&amp;amp;` in the text, tens of thousands of fixes at the larger size.
  const seed = readFileSync(SEED, 'utf8');
  const damaged = seed
    .split('\n')
    .map((line) => (line.trim() ? `${line.replace(/ and /g, ' &amp;amp; ')} \\` : line))
    .join('\n');
  const run = (text: string) => fixText(text, parseText, { tables });
  it('the seed cable repeated', () => assertLinear('seed', run, (n) => `${seed}\n`.repeat(n), 25));
  it('backslash line ends and doubly escaped ampersands', () => assertLinear('damaged', run, (n) => `${damaged}\n`.repeat(n), 25));
});

describe('fixes a file cannot hold', () => {
  it('are left out and named once, at their line in the text as it was, however many passes the other fixes take', () => {
    const cable = readFileSync(SEED, 'utf8').replace(/\r\n/g, '\n');
    // A section break run into the text before it: its fix breaks the line, so the reference is a line further down on the next pass.
    const text = `${cable.trimEnd()}\nThe break ASTANA 00002361  002 OF 002 runs on.\nKaren &#269;apek and the minister&#146;s plan.\n`;
    const line = text.split('\n').findIndex((l) => l.startsWith('Karen'));
    const cp1252 = (s: string) => [...s].every((c) => c.charCodeAt(0) < 0x100 || '’“”–—…'.includes(c));
    const result = fixText(text, parseText, { tables }, cp1252);
    assert.deepEqual(result.unwritable.map((u) => [u.title, u.line]), [['Replace "&#269;" with "č"', line]]);
    assert.ok(result.text.includes('Karen &#269;apek and the minister’s plan.'), 'the other fix on the line is made');
    assert.ok(result.applied.length >= 2, 'the section break and the other fixes are made');
    assert.equal(fixText(text, parseText, { tables }).unwritable.length, 0, 'without the test, nothing is left out');
  });
});
