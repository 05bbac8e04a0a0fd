/**
 * Moving around a cable: folding ranges, selection ranges, links to other cables, and the
 * links between citations in the text ("ref A", "reftel") and the REF items they cite
 * (definition, references, highlights).
 */
import {
  DocumentHighlightKind,
  FoldingRangeKind,
  type DocumentHighlight,
  type DocumentLink,
  type FoldingRange,
  type Location,
  type Position,
  type Range,
  type SelectionRange,
} from 'vscode-languageserver-types';
import type { CableDocument, CableRef, RefItem, Span, Token } from '../model/cable';
import { tokenAt } from './ranges';
import { maxOf, minOf } from '../util/arrays';

// ---------------------------------------------------------------------------------------
// Folding

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
  for (const p of doc.body.paragraphs) {
    add(p.firstLine, p.lastLine);
    for (const s of p.subParagraphs) add(s.firstLine, s.lastLine);
  }
  for (const b of doc.body.blocks) {
    if (b.start && b.end) add(b.start.line, b.end.line, FoldingRangeKind.Region);
  }
  return dedupe(out);
}

function lastContentLine(doc: CableDocument): number {
  const signature = doc.body.signature ? doc.lines.lineAt(doc.body.signature.start) : undefined;
  let last = (signature ?? doc.lines.lineCount) - 1;
  return trimBlankEnd(doc, 0, last < 0 ? 0 : last);
}

function trimBlankEnd(doc: CableDocument, first: number, last: number): number {
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

// ---------------------------------------------------------------------------------------
// Selection ranges: token → field → line → paragraph or block → section → document.

export function selectionRanges(doc: CableDocument, positions: Position[]): SelectionRange[] {
  return positions.map((position) => {
    const offset = doc.lines.offsetAt(position);
    const spans: Span[] = [];
    const t = tokenAt(doc.tokens, offset);
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

// ---------------------------------------------------------------------------------------
// Links to other cables

export interface CableLinkResolver {
  /** The file of a cable in the workspace, by canonical id. */
  fileOf(id: string): string | undefined;
  /** The archive URL template, `{id}` replaced by the id; empty for none. */
  archiveUrl: string;
}

/** Cable references: REF items and ids written in the text. */
export function cableReferences(doc: CableDocument): CableRef[] {
  const refs = doc.textHeader.refs?.items.flatMap((i) => i.cables) ?? [];
  return [...refs, ...doc.body.cableIds].filter((r) => r.id && r.id !== doc.id);
}

export function documentLinks(doc: CableDocument, resolver: CableLinkResolver): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const ref of cableReferences(doc)) {
    const id = ref.id as string;
    const file = resolver.fileOf(id);
    const range = doc.lines.range(ref.token.start, ref.token.end);
    if (file) links.push({ range, target: file, tooltip: `Open ${id}` });
    else if (resolver.archiveUrl) links.push({ range, target: resolver.archiveUrl.replace(/\{id\}/g, encodeURIComponent(id)), tooltip: `${id} in the public archive${ref.yearAssumed ? ' (year assumed from this cable\'s date)' : ''}` });
  }
  return links;
}

// ---------------------------------------------------------------------------------------
// Citations and REF items

/** The REF item a citation letter points at (a bare "reftel" points at a single item). */
function itemsCited(doc: CableDocument, citationToken: Token): RefItem[] {
  const refs = doc.textHeader.refs;
  if (!refs) return [];
  const letters = doc.body.citations.filter((c) => c.token.start === citationToken.start).map((c) => c.letter);
  if (letters.every((l) => l === undefined)) return refs.items.length === 1 ? [refs.items[0]] : refs.items;
  return refs.items.filter((i) => i.letter && letters.includes(i.letter));
}

/** The REF item under an offset (its label or text). */
function itemAt(doc: CableDocument, offset: number): RefItem | undefined {
  return doc.textHeader.refs?.items.find((i) => i.span.start <= offset && offset <= i.span.end);
}

function citationsOf(doc: CableDocument, item: RefItem): Token[] {
  const refs = doc.textHeader.refs!;
  const single = refs.items.length === 1;
  const seen = new Set<number>();
  const out: Token[] = [];
  for (const c of doc.body.citations) {
    const matches = c.letter ? c.letter === item.letter : single || !item.letter;
    if (matches && !seen.has(c.token.start)) {
      seen.add(c.token.start);
      out.push(c.token);
    }
  }
  return out;
}

export function definition(doc: CableDocument, uri: string, offset: number): Location[] {
  const t = tokenAt(doc.tokens, offset);
  if (t?.kind !== 'citation') return [];
  return itemsCited(doc, t).map((i) => ({ uri, range: doc.lines.range(i.span.start, i.span.end) }));
}

export function references(doc: CableDocument, uri: string, offset: number, includeDeclaration: boolean): Location[] {
  const t = tokenAt(doc.tokens, offset);
  const items = t?.kind === 'citation' ? itemsCited(doc, t) : [itemAt(doc, offset)].filter((i): i is RefItem => !!i);
  const out: Location[] = [];
  for (const item of items) {
    if (includeDeclaration) out.push({ uri, range: doc.lines.range(item.span.start, item.span.end) });
    for (const c of citationsOf(doc, item)) out.push({ uri, range: doc.lines.range(c.start, c.end) });
  }
  return out;
}

export function documentHighlights(doc: CableDocument, offset: number): DocumentHighlight[] {
  const t = tokenAt(doc.tokens, offset);
  const items = t?.kind === 'citation' ? itemsCited(doc, t) : [itemAt(doc, offset)].filter((i): i is RefItem => !!i);
  const out: DocumentHighlight[] = [];
  for (const item of items) {
    const head = item.label ?? item.cables[0]?.token ?? item.span;
    out.push({ range: doc.lines.range(head.start, head.end), kind: DocumentHighlightKind.Write });
    for (const c of citationsOf(doc, item)) out.push({ range: doc.lines.range(c.start, c.end), kind: DocumentHighlightKind.Read });
  }
  return out;
}

/** Whether the offset is on the cable's own id (its classification line): references go to citing cables. */
export function isOwnIdAt(doc: CableDocument, offset: number): boolean {
  const c = doc.textHeader.classification;
  return !!doc.id && !!c && c.span.start <= offset && offset <= c.span.end;
}

export type { Range };
