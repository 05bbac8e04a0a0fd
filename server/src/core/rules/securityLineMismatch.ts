import type { Rule } from './types';

const EXPECTED: Record<string, string> = { UNCLASSIFIED: 'ZNR UUUUU', CONFIDENTIAL: 'ZNY CCCCC', SECRET: 'ZNY SSSSS', 'TOP SECRET': 'ZNY TTTTT' };

export const securityLineMismatch: Rule = {
  id: 'security-line-mismatch',
  description: 'The security line (`ZNR UUUUU`, `ZNY CCCCC`, …) gives another level than the classification line.',
  defaultSeverity: 'error',
  fixable: false,
  docs: {
    rationale:
      'Format line 4 repeats the classification for the transmission system: UUUUU unclassified, EEEEE unclassified EFTO, CCCCC confidential, SSSSS secret (ACP code table; FORMAT.md §2, FL4). It agrees with the classification line in all but 5 of 5,752 Cablegate headers.',
    bad: 'ZNR UUUUU ZZH\n…\nC O N F I D E N T I A L ANKARA 001993',
    good: 'ZNY CCCCC ZZH\n…\nC O N F I D E N T I A L ANKARA 001993',
  },
  check({ doc, report }) {
    const zn = doc.header.security;
    const c = doc.textHeader.classification;
    if (!zn?.level || !c) return;
    if (!zn.levelValue) {
      report({ start: zn.level.start, end: zn.level.end, message: `"${zn.level.text}" is not a security level: expected UUUUU, EEEEE, CCCCC, SSSSS or TTTTT (${EXPECTED[c.level] ?? ''} for this ${c.level.toLowerCase()} cable).` });
      return;
    }
    if (zn.levelValue !== c.level) {
      report({ start: zn.level.start, end: zn.level.end, message: `Security line ${zn.keyword.text} ${zn.level.text} (${zn.levelValue.toLowerCase()}) disagrees with the ${c.level.toLowerCase()} classification line; expected ${EXPECTED[c.level]}.` });
    } else if (c.level === 'UNCLASSIFIED' && zn.efto !== c.efto) {
      report({ start: zn.level.start, end: zn.level.end, message: c.efto ? `The classification line says UNCLAS E F T O: the security line should be ZNY EEEEE.` : `ZNY EEEEE marks an EFTO cable, but the classification line is plain UNCLAS.` });
    }
  },
};
