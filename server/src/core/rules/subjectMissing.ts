import { laterSectionOnly, missing } from './util';
import type { Rule } from './types';

export const subjectMissing: Rule = {
  id: 'subject-missing',
  description: 'The cable has no SUBJECT line.',
  defaultSeverity: 'warning',
  fixable: false,
  docs: {
    rationale: 'The text header carries a SUBJECT (or SUBJ) line after TAGS; it is missing in 182 of 6,712 Cablegate cables, most of them non-standard renderings (FORMAT.md §3.6).',
    bad: 'TAGS: PGOV PREL KZ\n\n¶1. (U) …',
    good: 'TAGS: PGOV PREL KZ\nSUBJECT: KAZAKHSTAN: ALMATY NOTES\n\n¶1. (U) …',
  },
  check({ doc, report }) {
    if (doc.textHeader.subject || !doc.textHeader.classification || laterSectionOnly(doc)) return;
    const anchor = doc.textHeader.tags?.span ?? doc.textHeader.classification.span;
    report(missing(doc, anchor, 'No SUBJECT line (SUBJECT: COUNTRY: TITLE).'));
  },
};
