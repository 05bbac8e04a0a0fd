import type { Rule } from './types';

export const deLine: Rule = {
  id: 'de-line',
  description: 'The DE line (format line 3) is not `DE` + station routing indicator + `#` station serial [+ `/` part] + Julian day and time.',
  defaultSeverity: 'error',
  fixable: false,
  docs: {
    rationale:
      'Format line 3 names the originating station: `DE RUEHTA #2361 3310915` is station RUEHTA, station serial 2361, sent on day 331 at 09:15 Zulu; multi-section cables add `/01`, `/02` after the serial (FORMAT.md §2, FL3; ACP-127 sample messages).',
    bad: 'DE RUEHTA 2361 331091',
    good: 'DE RUEHTA #2361 3310915',
  },
  check({ doc, report }) {
    const de = doc.header.de;
    if (!de || de.wellFormed) return;
    const problems: string[] = [];
    if (!de.station || !/^[A-Z]{4,7}$/.test(de.station.text)) problems.push('a station routing indicator of four to seven letters');
    if (!de.serial || !/^#\d{4}$/.test(de.serial.text)) problems.push('a station serial `#` + four digits');
    if (de.part && !/^\/\d{2}$/.test(de.part.text)) problems.push('a section part of two digits (/01)');
    if (!de.julian || !/^\d{7}$/.test(de.julian.text)) problems.push('the Julian day and time as seven digits (3310915)');
    else if (de.julianDay! < 1 || de.julianDay! > 366 || de.hour! > 23 || de.minute! > 59) problems.push('a Julian day 001-366 and a time 0000-2359');
    report({
      start: de.span.start,
      end: de.span.end,
      message: `Malformed DE line: expected ${problems.length ? problems.join(', ') : 'DE STATION #SSSS[/PP] JJJHHMM'}.`,
    });
  },
};
