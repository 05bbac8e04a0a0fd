import { describeDistance, isoDate } from '../parser/dates';
import { hasTextHeader, isClassified, missing, reportAnchor } from './util';
import type { Rule } from './types';

export const eoLine: Rule = {
  id: 'eo-line',
  description: 'The E.O. line is missing or malformed (a date without DECL:), says N/A on a classified cable or DECL on an unclassified one, or declassifies before the cable\'s date.',
  defaultSeverity: 'warning',
  fixable: true,
  docs: {
    rationale:
      'Every cable cites the executive order on classification: `E.O. 12958: N/A` when unclassified (1,898 of 1,948 UNCLAS cables), `E.O. 12958: DECL: MM/DD/YYYY` with the declassification date when classified (FORMAT.md §3.4; the ITA guide to cables). The DECL date is after the cable date in all but 2 of 3,836 cables, usually ten years after.',
    bad: 'C O N F I D E N T I A L ANKARA 001993\n…\nE.O. 12958: N/A',
    good: 'C O N F I D E N T I A L ANKARA 001993\n…\nE.O. 12958: DECL: 04/30/2019',
    fixDescription: 'A date without its DECL label (`E.O. 12958: 03/24/2019` in a classified cable) gets `DECL: ` written before it; nothing else is fixed (the other findings need the original).',
  },
  check({ doc, tables, report }) {
    const eo = doc.textHeader.eo;
    if (!eo) {
      if (!hasTextHeader(doc) || !doc.textHeader.classification) return;
      const anchor = reportAnchor(doc);
      report(missing(doc, anchor, 'No E.O. line: expected `E.O. 12958: N/A` for an unclassified cable or `E.O. 12958: DECL: <date>` for a classified one.'));
      return;
    }
    const whole = { start: eo.span.start, end: eo.span.end };
    if (!eo.order) report({ ...whole, message: 'The E.O. line names no executive order (e.g. E.O. 12958).' });
    else if (!tables.executiveOrder(eo.order.text)) {
      report({ start: eo.order.start, end: eo.order.end, message: `E.O. ${eo.order.text} is not an order on classification (12958, 12356, 12065, 11652 or 13526): a typo?` });
    }
    const classified = isClassified(doc);
    const level = doc.textHeader.classification?.level ?? doc.classification;
    if (eo.notApplicable && classified) {
      report({ start: eo.notApplicable.start, end: eo.notApplicable.end, message: `E.O. line says N/A, but the cable is ${level?.toLowerCase()}: a classified cable gives a declassification date (DECL: MM/DD/YYYY).` });
    }
    // Declassified cables keep their DECL clause ("DECL: DECLASSIFIED BY NARA …"), and before
    // E.O. 12958 (1995) unclassified cables did not always say N/A.
    const declassified = /DECLASSIFIED/i.test(doc.text.slice(eo.span.start, eo.span.end));
    if (eo.decl && level === 'UNCLASSIFIED' && !declassified && eo.order?.text === '12958') {
      report({ start: eo.decl.keyword.start, end: eo.decl.keyword.end, message: `E.O. line gives ${eo.decl.kind}, but the cable is unclassified: it should say N/A.` });
    }
    if (eo.decl && !eo.decl.date && !eo.decl.tail) {
      report({ start: eo.decl.keyword.start, end: eo.decl.keyword.end, message: `${eo.decl.kind} without a date.` });
    }
    if (eo.decl?.date && !eo.decl.value) {
      report({ start: eo.decl.date.start, end: eo.decl.date.end, message: `"${eo.decl.date.text}" is not a real date.` });
    }
    const cableDate = doc.dtg?.instant;
    if (eo.decl?.kind === 'DECL' && eo.decl.value && cableDate && eo.decl.value.getTime() < Date.UTC(cableDate.getUTCFullYear(), cableDate.getUTCMonth(), cableDate.getUTCDate())) {
      report({
        start: eo.decl.date!.start,
        end: eo.decl.date!.end,
        message: `Declassification date ${isoDate(eo.decl.value)} is before the cable's date ${isoDate(cableDate)} (${describeDistance(cableDate, eo.decl.value)}).`,
      });
    }
    // `E.O. 12958: 03/24/2019`: the date is there, its DECL label was lost.
    if (!eo.notApplicable && !eo.decl && eo.tail && eo.order && classified && /^\d{1,2}\/\d{1,2}\/\d{2,4}(?!\S)/.test(eo.tail.text)) {
      report({
        start: eo.tail.start,
        end: eo.tail.end,
        message: `The E.O. line gives a date without DECL: (E.O. ${eo.order.text}: DECL: ${eo.tail.text.trim()} was meant).`,
        fix: { title: 'Write "DECL: " before the date', edits: [{ start: eo.tail.start, end: eo.tail.start, newText: 'DECL: ' }] },
      });
    }
    if (!eo.notApplicable && !eo.decl && !eo.tail && eo.order) {
      report({ ...whole, message: 'The E.O. line gives neither N/A nor a DECL or DNG clause.' });
    }
  },
};
