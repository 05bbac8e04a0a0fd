/**
 * Citations in the text ("ref A", "reftel") and the REF items they cite: go to definition,
 * find references, highlights; and the cable's own id (whose references are citing cables).
 */
import { DocumentHighlightKind, type DocumentHighlight, type Location } from 'vscode-languageserver-types';
import { documentTokens, type CableDocument, type RefItem, type Token } from '../model/cable';
import { tokenAt } from './ranges';

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
  const t = tokenAt(documentTokens(doc), offset);
  if (t?.kind !== 'citation') return [];
  return itemsCited(doc, t).map((i) => ({ uri, range: doc.lines.range(i.span.start, i.span.end) }));
}

export function references(doc: CableDocument, uri: string, offset: number, includeDeclaration: boolean): Location[] {
  const t = tokenAt(documentTokens(doc), offset);
  const items = t?.kind === 'citation' ? itemsCited(doc, t) : [itemAt(doc, offset)].filter((i): i is RefItem => !!i);
  const out: Location[] = [];
  for (const item of items) {
    if (includeDeclaration) out.push({ uri, range: doc.lines.range(item.span.start, item.span.end) });
    for (const c of citationsOf(doc, item)) out.push({ uri, range: doc.lines.range(c.start, c.end) });
  }
  return out;
}

export function documentHighlights(doc: CableDocument, offset: number): DocumentHighlight[] {
  const t = tokenAt(documentTokens(doc), offset);
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
