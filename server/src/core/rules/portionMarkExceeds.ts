import type { PortionMark } from '../model/cable';
import { CLASSIFICATION_RANK } from '../model/cable';
import { cableLevel } from './util';
import type { Rule } from './types';

export const portionMarkExceeds: Rule = {
  id: 'portion-mark-exceeds',
  description: 'A portion mark is above the cable\'s classification, e.g. (S) in a CONFIDENTIAL cable.',
  defaultSeverity: 'error',
  fixable: false,
  docs: {
    rationale: 'A cable is classified at its most sensitive portion, so no paragraph may be marked above the classification line; 11 of 3,603 checkable Cablegate cables break this (FORMAT.md §6 rule 15).',
    bad: 'C O N F I D E N T I A L ANKARA 001993\n…\n¶3. (S) …',
    good: 'S E C R E T ANKARA 001993\n…\n¶3. (S) …',
  },
  check({ doc, report }) {
    const level = cableLevel(doc);
    if (!level || !doc.textHeader.classification) return;
    const check = (mark: PortionMark | undefined, what: string): void => {
      if (!mark?.level || CLASSIFICATION_RANK[mark.level] <= CLASSIFICATION_RANK[level]) return;
      report({ start: mark.start, end: mark.end, message: `${what} is marked ${mark.text} (${mark.level.toLowerCase()}), above the cable's classification (${level.toLowerCase()}).` });
    };
    for (const p of doc.body.paragraphs) {
      check(p.portionMark, `Paragraph ${p.number}`);
      for (const s of p.subParagraphs) check(s.portionMark, `Sub-paragraph ${p.number}.${s.label.text.replace(/[.)(\s]/g, '')}`);
    }
  },
};
