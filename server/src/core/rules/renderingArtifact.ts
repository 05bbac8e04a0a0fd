import type { Artifact } from '../model/cable';
import type { Rule } from './types';

const DESCRIBE: Record<Artifact['kind'], (text: string, a: Artifact) => string> = {
  markdownLink: (text, a) => `Markdown link "${text}" in the cable text: the cable has "${a.replacement}".`,
  backslashEscape: (text, a) => `Markdown escape "${text}": the cable has "${a.replacement}".`,
  backslashLineEnd: () => 'Backslash at the end of a line (a database export\'s escaped line break).',
  mojibakePilcrow: () => 'Mojibake "Â¶": a pilcrow (¶) decoded with the wrong character set.',
  replacementPilcrow: () => 'Replacement character "\uFFFD" where a pilcrow (¶) was lost in a conversion.',
  htmlEntity: (text, a) => `HTML character reference "${text}" left by a web rendering: the cable has "${a.replacement}".`,
  spuriousPilcrow: () => 'Pilcrow before a number that continues the line above ("…on Monday, October / ¶22.", "…see paragraph / ¶3."): WikiLeaks took it for a paragraph number.',
};

export const renderingArtifact: Rule = {
  id: 'rendering-artifact',
  description: 'Markdown links and escapes, HTML character references (`&#8217;`, `&amp;`), backslash line ends, and mojibake pilcrows (`Â¶`, `\uFFFD`) left by conversions.',
  defaultSeverity: 'warning',
  fixable: true,
  docs: {
    rationale:
      'Cables reach users through conversions that leave traces: Markdown renderings (`[PGOV](#)`, `\\$`), database exports with backslash-escaped line breaks (cablemap strips `\\` at line ends), and pilcrows decoded with the wrong character set (`Â¶`) or lost (`\uFFFD`) (FORMAT.md §5).',
    bad: 'TAGS: [PGOV](#) [PREL](#) [KZ](#)\n… 709 million tenge (\\$5.9 million) …',
    good: 'TAGS: PGOV PREL KZ\n… 709 million tenge ($5.9 million) …',
    fixDescription: 'Replaces each artifact with the text it stands for; "Cable: Clean Rendering Artifacts" applies all of them.',
  },
  check({ doc, report }) {
    // A database export escapes every line break: one finding for all of them, not hundreds.
    const lineEnds = doc.artifacts.filter((a) => a.kind === 'backslashLineEnd');
    if (lineEnds.length) {
      const first = lineEnds[0];
      report({
        start: first.start,
        end: first.end,
        message: lineEnds.length === 1 ? DESCRIBE.backslashLineEnd('', first) : `${lineEnds.length} lines end with a backslash (a database export's escaped line breaks).`,
        fix: { title: lineEnds.length === 1 ? 'Remove the backslash' : `Remove the ${lineEnds.length} backslashes at line ends`, edits: lineEnds.map((a) => ({ start: a.start, end: a.end, newText: '' })) },
      });
    }
    for (const a of doc.artifacts) {
      if (a.kind === 'backslashLineEnd') continue;
      const text = doc.text.slice(a.start, a.end);
      report({
        start: a.start,
        end: a.end,
        message: DESCRIBE[a.kind](text, a),
        fix: { title: a.replacement ? `Replace "${text}" with "${a.replacement}"` : `Remove "${text}"`, edits: [{ start: a.start, end: a.end, newText: a.replacement }] },
      });
    }
  },
};
