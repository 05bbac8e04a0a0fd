import { isClassified } from './util';
import type { Rule } from './types';

export const portionMarkMissing: Rule = {
  id: 'portion-mark-missing',
  description: 'A numbered paragraph of a classified cable has no portion mark such as (C) or (S).',
  defaultSeverity: 'warning',
  fixable: false,
  docs: {
    rationale:
      '"You must include the classification of each paragraph immediately following the paragraph number … (U), (C), (S) or (TS)" (5 FAH-1 H-240). 3,902 of 4,782 Cablegate cables with numbered paragraphs mark every one; 487 mark none (FORMAT.md §3.9, §6 rule 14). When no paragraph has a mark, one diagnostic on the first paragraph says so.',
    bad: 'C O N F I D E N T I A L ANKARA 001993\n…\n¶1. Turkish officials …',
    good: 'C O N F I D E N T I A L ANKARA 001993\n…\n¶1. (C) Turkish officials …',
  },
  check({ doc, report }) {
    if (!isClassified(doc) || !doc.textHeader.classification) return;
    const paragraphs = doc.body.paragraphs;
    const unmarked = paragraphs.filter((p) => !p.portionMark);
    if (!unmarked.length) return;
    const level = doc.textHeader.classification.level.toLowerCase();
    if (unmarked.length === paragraphs.length && paragraphs.length > 1) {
      const first = paragraphs[0];
      report({ start: first.numberToken.start, end: first.numberToken.end, message: `None of the ${paragraphs.length} numbered paragraphs of this ${level} cable has a portion mark such as (C) or (U).` });
      return;
    }
    for (const p of unmarked) {
      report({ start: p.numberToken.start, end: p.numberToken.end, message: `Paragraph ${p.number} of this ${level} cable has no portion mark such as (C) or (U).` });
    }
  },
};
