import type { Rule } from './types';

export const secondCable: Rule = {
  id: 'second-cable',
  description: 'The file holds a second, different cable after this one (its own classification line, another serial).',
  defaultSeverity: 'information',
  fixable: false,
  docs: {
    rationale:
      'Archive exports sometimes run two cables together in one file: a database row or a page of another cable follows the text (about 1 file in 100 of the archive sample). The parser reads this cable up to the second one\'s classification line and keeps the rest as text, so that no rule reads across the join; this finding says where the second cable starts. Reported as information: the file is readable, but a researcher should know it holds two documents.',
    bad: '¶5. (C) … End comment.\nBEYRLE\n…\nC O N F I D E N T I A L SECTION 01 OF 02 MOSCOW 002237',
    good: '¶5. (C) … End comment.\nBEYRLE',
  },
  check({ doc, report }) {
    const second = doc.body.secondCable;
    if (!second) return;
    const own = doc.textHeader.classification;
    report({
      start: second.token.start,
      end: second.token.end,
      message: `A second cable starts here ("${second.token.text.replace(/\s+/g, ' ')}")${own?.serialToken ? `, after the text of ${own.originToken?.text ?? ''} ${own.serialToken.text}`.trimEnd() : ''}; its lines are not read as this cable's.`,
    });
  },
};
