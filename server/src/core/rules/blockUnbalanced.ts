import { paragraphAt } from '../model/cable';
import { laterSectionOnly } from './util';
import type { Rule } from './types';

const NAME = { summary: 'SUMMARY', comment: 'COMMENT', note: 'NOTE' } as const;

export const blockUnbalanced: Rule = {
  id: 'block-unbalanced',
  description: 'END SUMMARY, END COMMENT or END NOTE without a start; a `(NOTE:` or `(COMMENT:` left open is reported as information.',
  defaultSeverity: 'warning',
  fixable: false,
  docs: {
    rationale:
      'Summaries, comments and notes are bracketed: `SUMMARY: … END SUMMARY.`, `COMMENT: … END COMMENT.`, `(NOTE: … END NOTE.)` (FORMAT.md §3.10). An end without a start is usually a lost line. Starts are recognised tolerantly (`1. (C) Summary.`, `BEGIN SUMMARY`, `Summary and Comment:`); a start without an end is usually legitimate (a closing `Comment:` paragraph or heading, a `(Note: …)` closed by its parenthesis: 132 such starts in the 194 test cables, 77 COMMENT, 34 NOTE, 21 SUMMARY, all legitimate), so only a parenthesised `(NOTE:` or `(COMMENT:` left open to the end of its paragraph is reported, as information.',
    bad: '¶1. (C) The minister said … End summary.',
    good: '¶1. (C) Summary: The minister said … End summary.',
  },
  check({ doc, report }) {
    for (const block of doc.body.blocks) {
      if (block.end && !block.start) {
        // A later section alone: the block may start in the section before.
        if (laterSectionOnly(doc)) continue;
        // `xxxxx End Note.)`: the archive redacted the start together with the text before the end.
        if (/[Xx]{5,}[\s.,;:)]*$/.test(doc.text.slice(Math.max(0, block.end.token.start - 40), block.end.token.start))) continue;
        report({ start: block.end.token.start, end: block.end.token.end, message: `"${block.end.token.text}" has no ${NAME[block.kind]} start before it.` });
      } else if (block.start && !block.end) {
        // Starts without an END are mostly legitimate: closing "Comment:" paragraphs and
        // headings, "(Note: …)" closed by its parenthesis. Only a parenthesis left open up to
        // the end of the paragraph is reported.
        const start = block.start.token;
        const open = doc.text[start.start - 1];
        if (open !== '(' && open !== '[') continue;
        const paragraph = paragraphAt(doc.body, start.start);
        const until = paragraph ? paragraph.span.end : doc.lines.ends[block.start.line];
        if (doc.text.slice(start.end, until).includes(open === '(' ? ')' : ']')) continue;
        report({ start: start.start - 1, end: start.end, severity: 'information', message: `"${open}${start.text}" opens a ${NAME[block.kind]} that is not closed (no "${open === '(' ? ')' : ']'}" or END ${NAME[block.kind]} before the paragraph ends).` });
      }
    }
  },
};
