import type { TextHeaderField } from '../model/cable';
import type { Rule } from './types';

/** The usual order of the text header (captions and passing lines interleave freely). */
const RANK: Record<TextHeaderField, number> = { classification: 0, caption: 1, passing: 1, eo: 2, tags: 3, subject: 4, refs: 5, classifiedBy: 6 };
const NAME: Record<TextHeaderField, string> = {
  classification: 'the classification line',
  caption: 'a caption',
  passing: 'a passing instruction',
  eo: 'the E.O. line',
  tags: 'TAGS',
  subject: 'SUBJECT',
  refs: 'REF',
  classifiedBy: 'Classified By',
};

export const headerOrder: Rule = {
  id: 'header-order',
  description: 'The text-header lines are out of the usual order: classification, captions and passing lines, E.O., TAGS, SUBJECT, REF, Classified By.',
  defaultSeverity: 'warning',
  fixable: false,
  docs: {
    rationale:
      'Telegram drafting rules (5 FAH-1 H-230/H-240) give the text header a fixed order, and Cablegate follows it: E.O. before TAGS in 5,401 of 5,401 cables, TAGS before SUBJECT in 5,842 of 5,842, SUBJECT before REF in 3,403 of 3,407, REF before Classified By in 2,258 of 2,273 (FORMAT.md §3).',
    bad: 'SUBJECT: KAZAKHSTAN: ALMATY NOTES\nTAGS: PGOV PREL KZ',
    good: 'TAGS: PGOV PREL KZ\nSUBJECT: KAZAKHSTAN: ALMATY NOTES',
  },
  check({ doc, report }) {
    let highest: { field: TextHeaderField; rank: number } | undefined;
    for (const entry of doc.textHeader.order) {
      const rank = RANK[entry.field];
      if (highest && rank < highest.rank) {
        const start = doc.lines.starts[entry.line];
        report({
          start,
          end: doc.lines.ends[entry.line],
          message: `${NAME[entry.field][0].toUpperCase()}${NAME[entry.field].slice(1)} comes after ${NAME[highest.field]}; the usual order is classification, captions, E.O., TAGS, SUBJECT, REF, Classified By.`,
        });
        continue;
      }
      if (!highest || rank > highest.rank) highest = { field: entry.field, rank };
    }
  },
};
