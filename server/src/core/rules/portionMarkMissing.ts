import { portionMarkMeaning } from '../parser/portionMarks';
import { isClassified } from './util';
import type { Rule } from './types';

export const portionMarkMissing: Rule = {
  id: 'portion-mark-missing',
  description: 'A numbered paragraph of a classified cable has no portion mark such as (C) or (S).',
  defaultSeverity: 'warning',
  fixable: true,
  docs: {
    rationale:
      '"You must include the classification of each paragraph immediately following the paragraph number … (U), (C), (S) or (TS)" (5 FAH-1 H-240). 3,902 of 4,782 Cablegate cables with numbered paragraphs mark every one; 487 mark none (FORMAT.md §3.9, §6 rule 14). When no paragraph has a mark, one diagnostic on the first paragraph says so.',
    bad: 'C O N F I D E N T I A L ANKARA 001993\n…\n¶1. Turkish officials …',
    good: 'C O N F I D E N T I A L ANKARA 001993\n…\n¶1. (C) Turkish officials …',
    fixDescription: 'A mark that lost a parenthesis (`C)`, `(C`) gets it back; a missing mark has no fix (only the drafter knows the level).',
  },
  check({ doc, report }) {
    if (!isClassified(doc) || !doc.textHeader.classification) return;
    const paragraphs = doc.body.paragraphs.filter((p) => p.role === 'main');
    // Older cables mark the whole text once: "1. (C - ENTIRE TEXT)", "1. SECRET - ENTIRE TEXT."
    const lead = (p: (typeof paragraphs)[number]): string => doc.text.slice(p.numberToken.end, Math.min(p.span.end, p.numberToken.end + 60));
    if (paragraphs.some((p) => /ENTIRE\s+TEXT/i.test(lead(p)) || (p.portionMark && /ENTIRE/i.test(p.portionMark.text)))) return;
    // The "Classified by" paragraph names the classifier; it is not a portion of the text.
    for (const p of paragraphs) {
      const mark = p.portionMark;
      if (!mark?.malformed) continue;
      const open = mark.malformed === 'missingOpen';
      report({
        start: mark.start,
        end: mark.end,
        message: `Portion mark "${mark.text}" of paragraph ${p.number} lacks its ${open ? 'opening' : 'closing'} parenthesis.`,
        fix: {
          title: `Write the portion mark as "(${mark.text.replace(/[()]/g, '')})"`,
          edits: [open ? { start: mark.start, end: mark.start, newText: '(' } : { start: mark.end, end: mark.end, newText: ')' }],
        },
      });
    }
    const unmarked = paragraphs.filter((p) => !p.portionMark && !/^\s*(?:\(U\)\s*)?CLASSIFIED\s+BY\b/i.test(lead(p)) && !markAfterLabel(doc.text.slice(p.numberToken.end, Math.min(p.span.end, p.numberToken.end + 160))) && !wrappedMark(doc.text.slice(p.numberToken.end, Math.min(doc.text.length, p.numberToken.end + 200))) && !/^\s*[Xx]{6,}/.test(lead(p)) && !p.subParagraphs.some((sp) => sp.portionMark) && !markedItemsFollow(doc.text.slice(p.numberToken.end, Math.min(doc.text.length, p.numberToken.end + 600))));
    if (!unmarked.length) return;
    const level = doc.textHeader.classification.level.toLowerCase();
    if (unmarked.length === paragraphs.length && paragraphs.length > 1) {
      const first = paragraphs[0];
      report({ start: first.numberToken.start, end: first.numberToken.end, message: `None of the ${paragraphs.length} numbered paragraphs of this ${level} cable has a portion mark such as (C) or (U).` });
      return;
    }
    for (const p of unmarked) {
      report({ start: p.numberToken.start, end: p.numberToken.end, message: `Paragraph ${p.number} of this ${level} cable has no portion mark such as (C) or (U).` });
    }
  },
};

/**
 * A mark after a short label (`1. Summary: (C) Labor Party …`, `1. Key Points: -- (C) …`,
 * `1. KEY POINTS:` / `-- (S) President …`, `1.KEY POINTS -- (C) On …`, `¶1. Summary and
 * comment. (C) The Conservative Party’s …`, `¶1. SUMMARY (U) Costa Rica's …`): the paragraph
 * is marked, after its heading.
 */
function markAfterLabel(lead: string): boolean {
  const m = /^\s*[A-Za-z][A-Za-z ,'’/&-]{0,40}?(?::|\.|\s-{1,2})\s*(?:-{1,2}\s*)?\(([A-Za-z/]{1,12})\)/.exec(lead) ?? CAPITALS_LABEL_THEN_MARK.exec(lead);
  return !!m && !!portionMarkMeaning(m[1].toUpperCase());
}

/** A label in capitals and then the mark, nothing between (`¶1. SUMMARY (U) Costa Rica's June 1 …`). */
const CAPITALS_LABEL_THEN_MARK = /^\s*[A-Z][A-Z ,'’/&-]{2,40}?\s\(([A-Za-z/]{1,12})\)/;

/**
 * `¶3. The following responses are keyed to Ref A questions:` / `A) (U) Costa Rica …`: a
 * paragraph that only introduces lettered items, each with its own mark.
 */
function markedItemsFollow(text: string): boolean {
  // The first line break (`\n`, `\r\n`, or a lone `\r` in a file with old Mac line ends).
  const lf = text.search(/[\r\n]/);
  if (lf < 0 || !/:\s*$/.test(text.slice(0, lf))) return false;
  return /^\s*\(?[A-Za-z]\)?[.)]?\s*\((?:U|C|S|SBU|TS)(?:\/\/?[A-Z]{1,6})?\)/m.test(text.slice(lf + 1));
}

/**
 * A mark whose release list wraps onto the next line (`¶2.  (S//REL AFGHANISTAN, KYRGYZSTAN,
 * TAJIKISTAN,` / `TURKMENISTAN, UZBEKISTAN):  Posts should …`): the paragraph is marked.
 */
function wrappedMark(lead: string): boolean {
  const m = /^[ \t]*\(([A-Za-z]{1,4}[ \t]*\/{1,2}[ \t]*REL\b[^()]{0,160}?)\)/i.exec(lead);
  return !!m && /[\r\n]/.test(m[1]) && !!portionMarkMeaning(m[1].replace(/\s+/g, ' ').toUpperCase());
}
