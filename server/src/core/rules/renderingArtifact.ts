import type { Artifact, CableDocument } from '../model/cable';
import type { Rule } from './types';

const DESCRIBE: Record<Artifact['kind'], (text: string, a: Artifact, doc: CableDocument) => string> = {
  markdownLink: (text, a) => `Markdown link "${text}" in the cable text: the cable has "${a.replacement}".`,
  backslashEscape: (text, a) => `Markdown escape "${text}": the cable has "${a.replacement}".`,
  backslashLineEnd: () => 'Backslash at the end of a line (a database export\'s escaped line break).',
  mojibakePilcrow: () => 'Mojibake "Â¶": a pilcrow (¶) decoded with the wrong character set.',
  replacementPilcrow: () => 'Replacement character "\uFFFD" where a pilcrow (¶) was lost in a conversion.',
  htmlTag: (text) => `HTML tag "${text}" left by a web rendering.`,
  lineSeparator: () => 'A Unicode line separator (U+2028) where the text has a line break: editors and tools do not all break the line there.',
  htmlEntity: (text, a) => `HTML character reference "${text}" left by a web rendering: the cable has "${a.replacement}".`,
  spuriousPilcrow: (_text, a, doc) => `Pilcrow before a number that continues the line above (${splitContext(doc, a)}): WikiLeaks took it for a paragraph number.`,
};

export const renderingArtifact: Rule = {
  id: 'rendering-artifact',
  description: 'Markdown links and escapes, HTML character references (`&#8217;`, `&amp;`) and line-break tags (`<br>`), Unicode line separators, backslash line ends, and mojibake pilcrows (`Â¶`, `\uFFFD`) left by conversions.',
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
        message: lineEnds.length === 1 ? DESCRIBE.backslashLineEnd('', first, doc) : `${lineEnds.length} lines end with a backslash (a database export's escaped line breaks).`,
        fix: { title: lineEnds.length === 1 ? 'Remove the backslash' : `Remove the ${lineEnds.length} backslashes at line ends`, edits: lineEnds.map((a) => ({ start: a.start, end: a.end, newText: '' })) },
      });
    }
    // Line-break tags and line separators come by the hundred too: one finding for each kind.
    for (const kind of ['htmlTag', 'lineSeparator'] as const) {
      const all = doc.artifacts.filter((a) => a.kind === kind);
      if (!all.length) continue;
      const first = all[0];
      const text = doc.text.slice(first.start, first.end);
      report({
        start: first.start,
        end: first.end,
        message: all.length === 1 ? DESCRIBE[kind](text, first, doc) : `${DESCRIBE[kind](text, first, doc)} (${all.length} in this file.)`,
        related: all.slice(1, 200).map((a) => ({ start: a.start, end: a.end, message: 'the same' })),
        fix: {
          title: kind === 'htmlTag' ? `Remove the ${all.length === 1 ? 'tag' : `${all.length} tags`}` : `Break the line${all.length === 1 ? '' : `s (${all.length})`}`,
          edits: all.map((a) => ({ start: a.start, end: a.end, newText: a.replacement })),
        },
      });
    }
    // The same artifact (`&amp;`, `[PGOV](#)`) says the same thing each time: one message and
    // title string each, not one per finding (a converted archive file has hundreds of thousands).
    const said = new Map<string, { message: string; title: string }>();
    for (const a of doc.artifacts) {
      if (a.kind === 'backslashLineEnd' || a.kind === 'htmlTag' || a.kind === 'lineSeparator') continue;
      const text = doc.text.slice(a.start, a.end);
      // `[PGOV](#)also`: unwrapping would glue two words; which space was lost is a guess, so no fix.
      if (a.kind === 'markdownLink' && gluesWords(doc.text, a.start, a.end, a.replacement)) {
        report({ start: a.start, end: a.end, message: `${DESCRIBE[a.kind](text, a, doc)} It touches the next word, so it is not fixed automatically.` });
        continue;
      }
      const key = a.kind === 'spuriousPilcrow' ? undefined : `${a.kind}\u0000${text}\u0000${a.replacement}`;
      let words = key === undefined ? undefined : said.get(key);
      if (!words) {
        words = { message: DESCRIBE[a.kind](text, a, doc), title: a.replacement ? `Replace "${text}" with "${a.replacement}"` : `Remove "${text}"` };
        if (key !== undefined) said.set(key, words);
      }
      report({ start: a.start, end: a.end, message: words.message, fix: { title: words.title, edits: [{ start: a.start, end: a.end, newText: a.replacement }] } });
    }
  },
};

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Whether replacing start..end with `replacement` would join it to a letter or digit on either side. */
function gluesWords(text: string, start: number, end: number, replacement: string): boolean {
  const before = text[start - 1] ?? '';
  const after = text[end] ?? '';
  return (WORD_CHAR.test(before) && WORD_CHAR.test(replacement[0] ?? '')) || (WORD_CHAR.test(after) && WORD_CHAR.test(replacement[replacement.length - 1] ?? ''));
}

/** `"…the week of April / ¶7."`: the end of the text above the pilcrow and the number after it. */
function splitContext(doc: CableDocument, a: Artifact): string {
  const line = doc.lines.lineAt(a.start);
  let above = line - 1;
  while (above > 0 && above > line - 4 && !doc.lines.lineText(above).trim()) above--;
  const before = above >= 0 ? doc.lines.lineText(above).replace(/[\s\\]+$/, '') : '';
  const words = before.split(/\s+/).slice(-4).join(' ');
  const number = /^\d{1,3}\.?/.exec(doc.text.slice(a.end, a.end + 5))?.[0] ?? '';
  return `"…${words} / ¶${number}"`;
}
