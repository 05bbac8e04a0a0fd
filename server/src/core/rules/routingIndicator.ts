import type { Rule } from './types';

export const routingIndicator: Rule = {
  id: 'routing-indicator',
  description: 'The precedence prosign is not ZZ, OO, PP or RR, or a routing indicator is malformed; an unknown routing indicator is reported as information.',
  defaultSeverity: 'error',
  fixable: false,
  docs: {
    rationale:
      'Format line 2 is the precedence prosign (ZZ flash, OO immediate, PP priority, RR routine) followed by routing indicators of four to seven letters (5 FAH-2 H-320; FORMAT.md §2, FL2). Routing indicators also lead TO and INFO lines (`RUEHC/SECSTATE WASHDC`). An indicator in none of the routing tables (ACP 117 2010, the 2011 cabletags list, those seen in Cablegate headers) is reported as information: it may be right, but nothing can decode it.',
    bad: 'OX RUEHAG RUEH4ST',
    good: 'OO RUEHAG RUEHAST',
  },
  check({ doc, tables, report }) {
    const routing = doc.header.routing;
    if (routing) {
      if (!routing.prosign) {
        const bad = routing.malformed.find((t) => t.kind === 'prosign');
        if (bad) report({ start: bad.start, end: bad.end, message: `"${bad.text}" is not a precedence prosign: expected ZZ (flash), OO (immediate), PP (priority) or RR (routine).` });
      }
      for (const t of routing.malformed) {
        if (t.kind === 'prosign') continue;
        report({ start: t.start, end: t.end, message: `Malformed routing indicator "${t.text}": expected four to seven capital letters.` });
      }
      for (const t of routing.indicators) {
        if (!tables.routingIndicator(t.text)) {
          report({ start: t.start, end: t.end, message: `Unknown routing indicator "${t.text}": it is in none of the routing tables.`, severity: 'information' });
        }
      }
    }
    for (const a of [...doc.header.to, ...doc.header.info]) {
      if (a.ri && !tables.routingIndicator(a.ri.text)) {
        report({ start: a.ri.start, end: a.ri.end, message: `Unknown routing indicator "${a.ri.text}": it is in none of the routing tables.`, severity: 'information' });
      }
    }
    const station = doc.header.de?.station;
    if (station && /^[A-Z]{4,7}$/.test(station.text) && !tables.routingIndicator(station.text)) {
      report({ start: station.start, end: station.end, message: `Unknown routing indicator "${station.text}": it is in none of the routing tables.`, severity: 'information' });
    }
  },
};
