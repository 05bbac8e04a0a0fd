/**
 * Compares what the parser exports (`cable parse`'s summary) with the hand-checked
 * expectations of test/fixtures/fields/<ID>.json (see the README there). Used by
 * test/unit/parser.fields.test.ts and by scripts/fieldReport.ts.
 */
import type { CableSummary } from '../../server/src/core/features/summary';

export interface FieldExpectation {
  tags: string[];
  subject: string | null;
  subjectMark: string | null;
  references: { label: string | null; kind: string; ids: string[] }[];
  classifiedBy: { name: string | null; title: string | null; reasons: string[] } | null;
  signers: string[];
  summary: { start: string; end: string } | null;
}

export const FIELDS = ['id', 'tags', 'subject', 'subjectMark', 'references', 'classifiedBy', 'signers', 'summary'] as const;
export type FieldName = (typeof FIELDS)[number];

const space = (s: string): string => s.replace(/\s+/g, ' ').trim();
const words = (s: string): string[] => space(s).split(' ');

/** Each field as a comparable string: what was expected and what the parser gave. */
export function compareFields(id: string, summary: CableSummary, expected: FieldExpectation): Record<FieldName, { expected: string; got: string }> {
  const summaryOf = (text: string | null): string => {
    if (!text) return 'null';
    const w = words(text);
    return `${w.slice(0, 6).join(' ')} … ${w.slice(-6).join(' ')}`;
  };
  return {
    id: { expected: id, got: String(summary.id) },
    tags: { expected: expected.tags.join(' | '), got: summary.tags.join(' | ') },
    subject: { expected: expected.subject === null ? 'null' : space(expected.subject), got: summary.subject === null ? 'null' : space(summary.subject) },
    subjectMark: { expected: String(expected.subjectMark), got: String(summary.subjectMark) },
    references: {
      expected: expected.references.map((r) => `${r.label ?? '-'}:${r.kind}:${r.ids.join(',')}`).join(' ; '),
      got: summary.references.map((r) => `${r.label ?? '-'}:${r.kind}:${r.ids.join(',')}`).join(' ; '),
    },
    classifiedBy: {
      expected: expected.classifiedBy ? `${expected.classifiedBy.title ?? '-'} / ${expected.classifiedBy.name ?? '-'} / ${expected.classifiedBy.reasons.join(',')}` : 'null',
      got: summary.classifiedBy ? `${summary.classifiedBy.title ?? '-'} / ${summary.classifiedBy.name ?? '-'} / ${summary.classifiedBy.reasons.join(',')}` : 'null',
    },
    signers: { expected: expected.signers.join(' | '), got: summary.signers.join(' | ') },
    summary: {
      expected: expected.summary ? `${space(expected.summary.start)} … ${space(expected.summary.end)}` : 'null',
      // The expected first and last words must open and close the summary (word counts vary by a word or two).
      got:
        expected.summary && summary.summary && space(summary.summary).startsWith(space(expected.summary.start)) && space(summary.summary).endsWith(space(expected.summary.end))
          ? `${space(expected.summary.start)} … ${space(expected.summary.end)}`
          : summaryOf(summary.summary),
    },
  };
}
