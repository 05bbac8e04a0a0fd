import type { Rule, TextEdit } from './types';
import { lineBreakOf, literalMatches } from './util';

/** `… help close the SIPDIS gap on …`: the caption between two lower-case words of a sentence. */
const STRAY_SIPDIS = /(?<=[a-z,;’'"”)] )(?<!\b(?:use|uses|include|includes|including|using|add|adding|with|the word) )SIPDIS(?= (?!(?:caption|captions|in|on|distribution|channel|slug|tag|marking)\b)[a-z(])/y;
// Not the caption named in a sentence: `Please use SIPDIS caption on all responses`, `include SIPDIS in all replies`.

export const strayCaption: Rule = {
  id: 'stray-caption',
  description: 'A SIPDIS caption stands inside a sentence (`… help close the SIPDIS gap on …`).',
  defaultSeverity: 'information',
  fixable: true,
  docs: {
    rationale:
      'SIPDIS marks a cable for the SIPRNet distribution (FORMAT.md §3.3); it stands on a line of its own after the classification line, and again where a section begins. Where a rendering lost the line breaks around it, the caption sits between two words of a sentence, in about 1 cable in 100 of the archive sample. The text is readable, so this is information.',
    bad: 'Jr. offered to help close the SIPDIS gap on outstanding issues.',
    good: 'Jr. offered to help close the\nSIPDIS\ngap on outstanding issues.',
    fixDescription: 'Puts the caption on a line of its own where it stands; no word changes or moves.',
  },
  check({ doc, report }) {
    const text = doc.text;
    const from = doc.body.firstLine !== undefined ? doc.lines.starts[doc.body.firstLine] : text.length;
    const matches = literalMatches(text, 'SIPDIS', STRAY_SIPDIS, from);
    if (!matches.length) return;
    const lineBreak = lineBreakOf(text);
    for (const m of matches) {
      const start = m.index;
      const end = start + m[0].length;
      const edits: TextEdit[] = [
        { start: start - 1, end: start, newText: lineBreak },
        { start: end, end: end + 1, newText: lineBreak },
      ];
      report({ start, end, message: 'The SIPDIS caption stands inside a sentence: the line breaks around it were lost.', fix: { title: 'Put SIPDIS on a line of its own', edits } });
    }
  },
};
