/**
 * One fixture per variation class of the fields `cable parse` exports (test/fixtures/variants/
 * cases.json): labels, TAGS, page breaks, addressees, references, ids, Classified By,
 * signatures, subjects and summaries, each on a real cable or one made from a real cable by a
 * stated change.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { summarize, type CableSummary } from '../../server/src/core/features/summary';
import { FIXTURES, parseFile } from '../helpers/fixtures';

interface Case {
  class: string;
  file: string;
  source: string;
  expect?: Record<string, unknown>;
  /** The summary's first and last words, and words it must or must not hold. */
  expectSummary?: { start: string; end: string; contains?: string[]; excludes?: string[] };
  /** The Classified By statement as exported (`classifiedBy.text`). */
  expectClassifiedByText?: string;
}

const cases = JSON.parse(readFileSync(path.join(FIXTURES, 'variants', 'cases.json'), 'utf8')) as Case[];

/** The view of a field the expectations use: references and Classified By without their raw text, addressees by name. */
function view(summary: CableSummary, key: string): unknown {
  switch (key) {
    case 'references':
      return summary.references.map((r) => ({ label: r.label, kind: r.kind, ids: r.ids }));
    case 'classifiedBy':
      return summary.classifiedBy && { name: summary.classifiedBy.name, title: summary.classifiedBy.title, reasons: summary.classifiedBy.reasons };
    case 'to':
    case 'info':
    case 'exclusions':
      return summary[key].map((a) => a.name);
    default:
      return (summary as unknown as Record<string, unknown>)[key];
  }
}

describe('variation classes', () => {
  for (const c of cases) {
    it(`${c.class} (${c.source})`, () => {
      const file = path.join(FIXTURES, c.file);
      const summary = summarize(parseFile(file));
      for (const [key, expected] of Object.entries(c.expect ?? {})) assert.deepEqual(view(summary, key), expected, key);
      if (c.expectSummary) {
        const text = (summary.summary ?? '').replace(/\s+/g, ' ');
        assert.ok(text.startsWith(c.expectSummary.start), `summary starts "${text.slice(0, 60)}"`);
        assert.ok(text.endsWith(c.expectSummary.end), `summary ends "${text.slice(-60)}"`);
        for (const words of c.expectSummary.contains ?? []) assert.ok(text.includes(words), `summary holds "${words}"`);
        for (const words of c.expectSummary.excludes ?? []) assert.ok(!text.includes(words), `summary does not hold "${words}"`);
      }
      if (c.expectClassifiedByText !== undefined) assert.equal(summary.classifiedBy?.text, c.expectClassifiedByText, 'classifiedBy.text');
    });
  }
});

describe('Classified By with the first paragraph run onto its line', () => {
  it('gives the reason tokens of the statement, not the paragraph\'s portion mark', () => {
    const doc = parseFile(path.join(FIXTURES, 'variants', '07MANAMA1060.cable'));
    assert.deepEqual(doc.textHeader.classifiedBy?.reasons.map((t) => t.text), ['1.4 (b) and (d)']);
  });
});

describe('Classified By of a full copy after a preview', () => {
  it('is the copy\'s header line, not a line inside paragraph 1', () => {
    // `Classified By: Char...` in the preview, the full line in the database record after it.
    const doc = parseFile(path.join(FIXTURES, 'variants', '09THEHAGUE328.cable'));
    assert.match(doc.textHeader.classifiedBy?.text ?? '', /^Classified By: Charge d'Affaires Michael F. Gallagher/);
    assert.equal(doc.textHeader.classifiedBy?.inBody, false);
  });
});

describe('an addressee\'s office', () => {
  it('is exported without its // delimiters', () => {
    // Real cable (corpus/dev): `RUEAIIA/CIA WASHINGTON DC//CTC//`.
    const info = summarize(parseFile(path.join(FIXTURES, 'variants', '10DOHA60.cable'))).info;
    assert.deepEqual(info[info.length - 1], { ri: 'RUEAIIA', name: 'CIA WASHINGTON DC', precedence: null, mcn: null, office: 'CTC' });
  });
});
