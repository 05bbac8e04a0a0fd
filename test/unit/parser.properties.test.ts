/**
 * Properties of the parser on any input: it never throws, its nodes cover the input, its
 * ranges lie inside the document; and it runs in time linear in the input.
 */
import { describe, it } from 'node:test';
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { summarize } from '../../server/src/core/features/summary';
import { fixText, lint } from '../../server/src/core/rules/engine';
import { lineBreakOf } from '../../server/src/core/rules/util';
import { builtinTables } from '../../server/src/core/tables/codeTables';
import { decodeBytes } from '../../server/src/core/text/decode';
import { corpusFiles, parseText, readText } from '../helpers/fixtures';
import { editedCableOf } from '../helpers/arbitraries';
import { assertDocumentInvariants } from '../helpers/invariants';
import { assertLinear as assertLinearTime } from '../helpers/linear';

const corpus = corpusFiles().map(readText);
const sample = (k: number): string => corpus[k % corpus.length];

const editedCable = editedCableOf(corpus);

describe('parser properties', () => {
  it('holds its invariants on random bytes (decoded as a file would be)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
        assertDocumentInvariants(parseText(decodeBytes(bytes).text));
      }),
      { numRuns: 300 },
    );
  });

  it('holds its invariants on random strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (text) => {
        assertDocumentInvariants(parseText(text));
      }),
      { numRuns: 300 },
    );
  });

  it('holds its invariants on edited and truncated real cables', () => {
    fc.assert(
      fc.property(editedCable, (text) => {
        assertDocumentInvariants(parseText(text));
      }),
      { numRuns: 400 },
    );
  });

  it('holds its invariants on every corpus cable, whole and cut at random points', () => {
    for (const text of corpus) {
      assertDocumentInvariants(parseText(text));
      for (const cut of [0.1, 0.33, 0.5, 0.77]) assertDocumentInvariants(parseText(text.slice(0, Math.floor(text.length * cut))));
    }
  });
});

/** Best of several timings of `parse(make(n))`, in ms. */
const assertLinear = (name: string, make: (n: number) => string, n: number): void => assertLinearTime(name, (text) => parseText(text), make, n);

describe('line ends', () => {
  it('a cable with old Mac line ends (a lone CR) is read as with LF or CRLF: the same findings and fields', () => {
    const tables = builtinTables();
    const findings = (text: string): string[] => {
      const doc = parseText(text);
      // Messages may quote a line break of the text (`End\ncomment`): compared as LF.
      return lint(doc, { tables }).map((p) => `${doc.lines.lineAt(p.start)} ${p.ruleId} ${p.message.replace(/\r\n?/g, '\n')}`);
    };
    // Every field but the renderings (a CRLF file says so there).
    const fields = (text: string): string => JSON.stringify({ ...summarize(parseText(text)), renderings: undefined }).replace(/\\r\\n|\\r/g, '\\n');
    for (const original of corpus) {
      const lf = original.replace(/\r\n?/g, '\n');
      for (const other of [lf.replace(/\n/g, '\r'), lf.replace(/\n/g, '\r\n')]) {
        assert.deepEqual(findings(other), findings(lf));
        assert.equal(fields(other), fields(lf));
      }
    }
  });

  it('a fix that breaks a line writes the file\'s own line break: CR in a CR file', () => {
    assert.equal(lineBreakOf('UNCLAS ROME 000001\rTAGS: PREL\r'), '\r');
    assert.equal(lineBreakOf('UNCLAS ROME 000001\r\nTAGS: PREL\r\n'), '\r\n');
    assert.equal(lineBreakOf('UNCLAS ROME 000001\nTAGS: PREL\n'), '\n');
    assert.equal(lineBreakOf('one line'), '\n');
    const cable = 'UNCLAS ASTANA 002361\r\rE.O. 12958: N/A\rTAGS: PGOV KZ\rSUBJECT: NOTES\r\r1. (U) Text here ASTANA 00002361  002 OF 002  more text.\r\r2. (U) End.\rHOAGLAND\r';
    const fixed = fixText(cable, parseText, { tables: builtinTables() }).text;
    assert.notEqual(fixed, cable);
    assert.ok(!fixed.includes('\n'), JSON.stringify(fixed));
    assert.match(fixed, /Text here\rASTANA 00002361  002 OF 002\rmore text\./);
  });
});

describe('parser time is linear in the input', () => {
  const seed = sample(0);
  // The hostile shapes, starting from an eighth of its sizes (a 1 MB line, 100,000
  // blank lines, 100,000 paragraphs, 10,000 REF items, a TAGS line of 50,000 tokens).
  it('concatenated cables', () => assertLinear('cables', (n) => Array.from({ length: n }, (_, k) => sample(k)).join('\n'), 75));
  // Grown from 140 KB it stops at a 1.1 MB line (against 8.9 MB): from 62,500 it went on to 2 MB,
  // and the 16 MB line no longer fits in this machine's cache (read 2-3x as slowly a character).
  it('one long line', () => assertLinear('long line', (n) => 'UNCLAS ' + 'A '.repeat(n), 70_000));
  it('a long line of spaces after a level word', () => assertLinear('spaces', (n) => 'C O N F I D E N T I A L' + ' '.repeat(n), 125_000));
  it('blank lines', () => assertLinear('blank lines', (n) => seed + '\n'.repeat(n), 12_500));
  // A long line full of the number a run-in paragraph would have (`… see para 5. (C) …`, not one:
  // no sentence ends before it). Numbers stop at 999, so the candidates, not the paragraphs, grow.
  it('candidates for a paragraph run onto a long line', () => assertLinear('run-in', (n) => seed + '\n4. (C) Text. ' + 'See para 5. (C) and '.repeat(n), 6_250));
  it('numbered paragraphs', () => assertLinear('paragraphs', (n) => seed + Array.from({ length: n }, (_, k) => `\n${k + 1}. (C) Text of paragraph ${k + 1}, see ref A.\n`).join(''), 12_500));
  it('REF items', () => assertLinear('refs', (n) => 'UNCLAS STATE 000001\nTAGS: PGOV\nSUBJECT: X\nREF: ' + Array.from({ length: n }, (_, k) => `${String.fromCharCode(65 + (k % 26))}. STATE ${k + 1}`).join('\n'), 1_250));
  it('a TAGS line of many tokens', () => assertLinear('tags', (n) => 'UNCLAS STATE 000001\nTAGS: ' + 'PGOV '.repeat(n) + '\nSUBJECT: X', 6_250));
  it('many citations and markers on one line', () => assertLinear('citations', (n) => seed + '\n1. (U) ' + 'ref A, refs B and C; END NOTE. (NOTE: x) COMMENT: '.repeat(n), 2_500));
});
