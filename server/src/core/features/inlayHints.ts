/**
 * Inlay hints (setting `cable.inlayHints.enable`): the DTG decoded at the end of the DTG
 * line, the date of the DE line's Julian day, and the station name of a TO/INFO routing
 * indicator when the table names it otherwise than the address written.
 */
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver-types';
import type { CableDocument } from '../model/cable';
import { isoMinute, weekday } from '../parser/dates';
import type { CodeTables } from '../tables/codeTables';
import { deDate } from './hover';

export function inlayHints(doc: CableDocument, tables: CodeTables, range?: Range): InlayHint[] {
  const hints: InlayHint[] = [];
  const inRange = (line: number): boolean => !range || (line >= range.start.line && line <= range.end.line);
  const endOf = (line: number) => ({ line, character: doc.lines.ends[line] - doc.lines.starts[line] });

  const dtgLine = doc.header.dtgLine;
  if (dtgLine?.dtg?.instant && inRange(dtgLine.line)) {
    hints.push({ position: doc.lines.positionAt(dtgLine.dtg.token.end), label: `= ${isoMinute(dtgLine.dtg.instant)} ${weekday(dtgLine.dtg.instant).slice(0, 3)}`, kind: InlayHintKind.Type, paddingLeft: true });
  }
  const de = doc.header.de;
  const date = deDate(doc);
  if (de?.julian && date && inRange(de.line)) {
    hints.push({ position: doc.lines.positionAt(de.julian.end), label: `= ${isoMinute(date)}`, kind: InlayHintKind.Type, paddingLeft: true });
  }
  for (const a of [...doc.header.to, ...doc.header.info, ...doc.header.exclusions]) {
    if (!a.ri || !inRange(a.line)) continue;
    const info = tables.routingIndicator(a.ri.text);
    const name = info?.name;
    const written = a.plad?.text.replace(/\bWASHDC\b/, 'WASHINGTON DC');
    if (!name || name === a.plad?.text || name === written) continue;
    hints.push({ position: endOf(a.line), label: `${a.ri.text}: ${name}`, kind: InlayHintKind.Parameter, paddingLeft: true });
  }
  return hints;
}
