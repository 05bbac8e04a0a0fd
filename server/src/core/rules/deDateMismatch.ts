import { dateFromDayOfYear, isoDate, isoMinute } from '../parser/dates';
import type { Rule } from './types';

const DAY = 86_400_000;

/** `C O R R E C T E D C O P Y`, `CORRECTED COPY`: a retransmission. */
const CORRECTED_COPY = /C ?O ?R ?R ?E ?C ?T ?E ?D +C ?O ?P ?Y/;

export const deDateMismatch: Rule = {
  id: 'de-date-mismatch',
  description: 'The DE line\'s Julian day is neither the day of the date-time group nor the day after.',
  defaultSeverity: 'warning',
  fixable: false,
  docs: {
    rationale:
      'The DE line gives the day of the year and time the message was sent: `3310915` is day 331 at 09:15. It is the DTG\'s day (`260915Z NOV 08`, 26 November 2008 = day 331) in 5,182 of 5,189 Cablegate cables, and never more than a day later (FORMAT.md §2, FL3). A corrected copy (`C O R R E C T E D C O P Y`) is sent again later under its original DTG, so it is not checked.',
    bad: 'DE RUEHTA #2361 3350915\nZNR UUUUU ZZH\nO 260915Z NOV 08',
    good: 'DE RUEHTA #2361 3310915\nZNR UUUUU ZZH\nO 260915Z NOV 08',
  },
  check({ doc, report }) {
    const de = doc.header.de;
    const dtg = doc.header.dtgLine?.dtg;
    if (!de?.julian || de.julianDay === undefined || !dtg?.instant) return;
    const dtgDay = Date.UTC(dtg.instant.getUTCFullYear(), dtg.instant.getUTCMonth(), dtg.instant.getUTCDate());
    // The DE day is in the DTG's year, or the next one when the DTG is on 31 December.
    for (const year of [dtg.year, dtg.year + 1]) {
      const deDate = dateFromDayOfYear(year, de.julianDay, de.hour ?? 0, de.minute ?? 0);
      if (!deDate) continue;
      const day = Date.UTC(deDate.getUTCFullYear(), deDate.getUTCMonth(), deDate.getUTCDate());
      if (day === dtgDay || day === dtgDay + DAY) return;
    }
    // A corrected copy is sent again days later under the original DTG (searched only now: most days agree).
    if (CORRECTED_COPY.test(doc.text.slice(0, Math.min(doc.text.length, 6000)))) return;
    const deDate = dateFromDayOfYear(dtg.year, de.julianDay, de.hour ?? 0, de.minute ?? 0);
    report({
      start: de.julian.start,
      end: de.julian.end,
      message: `DE Julian day ${String(de.julianDay).padStart(3, '0')} (${deDate ? isoDate(deDate) : 'no such day'}) is not the day of the DTG ${isoMinute(dtg.instant)} or the day after.`,
    });
  },
};
