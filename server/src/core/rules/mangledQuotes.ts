import type { Finding, Rule } from './types';

/** `&Toumba8`: a curly quote pair an old conversion turned into `&` and `8`. */
const QUOTE_PAIR = /(?<![A-Za-z0-9&])&([A-Za-z][^&\n\r]{0,80}?[A-Za-z0-9.,!?)])8(?![A-Za-z0-9])/g;
/** `Brazil,s`: an apostrophe turned into a comma, before the possessive s of a word. */
const COMMA_APOSTROPHE = /(?<=[A-Za-z]{2}),s(?=[\s.,;:)!?"]|$)/g;

export const mangledQuotes: Rule = {
  id: 'mangled-quotes',
  description: 'Curly quotes and apostrophes mangled by an old conversion: `&Toumba8` for “Toumba”, `Brazil,s` for Brazil’s.',
  defaultSeverity: 'information',
  fixable: true,
  docs: {
    rationale:
      'An old conversion of the archive turned typographic quotes into other characters: the opening and closing double quotes became `&` and `8` (`&soft8`), the apostrophe a comma (`Brazil,s`). About 1 cable in 10 of the archive sample has the comma form and 3 in 100 the quote pair. The text stays readable, so this is information; a search for "Brazil’s" does not find "Brazil,s".',
    bad: 'Lula,s &soft8 approach to the crisis',
    good: 'Lula’s “soft” approach to the crisis',
    fixDescription:
      'Writes the quotes and the apostrophe back (“…”, ’). Only the forms above are fixed: a comma glued between a word and a lone `s`, and an `&` opening and an `8` closing a quoted phrase on one line; letters and words do not change.',
  },
  check({ doc, report }) {
    const text = doc.text;
    // Most cables have neither form: two native searches decide.
    const pairs = text.indexOf('&') >= 0;
    const commas = text.indexOf(',s') >= 0;
    if (!pairs && !commas) return;
    const findings: Finding[] = [];
    if (pairs) {
      QUOTE_PAIR.lastIndex = 0;
      for (let m = QUOTE_PAIR.exec(text); m; m = QUOTE_PAIR.exec(text)) {
        const start = m.index;
        const end = start + m[0].length;
        findings.push({
          start,
          end,
          message: `"${m[0]}" reads as “${m[1]}”: the quotes were turned into & and 8 by a conversion.`,
          fix: { title: `Write “${m[1]}”`, edits: [{ start, end: start + 1, newText: '“' }, { start: end - 1, end, newText: '”' }] },
        });
      }
    }
    if (commas) {
      COMMA_APOSTROPHE.lastIndex = 0;
      for (let m = COMMA_APOSTROPHE.exec(text); m; m = COMMA_APOSTROPHE.exec(text)) {
        const wordStart = text.slice(Math.max(0, m.index - 30), m.index).search(/[A-Za-z'’-]+$/);
        const word = wordStart >= 0 ? text.slice(Math.max(0, m.index - 30) + wordStart, m.index) : '';
        findings.push({
          start: m.index,
          end: m.index + 2,
          message: `"${word},s" reads as ${word}’s: the apostrophe was turned into a comma by a conversion.`,
          fix: { title: `Write "${word}’s"`, edits: [{ start: m.index, end: m.index + 1, newText: '’' }] },
        });
      }
    }
    // One finding per kind and line would still flood a long cable: the first of each kind
    // carries the fix for every place, the others are related information.
    for (const kind of ['quotes', 'apostrophe'] as const) {
      const group = findings.filter((f) => (kind === 'quotes' ? f.message.includes('& and 8') : f.message.includes('comma')));
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
