import type { Rule, TextEdit } from './types';
import { matchParagraphStart } from '../parser/bodyLines';
import { lineBreakOf } from './util';

export const sectionBreakInline: Rule = {
  id: 'section-break-inline',
  description: 'A section-break line (`MADRID 00001132 002 OF 005`) is run into the text: inside a sentence, or with text after it on its line.',
  defaultSeverity: 'information',
  fixable: true,
  docs: {
    rationale:
      'Where WikiLeaks joined the sections of a long cable it left a break line `ORIGIN 0000NNNN 00k OF 00m` (FORMAT.md §3.12). In renderings that lost line breaks the break line sits inside a sentence (`… leading exporter of BRASILIA 00001412 003 OF 006 soybeans, beef …`) or has the next text run on after it, in about 15 cables in 100 of the archive. The text is readable as it is, so this is information; the parser reads such breaks for section-numbering.',
    bad: '… Brazil is the leading exporter of BRASILIA 00001412 003 OF 006 soybeans, beef and sugar.',
    good: '… Brazil is the leading exporter of\nBRASILIA 00001412 003 OF 006\nsoybeans, beef and sugar.',
    fixDescription:
      'Puts the break on a line of its own where it stands, as in a standard cable: a line break before it, after it, or both. Nothing else changes and nothing moves.',
  },
  check({ doc, report }) {
    const text = doc.text;
    const lineBreak = lineBreakOf(text);
    for (const b of doc.body.sectionBreaks) {
      if (!b.inline) continue;
      const t = b.token;
      const lineStart = doc.lines.starts[b.line];
      let contentEnd = doc.lines.ends[b.line];
      while (contentEnd > t.end && /[\s\\]/.test(text[contentEnd - 1])) contentEnd--;
      let before = t.start;
      while (before > lineStart && (text[before - 1] === ' ' || text[before - 1] === '\t')) before--;
      let after = t.end;
      while (after < contentEnd && (text[after] === ' ' || text[after] === '\t')) after++;
      const textBefore = before > lineStart;
      const textAfter = after < contentEnd;
      let edits: TextEdit[];
      let title: string;
      if (textBefore && textAfter) {
        // Inside a sentence: the break gets a line of its own where it stands, as a break line
        // between two lines of a sentence is in a standard cable; nothing moves.
        edits = [
          { start: before, end: t.start, newText: lineBreak },
          { start: t.end, end: after, newText: lineBreak },
        ];
        title = 'Put the section break on a line of its own';
      } else if (textAfter) {
        edits = [{ start: t.end, end: after, newText: lineBreak }];
        title = 'Start a new line after the section break';
      } else {
        edits = [{ start: before, end: t.start, newText: lineBreak }];
        title = 'Put the section break on a line of its own';
      }
      report({
        start: t.start,
        end: t.end,
        message: `Section break "${t.text.replace(/\s+/g, ' ')}" is run into the text${textBefore && textAfter ? `, ${placeInText(text, before, after)}` : ''}.`,
        fix: { title, edits },
      });
    }
  },
};

/**
 * Where a break with text on both sides stands: before a numbered paragraph (`… e-mail) STATE
 * 00086156 003 OF 003 18. (SBU) …`), after a sentence's end (`… such incidents. TRIPOLI …`), or
 * inside a sentence. `before` and `after` are where the text around the break ends and starts.
 */
function placeInText(text: string, before: number, after: number): string {
  if (matchParagraphStart(text.slice(after, after + 120), 0)?.portionMark) return 'before a paragraph';
  return /[.!?:]["”’)]?$/.test(text.slice(Math.max(0, before - 4), before)) ? 'between two sentences' : 'inside a sentence';
}
