import { PRECEDENCE_BY_LETTER, PRECEDENCE_RANK } from '../parser/headerLines';
import type { Rule } from './types';

export const precedenceMismatch: Rule = {
  id: 'precedence-mismatch',
  description: 'The DTG\'s precedence letter differs from the prosign, the info precedence is above the action precedence, or an addressee\'s precedence is above the message\'s.',
  defaultSeverity: 'error',
  fixable: false,
  docs: {
    rationale:
      'The message precedence appears twice: as the prosign (`OO`) and as the DTG letter (`O`); they agree in all 5,189 Cablegate headers. A second DTG letter is the info precedence, which "must be equal to or less than the action precedence" (FORMAT.md §2, FL5). An addressee\'s precedence word (IMMEDIATE, PRIORITY) should not be above the message precedence (5 FAH-2 H-420; FORMAT.md §6 rule 9).',
    bad: 'OO RUEHAG\n…\nP 260915Z NOV 08',
    good: 'OO RUEHAG\n…\nO 260915Z NOV 08',
  },
  check({ doc, report }) {
    const prosign = doc.header.routing?.prosign;
    const line = doc.header.dtgLine;
    const action = line?.precedence[0];
    const info = line?.precedence[1];
    if (prosign && action && prosign.text[0] !== action.text) {
      report({ start: action.start, end: action.end, message: `DTG precedence letter ${action.text} (${PRECEDENCE_BY_LETTER[action.text]?.toLowerCase()}) differs from the prosign ${prosign.text} (${PRECEDENCE_BY_LETTER[prosign.text[0]]?.toLowerCase()}).` });
    }
    if (action && info) {
      const a = PRECEDENCE_BY_LETTER[action.text];
      const i = PRECEDENCE_BY_LETTER[info.text];
      if (a && i && PRECEDENCE_RANK[i] > PRECEDENCE_RANK[a]) {
        report({ start: info.start, end: info.end, message: `Info precedence ${info.text} (${i.toLowerCase()}) is above the action precedence ${action.text} (${a.toLowerCase()}); it must be equal or lower.` });
      }
    }
    const message = doc.precedence;
    if (!message) return;
    for (const a of [...doc.header.to, ...doc.header.info]) {
      if (!a.precedence || !a.precedenceValue) continue;
      if (PRECEDENCE_RANK[a.precedenceValue] > PRECEDENCE_RANK[message]) {
        report({
          start: a.precedence.start,
          end: a.precedence.end,
          severity: 'warning',
          message: `Addressee precedence ${a.precedence.text} is above the message precedence (${message.toLowerCase()}).`,
        });
      }
    }
  },
};
