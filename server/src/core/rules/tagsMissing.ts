import { laterSectionOnly, missing, reportAnchor } from './util';
import type { Rule } from './types';

export const tagsMissing: Rule = {
  id: 'tags-missing',
  description: 'The cable has no TAGS line.',
  defaultSeverity: 'error',
  fixable: false,
  docs: {
    rationale: 'Every cable needs at least one TAGS subject tag (5 FAH-3; cablemap reader; cabledrum). TAGS is missing in 207 of 6,712 Cablegate cables, mostly non-standard renderings (FORMAT.md §3.5).',
    bad: 'E.O. 12958: N/A\nSUBJECT: KAZAKHSTAN: ALMATY NOTES',
    good: 'E.O. 12958: N/A\nTAGS: PGOV PREL SOCI KDEM KZ\nSUBJECT: KAZAKHSTAN: ALMATY NOTES',
  },
  check({ doc, report }) {
    if (doc.textHeader.tags || !doc.textHeader.classification || laterSectionOnly(doc)) return;
    const anchor = doc.textHeader.eo?.span ?? doc.textHeader.subject?.span ?? reportAnchor(doc);
    report(missing(doc, anchor, 'No TAGS line: every cable carries at least one subject tag (e.g. TAGS: PGOV PREL KZ).'));
  },
};
