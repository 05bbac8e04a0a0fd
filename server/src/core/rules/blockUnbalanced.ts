import type { Rule } from './types';

const NAME = { summary: 'SUMMARY', comment: 'COMMENT', note: 'NOTE' } as const;

export const blockUnbalanced: Rule = {
  id: 'block-unbalanced',
  description: 'END SUMMARY, END COMMENT or END NOTE without a start; a start without an end is reported as information.',
  defaultSeverity: 'warning',
  fixable: false,
  docs: {
    rationale:
      'Summaries, comments and notes are bracketed: `SUMMARY: … END SUMMARY.`, `COMMENT: … END COMMENT.`, `(NOTE: … END NOTE.)` (FORMAT.md §3.10). An end without a start is usually a lost line. Starts are recognised tolerantly (`1. (C) Summary.`, `BEGIN SUMMARY`, `Summary and Comment:`); a start without an end is often legitimate (a closing `Comment:` paragraph), so it is only information.',
    bad: '¶1. (C) The minister said … End summary.',
    good: '¶1. (C) Summary: The minister said … End summary.',
  },
  check({ doc, report }) {
    for (const block of doc.body.blocks) {
      if (block.end && !block.start) {
        report({ start: block.end.token.start, end: block.end.token.end, message: `"${block.end.token.text}" has no ${NAME[block.kind]} start before it.` });
      } else if (block.start && !block.end && block.kind !== 'summary') {
        report({ start: block.start.token.start, end: block.start.token.end, severity: 'information', message: `${NAME[block.kind]} starts here but has no END ${NAME[block.kind]}.` });
      } else if (block.start && !block.end) {
        report({ start: block.start.token.start, end: block.start.token.end, severity: 'information', message: 'SUMMARY starts here but has no END SUMMARY.' });
      }
    }
  },
};
