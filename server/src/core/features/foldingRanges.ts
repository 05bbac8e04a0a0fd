/** Folding ranges: the header, addressee lists, the text header, paragraphs, blocks, the signature. */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import { nextRunOntoLastLine, type CableDocument } from '../model/cable';
import { maxOf, minOf } from '../util/arrays';

export function foldingRanges(doc: CableDocument): FoldingRange[] {
  const out: FoldingRange[] = [];
  const add = (start: number, end: number, kind?: string): void => {
    if (end > start) out.push({ startLine: start, endLine: end, ...(kind ? { kind } : {}) });
  };
  const h = doc.header;
  const headerLines = [h.transmissionId && doc.lines.lineAt(h.transmissionId.token.start), h.routing?.firstLine, h.de?.line, h.dtgLine?.line, h.from?.line, ...h.to.map((a) => a.line), ...h.info.map((a) => a.line)].filter((x): x is number => x !== undefined);
  if (headerLines.length) add(minOf(headerLines), maxOf(headerLines), FoldingRangeKind.Imports);
  for (const list of [h.to, h.info]) if (list.length > 1) add(list[0].line, list[list.length - 1].line);
  if (h.routing) add(h.routing.firstLine, h.routing.lastLine);
  const th = doc.textHeader;
  if (th.refs) add(th.refs.firstLine, Math.max(th.refs.lastLine, ...th.refs.items.map((i) => i.lastLine)));
  if (th.subject) add(th.subject.firstLine, th.subject.lastLine);
  if (th.classifiedBy) add(th.classifiedBy.firstLine, th.classifiedBy.lastLine);
  // Each heading's section runs to the line before the next heading (or the signature).
  const headings = doc.body.headings;
  const bodyEnd = lastContentLine(doc);
  headings.forEach((heading, k) => {
    const next = k + 1 < headings.length ? headings[k + 1].line - 1 : bodyEnd;
    add(heading.line, trimBlankEnd(doc, heading.line, next));
  });
  const paragraphs = doc.body.paragraphs;
  paragraphs.forEach((p, k) => {
    // A paragraph whose last line holds the start of the next folds up to the line before.
    add(p.firstLine, nextRunOntoLastLine(paragraphs, k) ? p.lastLine - 1 : p.lastLine);
    for (const s of p.subParagraphs) add(s.firstLine, s.lastLine);
  });
  for (const b of doc.body.blocks) {
    if (b.start && b.end) add(b.start.line, b.end.line, FoldingRangeKind.Region);
  }
  return dedupe(out);
}

export function lastContentLine(doc: CableDocument): number {
  const signature = doc.body.signature ? doc.lines.lineAt(doc.body.signature.start) : undefined;
  let last = (signature ?? doc.lines.lineCount) - 1;
  return trimBlankEnd(doc, 0, last < 0 ? 0 : last);
}

export function trimBlankEnd(doc: CableDocument, first: number, last: number): number {
  while (last > first && !doc.text.slice(doc.lines.starts[last], doc.lines.ends[last]).trim()) last--;
  return last;
}

function dedupe(ranges: FoldingRange[]): FoldingRange[] {
  const seen = new Set<string>();
  return ranges
    .sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine)
    .filter((r) => {
      const key = `${r.startLine}:${r.endLine}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
