import { hasTextHeader, missing, reportAnchor } from './util';
import type { Rule } from './types';

export const classificationLine: Rule = {
  id: 'classification-line',
  description: 'The classification line is missing or malformed (a garbled level or SECTION word), or its serial is not six digits.',
  defaultSeverity: 'error',
  fixable: true,
  docs: {
    rationale:
      '"The first line of the outgoing telegram is the classification line" (5 FAH-2 H-220): the level (UNCLAS, C O N F I D E N T I A L, S E C R E T), an optional SECTION n OF m, the origin and a six-digit serial, e.g. `UNCLAS ASTANA 002361`. The serial has six digits in 5,195 of 5,198 Cablegate cables (FORMAT.md §3.1). Cables from before 2000 used shorter serials and are not held to six digits.',
    bad: 'UNCLAS ASTANA 2361',
    good: 'UNCLAS ASTANA 002361',
    fixDescription: 'A garbled SECTION word (`SCTION 02 OF 02`) is written SECTION; nothing else is fixed (a missing or garbled level, origin or serial needs the original).',
  },
  check({ doc, report }) {
    const c = doc.textHeader.classification;
    if (!c) {
      if (!hasTextHeader(doc) && !doc.header.transmissionId) return;
      report(missing(doc, reportAnchor(doc), 'No classification line: the text should start with UNCLAS, C O N F I D E N T I A L or S E C R E T, the origin and the serial (e.g. UNCLAS ASTANA 002361).'));
      return;
    }
    if (c.garbled) {
      report({ start: c.levelToken.start, end: c.levelToken.end, message: `Garbled classification "${c.levelToken.text}" (read as ${c.level}).` });
    }
    // `SCTION 02 OF 02`: the word lost or changed a letter.
    const sectionWord = c.sectionToken ? /^[A-Z ]+?(?= +\d)/.exec(c.sectionToken.text)?.[0] : undefined;
    if (sectionWord && sectionWord !== 'SECTION') {
      const t = c.sectionToken!;
      report({
        start: t.start,
        end: t.start + sectionWord.length,
        message: `Garbled "${sectionWord}" where SECTION was meant.`,
        fix: { title: 'Write "SECTION"', edits: [{ start: t.start, end: t.start + sectionWord.length, newText: 'SECTION' }] },
      });
    }
    if (!c.originToken || !c.serialToken) {
      report({ start: c.span.start, end: c.span.end, message: 'Incomplete classification line: the origin and serial are missing (e.g. UNCLAS ASTANA 002361).' });
      return;
    }
    if (!/^\d+$/.test(c.serialToken.text)) {
      report({ start: c.serialToken.start, end: c.serialToken.end, message: `Serial "${c.serialToken.text}" is not a number (a character garbled in transmission?).` });
      return;
    }
    const year = doc.dtg?.year;
    if (c.serialToken.text.length !== 6 && (year === undefined || year >= 2000)) {
      report({ start: c.serialToken.start, end: c.serialToken.end, message: `Serial ${c.serialToken.text} has ${c.serialToken.text.length} digits; classification-line serials have six (${c.serialToken.text.padStart(6, '0').slice(-6)}).` });
    }
  },
};
