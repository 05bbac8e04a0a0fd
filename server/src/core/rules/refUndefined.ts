import type { Citation } from '../model/cable';
import { headerTruncated, laterSectionOnly, partialExtractAware } from './util';
import type { Rule } from './types';

export const refUndefined: Rule = {
  id: 'ref-undefined',
  description: 'The text cites a REF letter ("ref C", "reftel B") that the REF list lacks, or cites lettered references in a cable without a REF list.',
  defaultSeverity: 'warning',
  fixable: false,
  docs: {
    rationale:
      'Citations in the text ("see ref B", "per reftel A") name items of the REF list by letter (FORMAT.md §3.7). A letter the list does not have is a typo or a lost reference. One finding per missing letter (at its first citation, the others shown with it), and one for a cable that cites letters but has no REF list, so that a long cable is not flooded.',
    bad: 'REF: A. QUITO 263\n     B. QUITO 251\n…\n¶2. (C) As reported in ref C, …',
    good: 'REF: A. QUITO 263\n     B. QUITO 251\n…\n¶2. (C) As reported in ref B, …',
  },
  check({ doc, report }) {
    const refs = doc.textHeader.refs;
    const letters = new Set(refs?.items.map((i) => i.letter).filter(Boolean) as string[]);
    const lettered = doc.body.citations.filter((c) => c.letter);
    const others = (first: Citation, all: Citation[]) =>
      all.filter((c) => c !== first).map((c) => ({ start: c.token.start, end: c.token.end, message: `also cites REF ${c.letter}` }));
    if (!refs) {
      if (!lettered.length) return;
      // A file that holds a later section only (`SECTION 02 OF 02`, also misspelt `SCTION`): the REF list is in section 1.
      const c = doc.textHeader.classification;
      // A header cut short (a preview) before the list's place (the Classified By line that
      // follows the list is not there either) may have lost it with the rest.
      if ((!doc.textHeader.classifiedBy || doc.textHeader.classifiedBy.inBody) && headerTruncated(doc)) return;
      if (laterSectionOnly(doc) || (c && /\bS?E?CTION\s+(?:0?[2-9]|[1-9]\d)\s+OF\b/.test(doc.text.slice(c.span.start, c.span.end)))) return;
      const first = lettered[0];
      const cited = [...new Set(lettered.map((c) => c.letter))];
      report(
        partialExtractAware(doc, {
          start: first.token.start,
          end: first.token.end,
          message: `"${first.token.text}" cites a reference, but the cable has no REF list${cited.length > 1 ? ` (the text cites REF ${cited.join(', ')})` : ''}.`,
          related: others(first, lettered),
        }),
      );
      return;
    }
    if (!letters.size) return;
    const missing = new Map<string, Citation[]>();
    for (const c of lettered) if (!letters.has(c.letter!)) missing.set(c.letter!, [...(missing.get(c.letter!) ?? []), c]);
    for (const [letter, citations] of missing) {
      const first = citations[0];
      report({
        start: first.token.start,
        end: first.token.end,
        message: `"${first.token.text}" cites REF ${letter}, which the REF list (${[...letters].join(', ')}) does not have${citations.length > 1 ? ` (cited ${citations.length} times)` : ''}.`,
        related: citations.slice(1).map((c) => ({ start: c.token.start, end: c.token.end, message: `also cites REF ${letter}` })),
      });
    }
  },
};
