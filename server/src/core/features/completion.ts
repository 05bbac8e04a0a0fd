/**
 * Completion for people who type cables: routing indicators (also found by station name),
 * TAGS (also found by meaning), captions, precedence words, portion marks, the next
 * paragraph number, an E.O. line with a DECL date ten years on, and the DTG for now. The
 * same tables as the hovers, including the user's own.
 *
 * For codes found by their meaning, the server filters (every word typed must start a word
 * of the code, name or meaning) and sets each item's filterText to what was typed, so the
 * editor's own fuzzy filter keeps them; the list is marked incomplete so it is asked again
 * as the user types.
 */
import {
  CompletionItemKind,
  InsertTextFormat,
  type CompletionItem,
  type CompletionList,
  type Position,
  type Range,
} from 'vscode-languageserver-types';
import { CLASSIFICATION_RANK, type CableDocument, type ClassificationLevel } from '../model/cable';
import { dtgString } from '../parser/dates';
import type { CodeTables } from '../tables/codeTables';
import { TAG_CATEGORY } from './hover';
import { escape } from './markdown';
import { minOf } from '../util/arrays';
import { tableEntryCorrection } from '../rules/tagUnknown';

const MAX_ITEMS = 200;

export interface CompletionContext {
  /** The current time, for the DTG and the declassification date (passed in: the core reads no clock). */
  now: Date;
}

interface Line {
  number: number;
  text: string;
  prefix: string;
  cursor: Position;
}

export function completion(doc: CableDocument, position: Position, tables: CodeTables, context: CompletionContext): CompletionList {
  // A position outside the document gets nothing (no range may point outside it); a character
  // past the end of its line means the end of the line, as LSP says.
  if (!Number.isInteger(position.line) || !Number.isInteger(position.character) || position.line < 0 || position.character < 0 || position.line >= doc.lines.lineCount) {
    return { isIncomplete: false, items: [] };
  }
  const text = doc.lines.lineText(position.line);
  const cursor = { line: position.line, character: Math.min(position.character, text.length) };
  const line: Line = { number: position.line, text, prefix: text.slice(0, cursor.character), cursor };
  const items = itemsFor(doc, line, tables, context);
  return { isIncomplete: items.incomplete, items: items.list.slice(0, MAX_ITEMS) };
}

function itemsFor(doc: CableDocument, line: Line, tables: CodeTables, context: CompletionContext): { list: CompletionItem[]; incomplete: boolean } {
  const p = line.prefix;
  const zone = zoneOf(doc, line.number);
  const none = { list: [], incomplete: false };

  if (/^TAGS?\b/i.test(p) && zone !== 'body') return tagItems(line, tables);

  if (zone === 'header') {
    if (line.number <= firstHeaderLine(doc) + 1 && /^[A-Z]?$/.test(p)) return { list: prosignItems(line, tables), incomplete: false };
    if (/^(?:ZZ|OO|PP|RR)(?: [A-Z0-9]+)* ?[A-Z0-9]*$/.test(p) || (isRoutingContinuation(doc, line.number) && /^(?:[A-Z]{4,8} )*[A-Z0-9]*$/.test(p))) {
      return routingItems(line, tables, false);
    }
    if (/^[ZOPR](?: [ZOPR])? $/.test(p)) return { list: [dtgItem(line, context.now)], incomplete: false };
    const addressee = /^(?:(?:TO|INFO)\s+)?([A-Z0-9]*)$/.exec(p);
    if (addressee && (/^(?:TO|INFO)\s/.test(p) || inAddresseeList(doc, line.number))) return routingItems(line, tables, true);
    if (/^(?:(?:TO|INFO)\s+)?(?:[A-Z][A-Z0-9]{3,7}\/|ZEN\/)\S.*\s[A-Z]*$/.test(p) && !/\d{4}\s*$/.test(p)) return { list: precedenceItems(line), incomplete: false };
    return none;
  }

  if (zone === 'textHeader') {
    if (/^E(?:\.(?:O\.?)?)?\s*$/i.test(p) || (p === '' && !doc.textHeader.eo)) {
      const list = [eoItem(doc, line, context.now)];
      if (p === '') list.push(...captionItems(line, tables));
      return { list, incomplete: false };
    }
    const th = doc.textHeader;
    const firstField = Math.min(...[th.eo?.line, th.tags?.firstLine, th.subject?.firstLine].filter((x): x is number => x !== undefined), Infinity);
    if (/^[A-Z ]*$/.test(p) && line.number < firstField) return { list: captionItems(line, tables), incomplete: false };
    return none;
  }

  // Body: portion marks after a paragraph number, or the next paragraph number.
  if (/^\s*(?:¶)?\d{1,3}\.\s*\(?[A-Z/]*$/.test(p)) return { list: portionMarkItems(doc, line), incomplete: false };
  if (/^\s*¶?\d*$/.test(p)) return { list: nextParagraphItems(doc, line), incomplete: false };
  return none;
}

type Zone = 'header' | 'textHeader' | 'body';

function zoneOf(doc: CableDocument, line: number): Zone {
  const c = doc.textHeader.classification;
  if (c && line < c.line) return 'header';
  if (!c) {
    const h = doc.header;
    const last = Math.max(-1, ...[h.dtgLine?.line, h.from?.line, ...h.to.map((a) => a.line), ...h.info.map((a) => a.line), h.routing?.lastLine].filter((x): x is number => x !== undefined));
    if (line <= last + 1) return 'header';
  }
  const bodyStart = doc.body.firstLine ?? doc.body.paragraphs[0]?.firstLine;
  if (bodyStart === undefined || line < bodyStart) return c && line > c.line ? 'textHeader' : 'header';
  return 'body';
}

function firstHeaderLine(doc: CableDocument): number {
  return doc.header.transmissionId ? doc.lines.lineAt(doc.header.transmissionId.token.start) : 0;
}

function isRoutingContinuation(doc: CableDocument, line: number): boolean {
  const r = doc.header.routing;
  return !!r && line > r.firstLine && line <= r.lastLine + 1 && (!doc.header.de || line < doc.header.de.line);
}

function inAddresseeList(doc: CableDocument, line: number): boolean {
  const all = [...doc.header.to, ...doc.header.info];
  if (!all.length) return false;
  const first = minOf(all.map((a) => a.line));
  const c = doc.textHeader.classification;
  return line > first && (!c || line < c.line);
}

/** The range of the word before the cursor (letters, digits, `/`). */
function wordRange(line: Line): Range {
  const m = /[A-Za-z0-9/]*$/.exec(line.prefix);
  const start = line.prefix.length - (m ? m[0].length : 0);
  return { start: { line: line.number, character: start }, end: line.cursor };
}

/** Every typed word starts a word of one of the fields (case-insensitive). */
function matchesWords(typed: string, fields: string[]): boolean {
  const words = typed.toLowerCase().split(/[\s,]+/).filter(Boolean);
  if (!words.length) return true;
  const haystack = fields.join(' ').toLowerCase();
  return words.every((w) => new RegExp(`(?:^|[^a-z0-9])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(haystack));
}

function prosignItems(line: Line, tables: CodeTables): CompletionItem[] {
  return ['ZZ', 'OO', 'PP', 'RR'].map((prosign, k) => {
    const p = tables.precedenceByLetter(prosign);
    return {
      label: prosign,
      kind: CompletionItemKind.Keyword,
      detail: p?.precedence,
      documentation: p ? { kind: 'markdown', value: escape(p.meaning) } : undefined,
      sortText: String(k),
      textEdit: { range: wordRange(line), newText: `${prosign} ` },
    };
  });
}

function routingItems(line: Line, tables: CodeTables, withPlad: boolean): { list: CompletionItem[]; incomplete: boolean } {
  const range = wordRange(line);
  const typed = line.prefix.slice(range.start.character);
  const list: CompletionItem[] = [];
  for (const info of tables.allRoutingIndicators()) {
    const names = [info.ri, info.name, ...info.namesSeen.map((n) => n.name)];
    if (typed && !matchesWords(typed, names)) continue;
    const plad = info.namesSeen[0]?.name || info.name;
    list.push({
      label: info.ri,
      kind: info.kind === 'collective' ? CompletionItemKind.Folder : CompletionItemKind.Module,
      detail: info.name || 'meaning not known',
      filterText: typed || info.ri,
      sortText: `${info.ri.startsWith(typed.toUpperCase()) ? 0 : 1}${String(100000 - Math.min(info.count, 99999)).padStart(6, '0')}${info.ri}`,
      textEdit: { range, newText: withPlad && plad ? `${info.ri}/${plad}` : info.ri },
    });
  }
  list.sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1));
  return { list, incomplete: true };
}

function precedenceItems(line: Line): CompletionItem[] {
  const range = wordRange(line);
  return ['IMMEDIATE', 'PRIORITY', 'ROUTINE', 'NIACT IMMEDIATE', 'FLASH'].map((word, k) => ({
    label: word,
    kind: CompletionItemKind.Keyword,
    detail: 'addressee precedence',
    sortText: String(k),
    textEdit: { range, newText: word },
  }));
}

function dtgItem(line: Line, now: Date): CompletionItem {
  const dtg = dtgString(now);
  return {
    label: dtg,
    kind: CompletionItemKind.Value,
    detail: 'date-time group for now (UTC)',
    textEdit: { range: { start: line.cursor, end: line.cursor }, newText: dtg },
  };
}

function tagItems(line: Line, tables: CodeTables): { list: CompletionItem[]; incomplete: boolean } {
  // What is being typed: the words after the last tag (words in lower case are a meaning
  // being searched for, "human rights"), or the current word.
  const after = /^TAGS?:?\s*/i.exec(line.prefix)![0].length;
  const rest = line.prefix.slice(after);
  const phrase = /(?:^|[\s,])((?:[A-Za-z]*[a-z][A-Za-z]*\s+)*[A-Za-z0-9-]*)$/.exec(rest);
  const typed = phrase ? phrase[1] : '';
  const range: Range = { start: { line: line.number, character: line.prefix.length - typed.length }, end: line.cursor };
  const list: CompletionItem[] = [];
  for (const tag of tables.allTags()) {
    // Nor the table's entries that tag-unknown reports (`VTPREL`, `MASSMNUC`): errors cables made.
    if (tag.kind === 'person' || tableEntryCorrection(tag.tag, tables)) continue;
    const category = tag.kind === 'subject' && TAG_CATEGORY[tag.tag[0]] ? TAG_CATEGORY[tag.tag[0]] : '';
    if (typed && !matchesWords(typed, [tag.tag, ...tag.meanings, category])) continue;
    list.push({
      label: tag.tag,
      kind: tag.kind === 'geographic' ? CompletionItemKind.Reference : tag.kind === 'organization' ? CompletionItemKind.Class : CompletionItemKind.EnumMember,
      detail: tag.meanings[0] ?? `${tag.kind} tag, meaning not known`,
      documentation: tag.meanings.length > 1 ? { kind: 'markdown', value: tag.meanings.map((m) => `- ${escape(m)}`).join('\n') } : undefined,
      filterText: typed || tag.tag,
      sortText: `${tag.tag.startsWith(typed.toUpperCase()) ? 0 : 1}${String(100000 - Math.min(tag.count, 99999)).padStart(6, '0')}${tag.tag}`,
      textEdit: { range, newText: tag.tag },
    });
  }
  list.sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1));
  return { list, incomplete: true };
}

const CAPTIONS = ['SIPDIS', 'SENSITIVE', 'NOFORN', 'NODIS', 'EXDIS', 'LIMDIS', 'STADIS', 'SENSITIVE BUT UNCLASSIFIED'];

function captionItems(line: Line, tables: CodeTables): CompletionItem[] {
  const range = { start: { line: line.number, character: 0 }, end: line.cursor };
  return CAPTIONS.map((caption, k) => {
    const info = tables.caveat(caption);
    return {
      label: caption,
      kind: CompletionItemKind.Constant,
      detail: info?.kind ?? 'caption',
      documentation: info?.meaning ? { kind: 'markdown', value: escape(info.meaning) } : undefined,
      sortText: `1${k}`,
      textEdit: { range, newText: caption },
    };
  });
}

function eoItem(doc: CableDocument, line: Line, now: Date): CompletionItem {
  const level = doc.textHeader.classification?.level ?? doc.classification;
  const range = { start: { line: line.number, character: 0 }, end: line.cursor };
  if (!level || level === 'UNCLASSIFIED') {
    return { label: 'E.O. 12958: N/A', kind: CompletionItemKind.Snippet, detail: 'unclassified cable', sortText: '0', textEdit: { range, newText: 'E.O. 12958: N/A' } };
  }
  const base = doc.dtg?.instant ?? now;
  const decl = new Date(Date.UTC(base.getUTCFullYear() + 10, base.getUTCMonth(), base.getUTCDate()));
  const date = `${String(decl.getUTCMonth() + 1).padStart(2, '0')}/${String(decl.getUTCDate()).padStart(2, '0')}/${decl.getUTCFullYear()}`;
  return {
    label: `E.O. 12958: DECL: ${date}`,
    kind: CompletionItemKind.Snippet,
    detail: `declassify ten years after the ${doc.dtg?.instant ? 'DTG' : 'current date'}`,
    sortText: '0',
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range, newText: `E.O. 12958: DECL: \${1:${date}}` },
  };
}

/** Portion marks up to the cable's level. */
const MARKS: [string, ClassificationLevel, string][] = [
  ['(U)', 'UNCLASSIFIED', 'unclassified'],
  ['(SBU)', 'UNCLASSIFIED', 'sensitive but unclassified'],
  ['(SBU/NF)', 'UNCLASSIFIED', 'sensitive but unclassified, no foreign nationals'],
  ['(C)', 'CONFIDENTIAL', 'confidential'],
  ['(C/NF)', 'CONFIDENTIAL', 'confidential, no foreign nationals'],
  ['(S)', 'SECRET', 'secret'],
  ['(S/NF)', 'SECRET', 'secret, no foreign nationals'],
  ['(TS)', 'TOP SECRET', 'top secret'],
];

function portionMarkItems(doc: CableDocument, line: Line): CompletionItem[] {
  const level = doc.textHeader.classification?.level ?? doc.classification ?? 'TOP SECRET';
  const m = /\(?[A-Z/]*$/.exec(line.prefix)!;
  const range = { start: { line: line.number, character: line.prefix.length - m[0].length }, end: line.cursor };
  return MARKS.filter(([, l]) => CLASSIFICATION_RANK[l] <= CLASSIFICATION_RANK[level]).map(([mark, , meaning], k) => ({
    label: mark,
    kind: CompletionItemKind.EnumMember,
    detail: meaning,
    sortText: String(k),
    filterText: mark,
    textEdit: { range, newText: `${mark} ` },
  }));
}

function nextParagraphItems(doc: CableDocument, line: Line): CompletionItem[] {
  const before = doc.body.paragraphs.filter((p) => p.role === 'main' && p.firstLine < line.number);
  const number = before.length ? before[before.length - 1].number + 1 : 1;
  const pilcrow = doc.body.paragraphs.some((p) => p.pilcrow) ? '¶' : '';
  const level = doc.textHeader.classification?.level ?? doc.classification;
  const mark = level === 'CONFIDENTIAL' ? '(C)' : level === 'SECRET' ? '(S)' : level === 'TOP SECRET' ? '(TS)' : '(U)';
  const range = { start: { line: line.number, character: line.prefix.length - /¶?\d*$/.exec(line.prefix)![0].length }, end: line.cursor };
  return [
    {
      label: `${pilcrow}${number}. ${mark}`,
      kind: CompletionItemKind.Snippet,
      detail: `paragraph ${number}`,
      filterText: `${pilcrow}${number}`,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: `${pilcrow}${number}. \${1:${mark}} $0` },
    },
  ];
}
