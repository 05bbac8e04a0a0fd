/** Smart selection: token → field → line → paragraph or block → section → document. */
import type { Position, SelectionRange } from 'vscode-languageserver-types';
import { documentTokens, type CableDocument, type Span } from '../model/cable';
import { lastContentLine, trimBlankEnd } from './foldingRanges';
import { tokenAt } from './ranges';

export function selectionRanges(doc: CableDocument, positions: Position[]): SelectionRange[] {
  return positions.map((position) => {
    const offset = doc.lines.offsetAt(position);
    const spans: Span[] = [];
    const t = tokenAt(documentTokens(doc), offset);
    if (t) spans.push(t);
    const field = fieldAt(doc, offset);
    if (field) spans.push(field);
    const line = doc.lines.lineAt(offset);
    spans.push({ start: doc.lines.starts[line], end: doc.lines.ends[line] });
    const block = blockAt(doc, line);
    if (block) spans.push(block);
    const section = sectionAt(doc, line);
    if (section) spans.push(section);
    spans.push({ start: 0, end: doc.text.length });
    // Each range must contain the one before: drop any that does not grow.
    let parent: SelectionRange | undefined;
    const chain: Span[] = [];
    for (const s of spans) {
      const last = chain[chain.length - 1];
      if (last && (s.start > last.start || s.end < last.end || (s.start === last.start && s.end === last.end))) continue;
      chain.push(s);
    }
    for (let k = chain.length - 1; k >= 0; k--) parent = { range: doc.lines.range(chain[k].start, chain[k].end), parent };
    return parent!;
  });
}

/** The field around an offset: an addressee, a DTG, a REF item, the subject, a classification line… */
function fieldAt(doc: CableDocument, offset: number): Span | undefined {
  const inside = (s: Span | undefined): Span | undefined => (s && s.start <= offset && offset <= s.end ? s : undefined);
  const h = doc.header;
  const th = doc.textHeader;
  for (const a of [h.from, ...h.to, ...h.info, ...h.exclusions]) {
    if (inside(a?.span)) return a!.span;
  }
  for (const item of th.refs?.items ?? []) if (inside(item.span)) return item.span;
  return inside(h.de?.span) ?? inside(h.security?.span) ?? inside(h.dtgLine?.span) ?? inside(th.classification?.span) ?? inside(th.eo?.span) ?? inside(th.tags?.span) ?? inside(th.subject?.span) ?? inside(th.classifiedBy?.span);
}

function linesSpan(doc: CableDocument, first: number, last: number): Span {
  return { start: doc.lines.starts[first], end: doc.lines.ends[last] };
}

function blockAt(doc: CableDocument, line: number): Span | undefined {
  for (const p of doc.body.paragraphs) {
    if (p.firstLine <= line && line <= p.lastLine) {
      const sub = p.subParagraphs.find((s) => s.firstLine <= line && line <= s.lastLine);
      return sub && sub.lastLine > sub.firstLine ? linesSpan(doc, sub.firstLine, sub.lastLine) : linesSpan(doc, p.firstLine, p.lastLine);
    }
  }
  const th = doc.textHeader;
  if (th.refs && th.refs.firstLine <= line && line <= th.refs.lastLine) return linesSpan(doc, th.refs.firstLine, th.refs.lastLine);
  const h = doc.header;
  for (const list of [h.to, h.info]) {
    if (list.length && list[0].line <= line && line <= list[list.length - 1].line) return linesSpan(doc, list[0].line, list[list.length - 1].line);
  }
  return undefined;
}

function sectionAt(doc: CableDocument, line: number): Span | undefined {
  const headings = doc.body.headings;
  for (let k = headings.length - 1; k >= 0; k--) {
    if (headings[k].line <= line) {
      const end = k + 1 < headings.length ? headings[k + 1].line - 1 : lastContentLine(doc);
      return line <= end ? linesSpan(doc, headings[k].line, Math.max(headings[k].line, trimBlankEnd(doc, headings[k].line, end))) : undefined;
    }
  }
  const bodyStart = doc.body.firstLine;
  if (bodyStart !== undefined && line < bodyStart) return linesSpan(doc, 0, Math.max(0, bodyStart - 1));
  return undefined;
}
