import type { Rule } from './types';

export const deSectionMismatch: Rule = {
  id: 'de-section-mismatch',
  description: 'The DE line\'s section part (`/01`) differs from the classification line\'s SECTION number.',
  defaultSeverity: 'warning',
  fixable: false,
  docs: {
    rationale:
      'Multi-section cables number each section on the DE line (`#1993/02`) and on the classification line (`SECTION 02 OF 03`); the two agree in all 2,290 Cablegate cables that have both (FORMAT.md §2, FL3).',
    bad: 'DE RUEHAK #1993/02 1211549\n…\nC O N F I D E N T I A L SECTION 01 OF 02 ANKARA 001993',
    good: 'DE RUEHAK #1993/01 1211549\n…\nC O N F I D E N T I A L SECTION 01 OF 02 ANKARA 001993',
  },
  check({ doc, report }) {
    const part = doc.header.de?.part;
    const section = doc.textHeader.classification?.section;
    if (!part || !section) return;
    const n = Number(part.text.slice(1));
    if (!Number.isFinite(n) || n === section.n) return;
    report({
      start: part.start,
      end: part.end,
      message: `DE section part ${part.text} differs from SECTION ${String(section.n).padStart(2, '0')} OF ${String(section.m).padStart(2, '0')} on the classification line.`,
    });
  },
};
