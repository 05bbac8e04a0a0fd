import type { Rule } from './types';

export const deSerialMismatch: Rule = {
  id: 'de-serial-mismatch',
  description: 'The DE line\'s station serial differs from the last four digits of the classification line\'s serial.',
  defaultSeverity: 'warning',
  fixable: false,
  docs: {
    rationale:
      'The station serial on the DE line repeats the last four digits of the cable\'s serial (`DE RUEHTA #2361` with `UNCLAS ASTANA 002361`) in 5,192 of 5,198 Cablegate cables (FORMAT.md §2, FL3). A difference usually means a header and a text were put together from different cables.',
    bad: 'DE RUEHTA #2316 3310915\n…\nUNCLAS ASTANA 002361',
    good: 'DE RUEHTA #2361 3310915\n…\nUNCLAS ASTANA 002361',
  },
  check({ doc, report }) {
    const serial = doc.header.de?.serial;
    const classSerial = doc.textHeader.classification?.serialToken;
    if (!serial || !classSerial || !/^#\d{4}$/.test(serial.text) || !/^\d{4,}$/.test(classSerial.text)) return;
    const expected = classSerial.text.slice(-4);
    if (serial.text.slice(1) === expected) return;
    report({
      start: serial.start,
      end: serial.end,
      message: `DE station serial ${serial.text} differs from the classification line's serial ${classSerial.text} (expected #${expected}).`,
    });
  },
};
