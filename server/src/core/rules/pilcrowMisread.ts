import type { Rule } from './types';

export const pilcrowMisread: Rule = {
  id: 'pilcrow-misread',
  description: 'A paragraph number such as `15.` where `¶5.` was meant: the pilcrow read as a 1.',
  defaultSeverity: 'warning',
  fixable: true,
  docs: {
    rationale:
      'WikiLeaks renders paragraph numbers with a pilcrow (`¶5.`); text recognition and some conversions read the pilcrow as the digit 1, so `¶5.` becomes `15.` (the seed cable 08ASTANA2361, paragraphs 5-7). In a cable whose other paragraphs have pilcrows, a number that is 1 followed by the number expected next is such a misreading.',
    bad: '¶4. (U) …\n\n15. (U) Foreign migrant laborers …',
    good: '¶4. (U) …\n\n¶5. (U) Foreign migrant laborers …',
    fixDescription: 'Replaces the misread number with the pilcrow and the intended number.',
  },
  check({ doc, report }) {
    for (const p of doc.body.paragraphs) {
      if (!p.pilcrowMisread) continue;
      const intended = `¶${p.number}.`;
      report({
        start: p.numberToken.start,
        end: p.numberToken.end,
        message: `"${p.numberToken.text}" reads as paragraph ${p.rawNumber}, but paragraph ${p.number} was meant: the pilcrow (¶) was misread as "1".`,
        fix: { title: `Replace "${p.numberToken.text}" with "${intended}"`, edits: [{ start: p.numberToken.start, end: p.numberToken.end, newText: intended }] },
      });
    }
  },
};
