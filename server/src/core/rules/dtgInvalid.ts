import type { Rule } from './types';

export const dtgInvalid: Rule = {
  id: 'dtg-invalid',
  description: 'The date-time group is malformed, or its date or time does not exist (31 APR, hour 24).',
  defaultSeverity: 'error',
  fixable: false,
  docs: {
    rationale:
      'Format line 5 is the precedence letter(s) and the date-time group: day, hour and minute in Zulu time, month and two-digit year (`O 260915Z NOV 08`). No Cablegate cable has an impossible date (FORMAT.md §2, FL5), so one here is a transcription error.',
    bad: 'O 310915Z NOV 08',
    good: 'O 300915Z NOV 08',
  },
  check({ doc, report }) {
    const line = doc.header.dtgLine;
    const dtg = line?.dtg;
    if (!dtg || dtg.valid) return;
    report({ start: dtg.token.start, end: dtg.token.end, message: `Invalid date-time group "${dtg.token.text}": ${dtg.problem ?? 'not a real date and time'}.` });
  },
};
