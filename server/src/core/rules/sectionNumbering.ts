import type { Rule } from './types';

export const sectionNumbering: Rule = {
  id: 'section-numbering',
  description: 'The section-break lines (`ANKARA 00001993  002 OF 003`) disagree with SECTION n OF m: serial, sections running 002..m, or m.',
  defaultSeverity: 'warning',
  fixable: false,
  docs: {
    rationale:
      'WikiLeaks joined the sections of long cables, leaving a break line `ORIGIN 0000NNNN  00k OF 00m` where each section began; when present there are usually m-1 of them, numbered 002 to m, with the cable\'s serial (FORMAT.md §3.12).',
    bad: 'C O N F I D E N T I A L SECTION 01 OF 03 ANKARA 001993\n…\nANKARA 00001993  003 OF 003',
    good: 'C O N F I D E N T I A L SECTION 01 OF 03 ANKARA 001993\n…\nANKARA 00001993  002 OF 003\n…\nANKARA 00001993  003 OF 003',
  },
  check({ doc, report }) {
    const breaks = doc.body.sectionBreaks;
    if (!breaks.length) return;
    const c = doc.textHeader.classification;
    const serial = c?.serialToken && /^\d+$/.test(c.serialToken.text) ? Number(c.serialToken.text) : undefined;
    const m = c?.section?.m;
    let current = 1;
    for (const b of breaks) {
      const problems: string[] = [];
      if (serial !== undefined && b.serial !== serial) problems.push(`serial ${b.serial} is not the cable's ${serial}`);
      if (m !== undefined && b.of !== m) problems.push(`"OF ${String(b.of).padStart(3, '0')}" but the classification line says ${m} sections`);
      // `00k`: section k begins (k = the next section). `00k.p`: page p of section k, which is
      // the current section or the next one (whose first page has no marker of its own).
      const ok = b.page > 1 ? b.section === current || b.section === current + 1 : b.section === current + 1;
      if (!ok) {
        const what = b.page > 1 ? `page ${b.page} of section ${String(b.section).padStart(3, '0')}` : `section ${String(b.section).padStart(3, '0')}`;
        problems.push(`${what} after section ${String(current).padStart(3, '0')}; sections run in order from 001`);
      }
      if (problems.length) report({ start: b.token.start, end: b.token.end, message: `Section break disagrees: ${problems.join('; ')}.` });
      current = b.section;
    }
  },
};
