import { headerTruncated, isClassified, laterSectionOnly, missing } from './util';
import type { Rule } from './types';

/** A derivative classification line. */
const DERIVED_FROM = /(?:^|[\r\n])[ \t(U)]*DERIVED\s+FROM\s*:/i;

const IN_PARAGRAPH = /^[\s(]*(?:U\)\s*)?classified\s+by\b/i;

export const classifiedBy: Rule = {
  id: 'classified-by',
  description: 'A classified cable has no "Classified By" line, or an unclassified one has one.',
  defaultSeverity: 'warning',
  fixable: false,
  docs: {
    rationale:
      'Classified telegrams name who classified them and why ("Classified by John Doe, Ambassador. Reason 1.5b and d", 5 FAH-1 H-240). The line is present in 2,952 of 3,066 CONFIDENTIAL and 1,096 of 1,114 SECRET Cablegate cables, and absent from 1,944 of 1,948 UNCLAS ones (FORMAT.md §3.8). It may also stand as the first paragraph (`¶1. (U) Classified by …`). Cables dated before 1995, when E.O. 12958 made the line standard, are not checked: half of the older classified cables in the test corpus lack it.',
    bad: 'S E C R E T STATE 103511\n…\nSUBJECT: …\n\n¶1. (S) …',
    good: 'S E C R E T STATE 103511\n…\nSUBJECT: …\n\nClassified By: Acting DAS James Knight, Reasons 1.4 (b) and (d).\n\n¶1. (S) …',
  },
  check({ doc, report }) {
    const c = doc.textHeader.classification;
    if (!c) return;
    const line = doc.textHeader.classifiedBy;
    const inParagraph = doc.body.paragraphs.slice(0, 3).find((p) => IN_PARAGRAPH.test(doc.text.slice(p.portionMark?.end ?? p.numberToken.end, p.span.end).slice(0, 40)));
    if (isClassified(doc)) {
      if (line || inParagraph) return;
      // The line became standard with E.O. 12958 (1995); older cables often lack it.
      if (doc.dtg && doc.dtg.year < 1995) return;
      // A preview cut short before the line's place says nothing of the cable.
      if (headerTruncated(doc) || laterSectionOnly(doc)) return;
      // Derivative classification (`DERIVED FROM: DSCG 05-1 B, D`) stands in for the line.
      if (DERIVED_FROM.test(doc.text.slice(c.span.end, Math.min(doc.text.length, (doc.body.paragraphs[0]?.span.start ?? c.span.end + 3000) + 400)))) return;
      report(missing(doc, c.span, `This ${c.level.toLowerCase()} cable has no "Classified By" line naming the classifier and the reasons (e.g. Classified By: Ambassador X, reasons 1.4 (b) and (d)).`));
    } else if (line && !c.efto) {
      report({ start: line.span.start, end: line.span.end, message: 'An unclassified cable carries a "Classified By" line.' });
    }
  },
};
