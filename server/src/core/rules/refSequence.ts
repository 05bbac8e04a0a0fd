import type { Rule } from './types';

export const refSequence: Rule = {
  id: 'ref-sequence',
  description: 'The letters of the REF items are out of sequence or repeated.',
  defaultSeverity: 'warning',
  fixable: false,
  docs: {
    rationale: 'Lettered references run A, B, C… in order (`A.`, `A)` or `(A)` style; FORMAT.md §3.7, §6 rule 25). A skipped or repeated letter leaves citations such as "ref C" pointing nowhere or at two items.',
    bad: 'REF: A. QUITO 263\n     C. QUITO 251',
    good: 'REF: A. QUITO 263\n     B. QUITO 251',
  },
  check({ doc, report }) {
    const refs = doc.textHeader.refs;
    if (!refs) return;
    const lettered = refs.items.filter((i) => i.letter && i.label);
    if (lettered.length < 2 && !(lettered.length === 1 && lettered[0].letter !== 'A')) return;
    const seen = new Set<string>();
    let expected = 'A';
    for (const item of lettered) {
      const letter = item.letter as string;
      const label = item.label!;
      if (seen.has(letter)) report({ start: label.start, end: label.end, message: `REF letter ${letter} is used twice.` });
      else if (letter !== expected) report({ start: label.start, end: label.end, message: `REF item ${letter} where ${expected} was expected.` });
      seen.add(letter);
      expected = String.fromCharCode(letter.charCodeAt(0) + 1);
    }
  },
};
