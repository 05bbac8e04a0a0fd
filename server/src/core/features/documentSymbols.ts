/**
 * Outline: the header with its addressee lists, the text-header fields, references, then
 * the body: headings with their paragraphs, paragraphs with their sub-paragraphs, summary,
 * comment and note blocks, signature. Children always lie inside their parent's range.
 */
import { DocumentSymbol, SymbolKind, type Range } from 'vscode-languageserver-types';
import { nextRunOntoLastLine, type Addressee, type CableDocument, type Paragraph } from '../model/cable';
import { lineRange, spanRange } from './ranges';
import { maxOf, pushAll } from '../util/arrays';

const LEAD_WORDS = 8;

export function documentSymbols(doc: CableDocument): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  const header = headerSymbol(doc);
  if (header) symbols.push(header);
  pushAll(symbols, textHeaderSymbols(doc));
  pushAll(symbols, bodySymbols(doc));
  return symbols;
}

function symbol(name: string, detail: string | undefined, kind: SymbolKind, range: Range, selection: Range = range, children?: DocumentSymbol[]): DocumentSymbol {
  return DocumentSymbol.create(name.trim() || '(empty)', detail, kind, range, selection, children);
}

function headerSymbol(doc: CableDocument): DocumentSymbol | undefined {
  const h = doc.header;
  const children: DocumentSymbol[] = [];
  const line = (name: string, detail: string, first: number, last = first): void => {
    children.push(symbol(name, detail, SymbolKind.Field, lineRange(doc, first, last)));
  };
  if (h.transmissionId) line('Transmission id', h.transmissionId.token.text, doc.lines.lineAt(h.transmissionId.token.start));
  if (h.routing) line('Routing', h.routing.prosign?.text ?? '', h.routing.firstLine, h.routing.lastLine);
  if (h.de) line('DE', doc.text.slice(h.de.span.start, h.de.span.end), h.de.line);
  if (h.security) line('Security', doc.text.slice(h.security.span.start, h.security.span.end), h.security.line);
  if (h.dtgLine && h.dtgLine.form === 'header') line('DTG', h.dtgLine.dtg?.token.text ?? '', h.dtgLine.line);
  if (h.from) children.push(addresseeGroup(doc, 'FM', [h.from]));
  if (h.to.length) children.push(addresseeGroup(doc, 'TO', h.to));
  if (h.info.length) children.push(addresseeGroup(doc, 'INFO', h.info));
  if (!children.length) return undefined;
  // In order of position: in damaged text the fields can come in any order.
  children.sort((a, b) => a.range.start.line - b.range.start.line);
  const first = children[0].range.start.line;
  const last = maxOf(children.map((c) => c.range.end.line));
  return symbol('Header', h.transmissionId?.token.text, SymbolKind.Namespace, lineRange(doc, first, last), children[0].range, children);
}

function addresseeGroup(doc: CableDocument, name: string, list: Addressee[]): DocumentSymbol {
  const items = list.map((a) =>
    symbol(a.plad?.text ?? a.ri?.text ?? doc.text.slice(a.span.start, a.span.end), a.ri?.text, SymbolKind.EnumMember, lineRange(doc, a.line, a.line)),
  );
  const range = lineRange(doc, list[0].line, list[list.length - 1].line);
  return symbol(name, `${list.length} addressee${list.length === 1 ? '' : 's'}`, SymbolKind.Field, range, items[0].range, items);
}

function textHeaderSymbols(doc: CableDocument): DocumentSymbol[] {
  const th = doc.textHeader;
  const out: DocumentSymbol[] = [];
  if (th.classification) {
    const c = th.classification;
    out.push(symbol('Classification', doc.text.slice(c.span.start, c.span.end), SymbolKind.Constant, lineRange(doc, c.line, c.line)));
  }
  if (th.captions.length) {
    const first = doc.lines.lineAt(th.captions[0].token.start);
    const last = doc.lines.lineAt(th.captions[th.captions.length - 1].token.start);
    const children = th.captions.map((c) => symbol(c.value, undefined, SymbolKind.EnumMember, spanRange(doc, c.token)));
    out.push(symbol('Captions', th.captions.map((c) => c.value).join(' '), SymbolKind.Enum, lineRange(doc, first, last), children[0].range, children));
  }
  if (th.eo) out.push(symbol('E.O.', doc.text.slice(th.eo.span.start, th.eo.span.end), SymbolKind.Property, lineRange(doc, th.eo.line, th.eo.line)));
  if (th.tags) {
    const children = th.tags.tags.map((t) => symbol(t.code, undefined, SymbolKind.EnumMember, spanRange(doc, t)));
    out.push(symbol('TAGS', th.tags.tags.map((t) => t.code).join(' '), SymbolKind.Enum, lineRange(doc, th.tags.firstLine, th.tags.lastLine), spanRange(doc, th.tags.keyword), children));
  }
  if (th.subject) {
    out.push(symbol(th.subject.text || 'Subject', 'Subject', SymbolKind.String, lineRange(doc, th.subject.firstLine, th.subject.lastLine), spanRange(doc, th.subject.keyword)));
  }
  if (th.refs) {
    const children = th.refs.items.map((item) =>
      symbol(item.letter ? `${item.letter}. ${item.text}` : item.text, item.cables[0]?.id, SymbolKind.Object, lineRange(doc, item.firstLine, item.lastLine)),
    );
    const last = Math.max(th.refs.lastLine, ...th.refs.items.map((i) => i.lastLine));
    out.push(symbol('References', `${th.refs.items.length} item${th.refs.items.length === 1 ? '' : 's'}`, SymbolKind.Array, lineRange(doc, th.refs.firstLine, last), spanRange(doc, th.refs.keyword), children));
  }
  if (th.classifiedBy) {
    const c = th.classifiedBy;
    out.push(symbol('Classified By', c.text, SymbolKind.Property, lineRange(doc, c.firstLine, c.lastLine)));
  }
  return out;
}

export function paragraphName(p: Paragraph): string {
  const lead = p.lead.split(/\s+/).slice(0, LEAD_WORDS).join(' ');
  const words = p.lead.split(/\s+/).length > LEAD_WORDS ? `${lead}…` : lead;
  return `¶${p.number}${p.portionMark ? ` ${p.portionMark.text}` : ''} ${words}`.trim();
}

function paragraphSymbol(doc: CableDocument, k: number): DocumentSymbol {
  const p = doc.body.paragraphs[k];
  const range = paragraphRange(doc, k);
  const children = p.subParagraphs.map((s) => {
    const lead = s.lead.split(/\s+/).slice(0, LEAD_WORDS).join(' ');
    const subRange = lineRange(doc, s.firstLine, s.lastLine);
    if (s.lastLine === p.lastLine) subRange.end = range.end;
    return symbol(`${s.label.text} ${s.portionMark ? `${s.portionMark.text} ` : ''}${lead}`, undefined, SymbolKind.Field, subRange);
  });
  return symbol(paragraphName(p), undefined, SymbolKind.Struct, range, spanRange(doc, p.numberToken), children);
}

/** The paragraph's lines; from its number when it was run onto a line, and up to the next one's when that was. */
function paragraphRange(doc: CableDocument, k: number): Range {
  const p = doc.body.paragraphs[k];
  const range = lineRange(doc, p.firstLine, p.lastLine);
  if (p.runIn) range.start = doc.lines.positionAt(p.span.start);
  if (nextRunOntoLastLine(doc.body.paragraphs, k)) range.end = doc.lines.positionAt(p.span.end);
  return range;
}

function bodySymbols(doc: CableDocument): DocumentSymbol[] {
  const body = doc.body;
  const out: DocumentSymbol[] = [];
  const headingSymbols = body.headings.map((h) =>
    symbol(h.token.text, undefined, SymbolKind.Namespace, lineRange(doc, h.line, h.line), spanRange(doc, h.token), []),
  );
  const headingIndex = new Map(body.headings.map((h, k) => [h, k]));
  for (const [index, p] of body.paragraphs.entries()) {
    const sym = paragraphSymbol(doc, index);
    const heading = p.heading !== undefined ? body.headings[p.heading] : undefined;
    const k = heading ? headingIndex.get(heading) : undefined;
    if (k !== undefined) headingSymbols[k].children!.push(sym);
    else out.push(sym);
  }
  // A heading's range runs over its paragraphs.
  headingSymbols.forEach((h) => {
    const last = h.children!.length ? h.children![h.children!.length - 1].range.end : h.range.end;
    h.range = { start: h.range.start, end: last };
  });
  pushAll(out, headingSymbols);
  for (const block of body.blocks) {
    const start = block.start ?? block.end;
    if (!start) continue;
    const end = block.end ?? block.start!;
    const name = block.kind === 'summary' ? 'Summary' : block.kind === 'comment' ? 'Comment' : 'Note';
    out.push(symbol(name, block.start && block.end ? undefined : block.start ? 'no end marker' : 'no start marker', SymbolKind.Event, { start: doc.lines.positionAt(start.token.start), end: doc.lines.positionAt(end.token.end) }, spanRange(doc, start.token)));
  }
  if (body.signature) out.push(symbol(body.signature.text, 'Signature', SymbolKind.Constant, spanRange(doc, body.signature)));
  out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return out;
}
