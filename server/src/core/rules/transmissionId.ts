import type { Rule } from './types';

export const transmissionId: Rule = {
  id: 'transmission-id',
  description: 'The transmission identifier (format line 1) is not `VZCZC` + a three-letter channel + a three- or four-digit sequence.',
  defaultSeverity: 'error',
  fixable: false,
  docs: {
    rationale:
      'Format line 1 of an ACP-127 header is the transmission identifier: `V` (start of transmission), `ZCZC` (start-of-message), the channel designator trigraph and a sequence number (5 FAH-2 H-320). 5,740 of 5,752 Cablegate headers match `VZCZC[A-Z]{3}\\d{3,4}` (FORMAT.md §2, FL1).',
    bad: 'VZCZCXR00092',
    good: 'VZCZCXRO0092',
  },
  check({ doc, report }) {
    const tid = doc.header.transmissionId;
    if (!tid || tid.wellFormed) return;
    report({
      start: tid.token.start,
      end: tid.token.end,
      message: `Malformed transmission id "${tid.token.text}": expected VZCZC, a three-letter channel and a 3-4 digit sequence (e.g. VZCZCXRO0092).`,
    });
  },
};
