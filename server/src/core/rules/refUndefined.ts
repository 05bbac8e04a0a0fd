import { partialExtractAware } from './util';
import type { Rule } from './types';

export const refUndefined: Rule = {
  id: 'ref-undefined',
  description: 'The text cites a REF letter ("ref C", "reftel B") that the REF list lacks.',
  defaultSeverity: 'warning',
  fixable: false,
  docs: {
    rationale: 'Citations in the text ("see ref B", "per reftel A") name items of the REF list by letter (FORMAT.md §3.7). A letter the list does not have is a typo or a lost reference.',
    bad: 'REF: A. QUITO 263\n     B. QUITO 251\n…\n¶2. (C) As reported in ref C, …',
    good: 'REF: A. QUITO 263\n     B. QUITO 251\n…\n¶2. (C) As reported in ref B, …',
  },
  check({ doc, report }) {
    const refs = doc.textHeader.refs;
    const letters = new Set(refs?.items.map((i) => i.letter).filter(Boolean) as string[]);
    for (const c of doc.body.citations) {
      if (!c.letter) continue;
      if (!refs) {
        report(partialExtractAware(doc, { start: c.token.start, end: c.token.end, message: `"${c.token.text}" cites a reference, but the cable has no REF list.` }));
      } else if (letters.size && !letters.has(c.letter)) {
        report({ start: c.token.start, end: c.token.end, message: `"${c.token.text}" cites REF ${c.letter}, which the REF list (${[...letters].join(', ')}) does not have.` });
      }
    }
  },
};
