/** Outline, folding, selection ranges, links, definitions and references on real cables. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { DocumentSymbol, SelectionRange } from 'vscode-languageserver-types';
import { documentSymbols } from '../../server/src/core/features/documentSymbols';
import { definition, documentHighlights, references } from '../../server/src/core/features/citations';
import { documentLinks } from '../../server/src/core/features/documentLinks';
import { foldingRanges } from '../../server/src/core/features/foldingRanges';
import { selectionRanges } from '../../server/src/core/features/selectionRanges';
import { indexEntry, workspaceSymbols } from '../../server/src/core/features/workspace';
import { CORPUS, SEED, parseFile } from '../helpers/fixtures';
import { assertRangeInside } from '../helpers/invariants';

const corpus = (id: string): string => path.join(CORPUS, `${id}.cable`);

function names(symbols: DocumentSymbol[]): string[] {
  return symbols.map((s) => s.name);
}

function within(outer: DocumentSymbol['range'], inner: DocumentSymbol['range']): boolean {
  const before = (a: { line: number; character: number }, b: { line: number; character: number }) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

describe('outline', () => {
  const seed = documentSymbols(parseFile(SEED));
  it('shows the header with its addressee lists, then the text header fields', () => {
    assert.deepEqual(names(seed).slice(0, 7), ['Header', 'Classification', 'Captions', 'E.O.', 'TAGS', 'KAZAKHSTAN: ALMATY NOTES, NOVEMBER 10 - NOVEMBER 21, 2008', '¶1 (U) NOTE: The "Almaty Notes" series is intended to…']);
    const header = seed[0];
    assert.deepEqual(names(header.children!), ['Transmission id', 'Routing', 'DE', 'Security', 'DTG', 'FM', 'TO', 'INFO']);
    assert.equal(header.children!.find((c) => c.name === 'INFO')!.children!.length, 12);
  });
  it('shows the subject, six headings and seven paragraphs (¶1 before the first heading, one under each heading)', () => {
    const headings = seed.filter((s) => s.kind === 3 /* Namespace */ && s.name !== 'Header');
    assert.equal(headings.length, 6);
    for (const h of headings) {
      assert.equal(h.children!.length, 1);
      assert.match(h.children![0].name, /^¶[2-7] \(U\) /);
      assert.ok(within(h.range, h.children![0].range));
    }
    assert.equal(headings[3].children![0].name, '¶5 (U) Foreign migrant laborers down on their luck pose…');
    assert.equal(seed.filter((s) => s.name.startsWith('¶')).length, 1);
    assert.ok(seed.some((s) => s.name === 'Note'));
    assert.equal(seed[seed.length - 1].name, 'HOAGLAND');
  });
  it('lists references with their items, and sub-paragraphs under paragraphs', () => {
    const quito = documentSymbols(parseFile(corpus('08QUITO264')));
    const refs = quito.find((s) => s.name === 'References')!;
    assert.deepEqual(refs.children!.map((c) => [c.name, c.detail]), [
      ['A. QUITO 263', '08QUITO263'],
      ['B. QUITO 251', '08QUITO251'],
      ['C. QUITO 248', '08QUITO248'],
    ]);
    const state = documentSymbols(parseFile(corpus('08STATE103511')));
    const withSubs = state.flatMap((s) => [s, ...(s.children ?? [])]).filter((s) => s.name.startsWith('¶') && s.children?.length);
    assert.ok(withSubs.length > 0);
  });
  it('keeps every child inside its parent, on every corpus cable', () => {
    const check = (list: DocumentSymbol[]) => {
      for (const s of list) {
        assert.ok(within(s.range, s.selectionRange), `${s.name}: selection inside range`);
        for (const c of s.children ?? []) assert.ok(within(s.range, c.range), `${c.name} inside ${s.name}`);
        check(s.children ?? []);
      }
    };
    for (const id of ['08QUITO264', '06MEXICO1476', '00HARARE5461', '07BERN171', '10HANOI7', '09USEUBRUSSELS1177', '08MOSCOW2414']) check(documentSymbols(parseFile(corpus(id))));
  });
  it('starts a paragraph run onto a line at its number, and ends the one before there', () => {
    // `… Lavrov Defiant -------------- 3. (U) FM Lavrov …` / `… collective action." 4. (U) …`: one line.
    const doc = parseFile(corpus('08MOSCOW2414'));
    const all = (list: DocumentSymbol[]): DocumentSymbol[] => list.flatMap((s) => [s, ...all(s.children ?? [])]);
    const symbols = all(documentSymbols(doc)).filter((s) => /^¶[2-5] /.test(s.name));
    const [two, three, four] = doc.body.paragraphs.slice(1, 4);
    assert.deepEqual(
      symbols.map((s) => s.name.split(' ')[0]),
      ['¶2', '¶3', '¶4', '¶5'],
    );
    assert.deepEqual(symbols[0].range.start, { line: 32, character: 0 });
    assert.deepEqual(symbols[0].range.end, doc.lines.positionAt(two.span.end));
    assert.deepEqual(symbols[1].range.start, doc.lines.positionAt(three.numberToken.start));
    assert.ok(symbols[1].range.start.character > 0);
    assert.deepEqual(symbols[1].range.end, doc.lines.positionAt(three.span.end));
    assert.deepEqual(symbols[2].range.start, doc.lines.positionAt(four.span.start));
    assert.ok(doc.text.slice(two.span.end - 8, two.span.end).endsWith('--------'), 'paragraph 2 ends before the number');
  });
});

describe('folding', () => {
  it('folds the header, addressee lists, REF list, headings, paragraphs and blocks', () => {
    const doc = parseFile(corpus('08QUITO264'));
    const ranges = foldingRanges(doc);
    const has = (start: number, end: number) => ranges.some((r) => r.startLine === start && r.endLine === end);
    assert.ok(has(0, 16), 'transmission header');
    assert.ok(has(8, 16), 'INFO list');
    const refs = doc.textHeader.refs!;
    assert.ok(ranges.some((r) => r.startLine === refs.firstLine && r.endLine >= refs.firstLine + 2), 'REF list');
    for (const p of doc.body.paragraphs.filter((x) => x.lastLine > x.firstLine)) assert.ok(has(p.firstLine, p.lastLine), `paragraph ${p.number}`);
    const summary = doc.body.blocks.find((b) => b.kind === 'summary')!;
    assert.ok(has(summary.start!.line, summary.end!.line), 'summary block');
    for (const h of doc.body.headings) assert.ok(ranges.some((r) => r.startLine === h.line), `heading ${h.token.text}`);
  });
  it('folds a paragraph up to the line where the next one was run on', () => {
    const doc = parseFile(corpus('08MOSCOW2414'));
    const [twenty, last] = doc.body.paragraphs.slice(-2);
    assert.deepEqual([twenty.number, twenty.firstLine, twenty.lastLine, last.number, last.runIn, last.firstLine], [20, 69, 71, 21, true, 71]);
    const ranges = foldingRanges(doc);
    assert.ok(ranges.some((r) => r.startLine === 69 && r.endLine === 70));
    assert.ok(!ranges.some((r) => r.startLine === 69 && r.endLine === 71));
  });
});

describe('selection ranges', () => {
  it('grow from the token to the field, line, paragraph, section and document', () => {
    const doc = parseFile(SEED);
    const pos = doc.lines.positionAt(doc.text.indexOf('RUEHBJ'));
    const chain: string[] = [];
    const ranges: SelectionRange['range'][] = [];
    for (let r: SelectionRange | undefined = selectionRanges(doc, [pos])[0]; r; r = r.parent) {
      assertRangeInside(doc, r.range, 'selection');
      ranges.push(r.range);
      chain.push(doc.text.slice(doc.lines.offsetAt(r.range.start), doc.lines.offsetAt(r.range.end)));
    }
    // The token, its addressee line, the INFO list, the transmission header, the document.
    assert.equal(chain.length, 5);
    assert.equal(chain[0], 'RUEHBJ');
    assert.equal(chain[1], 'RUEHBJ/AMEMBASSY BEIJING 0274');
    assert.ok(chain[2].startsWith('INFO RUCNCIS/CIS COLLECTIVE 0867\n'), chain[2].slice(0, 40));
    assert.ok(chain[2].includes('RUEHBJ/AMEMBASSY BEIJING 0274') && !chain[2].includes('BT'), 'the INFO list, and only it');
    assert.deepEqual(ranges[3].start, { line: 0, character: 0 });
    assert.ok(chain[3].includes('VZCZC') && chain[3].includes('SUBJECT: KAZAKHSTAN') && ranges[3].end.line < doc.body.paragraphs[0].firstLine, 'the header, up to the body');
    assert.equal(chain[4], doc.text);
  });
});

describe('links, definitions, references', () => {
  const quito = parseFile(corpus('08QUITO264'));
  it('link REF items to the workspace file, else to the archive', () => {
    const links = documentLinks(quito, { fileOf: (id) => (id === '08QUITO263' ? 'file:///w/08QUITO263.cable' : undefined), archiveUrl: 'https://example.org/{id}.html' });
    assert.deepEqual(links.map((l) => l.target), ['file:///w/08QUITO263.cable', 'https://example.org/08QUITO251.html', 'https://example.org/08QUITO248.html']);
    assert.deepEqual(documentLinks(quito, { fileOf: () => undefined, archiveUrl: '' }), []);
  });
  it('go from "ref A" to the REF item, and back', () => {
    const doc = parseFile(corpus('09KUALALUMPUR752'));
    const at = doc.text.indexOf('ref A');
    const defs = definition(doc, 'u', at + 1);
    assert.equal(defs.length, 1);
    assert.match(doc.text.slice(doc.lines.offsetAt(defs[0].range.start), doc.lines.offsetAt(defs[0].range.end)), /^A\. SECSTATE 90063/);
    const itemA = doc.textHeader.refs!.items[0];
    const refs = references(doc, 'u', itemA.span.start + 1, true);
    assert.deepEqual(refs.map((r) => doc.text.slice(doc.lines.offsetAt(r.range.start), doc.lines.offsetAt(r.range.end))), ['A. SECSTATE 90063', 'ref A', 'reftel (a)']);
    const highlights = documentHighlights(doc, at + 1);
    assert.deepEqual(highlights.map((h) => h.kind), [3, 2, 2]); // Write, Read, Read
  });
  it('"reftels" points at all the REF items', () => {
    const doc = parseFile(corpus('08QUITO264'));
    assert.equal(definition(doc, 'u', doc.text.indexOf('reftels') + 2).length, 3);
  });
  it('a bare "reftel" points at the single REF item', () => {
    const doc = parseFile(corpus('07LONDON519'));
    const at = doc.text.indexOf('reftel');
    const defs = definition(doc, 'u', at + 2);
    assert.equal(defs.length, 1);
    assert.match(doc.text.slice(doc.lines.offsetAt(defs[0].range.start), doc.lines.offsetAt(defs[0].range.end)), /STATE 14467/);
  });
});

describe('workspace symbols', () => {
  const entries = ['08QUITO264', '08QUITO263', '07LONDON519', '06MEXICO1476'].filter((id) => id !== '08QUITO263').map((id) => indexEntry(parseFile(corpus(id)), `file:///w/${id}.cable`));
  it('find cables by id, subject words, origin and date', () => {
    assert.equal(workspaceSymbols(entries, '08QUITO264')[0].name.split(':')[0], '08QUITO264');
    assert.equal(workspaceSymbols(entries, 'correa rhetoric')[0].name.split(':')[0], '08QUITO264');
    assert.equal(workspaceSymbols(entries, 'london').length, 1);
    assert.equal(workspaceSymbols(entries, '2006-03').length, 1);
    assert.equal(workspaceSymbols(entries, '').length, 3);
    assert.equal(workspaceSymbols(entries, 'nothing-like-this').length, 0);
  });
  it('record the ids a cable cites', () => {
    assert.deepEqual(entries[0].cites, ['08QUITO263', '08QUITO251', '08QUITO248']);
  });
});
