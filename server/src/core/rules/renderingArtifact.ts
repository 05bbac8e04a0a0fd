import type { Artifact } from '../model/cable';
import type { Rule } from './types';

const DESCRIBE: Record<Artifact['kind'], (text: string, a: Artifact) => string> = {
  markdownLink: (text, a) => `Markdown link "${text}" in the cable text: the cable has "${a.replacement}".`,
  backslashEscape: (text, a) => `Markdown escape "${text}": the cable has "${a.replacement}".`,
  backslashLineEnd: () => 'Backslash at the end of a line (a database export\'s escaped line break).',
  mojibakePilcrow: () => 'Mojibake "Â¶": a pilcrow (¶) decoded with the wrong character set.',
  replacementPilcrow: () => 'Replacement character "\uFFFD" where a pilcrow (¶) was lost in a conversion.',
};

export const renderingArtifact: Rule = {
  id: 'rendering-artifact',
  description: 'Markdown links and escapes, backslash line ends, and mojibake pilcrows (`Â¶`, `\uFFFD`) left by conversions.',
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
    for (const a of doc.artifacts) {
      const text = doc.text.slice(a.start, a.end);
      report({
        start: a.start,
        end: a.end,
        message: DESCRIBE[a.kind](text, a),
        fix: { title: a.replacement ? `Replace "${text}" with "${a.replacement}"` : 'Remove the backslash', edits: [{ start: a.start, end: a.end, newText: a.replacement }] },
      });
    }
  },
};
