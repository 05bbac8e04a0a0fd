import type { Finding, Rule } from './types';
import { literalMatches } from './util';

/**
 * `&Toumba8`: a curly quote pair an old conversion turned into `&` and `8`. The closing `8` never
 * follows a digit: in `&maybe a 48-hour window if we,re lucky8` the 8 of `48` is the number's.
 */
const QUOTE_PAIR = /(?<![A-Za-z0-9&])&([A-Za-z][^&\n\r]{0,80}?[A-Za-z.,!?)])8(?![A-Za-z0-9])/y;
/** `Brazil,s`: an apostrophe turned into a comma, before the possessive s of a word. */
const COMMA_APOSTROPHE = /(?<=[A-Za-z]{2}),s(?=[\s.,;:)!?"]|$)/y;
/**
 * `¬e of protest,8`: a quote pair whose opening `&` met the word "not" (`&note of protest,8`) and
 * was then read as the HTML reference `&not` (¬). Reported without a fix: the letters "not" are
 * gone from the text, and a fix does not write words.
 */
const NOT_SIGN_PAIR = /¬([^&\n\r]{0,80}?[A-Za-z.,!?)])8(?![A-Za-z0-9])/g;
/** `Government?s position`: an apostrophe turned into a question mark (a lone `s` and a lower-case word after it). */
const QUESTION_APOSTROPHE = /(?<=[A-Za-z]{2})\?s(?=[ \t]+[a-z])/y;

export const mangledQuotes: Rule = {
  id: 'mangled-quotes',
  description: 'Curly quotes and apostrophes mangled by an old conversion: `&Toumba8` for “Toumba”, `Brazil,s` and `Government?s` for Brazil’s and Government’s.',
  defaultSeverity: 'information',
  fixable: true,
  docs: {
    rationale:
      'An old conversion of the archive turned typographic quotes into other characters: the opening and closing double quotes became `&` and `8` (`&soft8`), the apostrophe a comma (`Brazil,s`). About 1 cable in 10 of the archive sample has the comma form and 3 in 100 the quote pair. The text stays readable, so this is information; a search for "Brazil’s" does not find "Brazil,s". Where a quoted phrase began with "not", the `&not` was then read as the sign ¬ (`¬ as clear8`): reported, not fixed.',
    bad: 'Lula,s &soft8 approach to the crisis',
    good: 'Lula’s “soft” approach to the crisis',
    fixDescription:
      'Writes the quotes and the apostrophe back (“…”, ’). Only the forms above are fixed: a comma glued between a word and a lone `s`, a question mark between a word and a lone `s` before a lower-case word, and an `&` opening and an `8` closing a quoted phrase on one line (never the `8` that ends a number: `&maybe a 48-hour window8`); letters and words do not change.',
  },
  check({ doc, report }) {
    const text = doc.text;
    // Most cables have none of the forms: each search below is one native scan for its literal.
    const quotePairs: Finding[] = [];
    const apostrophes: Finding[] = [];
    for (const m of literalMatches(text, '&', QUOTE_PAIR)) {
      const start = m.index;
      const end = start + m[0].length;
      quotePairs.push({
        start,
        end,
        message: `"${m[0]}" reads as “${m[1]}”: the quotes were turned into & and 8 by a conversion.`,
        fix: { title: `Write “${m[1]}”`, edits: [{ start, end: start + 1, newText: '“' }, { start: end - 1, end, newText: '”' }] },
      });
    }
    for (const [pattern, mark, name] of [
      [COMMA_APOSTROPHE, ',', 'a comma'],
      [QUESTION_APOSTROPHE, '?', 'a question mark'],
    ] as const) {
      for (const m of literalMatches(text, `${mark}s`, pattern)) {
        const wordStart = text.slice(Math.max(0, m.index - 30), m.index).search(/[A-Za-z'’-]+$/);
        const word = wordStart >= 0 ? text.slice(Math.max(0, m.index - 30) + wordStart, m.index) : '';
        apostrophes.push({
          start: m.index,
          end: m.index + 2,
          message: `"${word}${mark}s" reads as ${word}’s: the apostrophe was turned into ${name} by a conversion.`,
          fix: { title: `Write "${word}’s"`, edits: [{ start: m.index, end: m.index + 1, newText: '’' }] },
        });
      }
    }
    apostrophes.sort((x, y) => x.start - y.start);
    if (text.indexOf('¬') >= 0) {
      NOT_SIGN_PAIR.lastIndex = 0;
      for (let m = NOT_SIGN_PAIR.exec(text); m; m = NOT_SIGN_PAIR.exec(text)) {
        report({
          start: m.index,
          end: m.index + m[0].length,
          message: `"${m[0]}" reads as “not${m[1]}”: a conversion turned the opening quote into &, and "&not" was then read as ¬. Not fixed: the word "not" must be written back by hand.`,
        });
      }
    }
    // One finding per kind and line would still flood a long cable: the first of each kind
    // carries the fix for every place, the others are related information.
    for (const kind of ['quotes', 'apostrophe'] as const) {
      const group = kind === 'quotes' ? quotePairs : apostrophes;
      if (!group.length) continue;
      const [first, ...rest] = group;
      report({
        ...first,
        message: rest.length ? `${first.message} (${rest.length + 1} places in this cable.)` : first.message,
        related: rest.map((f) => ({ start: f.start, end: f.end, message: f.message })),
        fix: { title: rest.length ? `${kind === 'quotes' ? 'Write the quotes back' : 'Write the apostrophes back'} (${rest.length + 1} places)` : first.fix!.title, edits: group.flatMap((f) => f.fix!.edits) },
      });
    }
  },
};
