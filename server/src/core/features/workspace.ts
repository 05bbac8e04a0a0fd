/**
 * What the workspace index keeps of each cable (a few fields, not the tree), and the
 * queries over it: workspace symbols, cables by id, cables citing an id.
 */
import { SymbolKind, type Range, type SymbolInformation } from 'vscode-languageserver-types';
import type { CableSummary } from '../../../../common/protocol';
import type { CableDocument } from '../model/cable';
import { isoDate } from '../parser/dates';
import { cableReferences } from './documentLinks';

export interface CableIndexEntry {
  uri: string;
  id?: string;
  subject?: string;
  origin?: string;
  /** `2008-11-26` */
  date?: string;
  classification?: string;
  /** Its TAGS (`PREL`, `KDEM`, person tags whole), upper-cased, each once. */
  tags: string[];
  /** Ids this cable cites (REF items, ids in the text). */
  cites: string[];
  /** The line where each of `cites` is first cited (what a peek at the citing cables shows); a number each, not a range, to keep the index small. */
  citedLines: number[];
  /** The classification line (where the cable's id is), or the first line. */
  range: Range;
  /** The searchable fields, lower-cased once (a query runs over every entry). */
  searchText: string;
}

export function indexEntry(doc: CableDocument, uri: string): CableIndexEntry {
  const c = doc.textHeader.classification;
  const subject = doc.textHeader.subject?.text.slice(0, 200);
  const origin = c?.originToken?.text;
  const date = doc.dtg?.instant ? isoDate(doc.dtg.instant) : undefined;
  return {
    uri,
    id: doc.id,
    subject,
    origin,
    date,
    classification: doc.classification,
    tags: [...new Set((doc.textHeader.tags?.tags ?? []).map((t) => t.code.toUpperCase()))],
    ...citations(doc),
    range: c ? doc.lines.range(c.span.start, c.span.end) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    searchText: [doc.id, subject, origin, date, doc.classification].map((f) => f ?? '').join('\n').toLowerCase(),
  };
}

/** The ids a cable cites, each with the line of its first citation. */
function citations(doc: CableDocument): { cites: string[]; citedLines: number[] } {
  const lineOf = new Map<string, number>();
  for (const r of cableReferences(doc)) if (!lineOf.has(r.id as string)) lineOf.set(r.id as string, doc.lines.lineAt(r.token.start));
  return { cites: [...lineOf.keys()], citedLines: [...lineOf.values()] };
}

/** Where an entry cites `id`: the start of that line, or the entry's classification line if it does not. */
export function citationRange(entry: CableIndexEntry, id: string): Range {
  const k = entry.cites.indexOf(id);
  if (k < 0 || entry.citedLines[k] === undefined) return entry.range;
  const line = entry.citedLines[k];
  return { start: { line, character: 0 }, end: { line, character: 0 } };
}

/** How well an entry matches the words of a query, lower-cased (0: not at all). */
function matchScore(entry: CableIndexEntry, words: readonly string[]): number {
  if (!words.length) return 1;
  // searchText begins with the lower-cased id, up to the first line break.
  const text = entry.searchText;
  const idLength = text.indexOf('\n');
  let score = 0;
  for (const w of words) {
    if (idLength > 0 && text.startsWith(w)) score += w.length === idLength ? 100 : 50;
    else if (text.includes(w)) score += 10;
    else return 0;
  }
  return score;
}

/** The entries that match every word of the query, best first (then by id), at most `limit`. */
export function findCables(entries: Iterable<CableIndexEntry>, query: string, limit = 500): CableIndexEntry[] {
  // Every word of the query must match somewhere.
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const scored: { entry: CableIndexEntry; score: number }[] = [];
  for (const entry of entries) {
    const score = matchScore(entry, words);
    if (score > 0) scored.push({ entry, score });
  }
  // Best first, then by id: a plain comparison, as ids and URIs are ASCII and there may be 250,000.
  const key = (e: CableIndexEntry): string => e.id ?? e.uri;
  scored.sort((a, b) => b.score - a.score || (key(a.entry) < key(b.entry) ? -1 : key(a.entry) > key(b.entry) ? 1 : 0));
  return scored.slice(0, limit).map(({ entry }) => entry);
}

/** The same search for the client's Go to Cable… (FIND_CABLES in common/protocol.ts). */
export function cableSummaries(entries: Iterable<CableIndexEntry>, query: string, limit = 500): CableSummary[] {
  return findCables(entries, query, limit).map(cableSummary);
}

/** What a client is told of an indexed cable. */
export function cableSummary({ id, subject, origin, date, classification, uri, range }: CableIndexEntry): CableSummary {
  return { id, subject, origin, date, classification, uri, range };
}

export function workspaceSymbols(entries: Iterable<CableIndexEntry>, query: string, limit = 500): SymbolInformation[] {
  return findCables(entries, query, limit).map((entry) => ({
    name: `${entry.id ?? entry.uri.split('/').pop()}${entry.subject ? `: ${entry.subject}` : ''}`,
    kind: SymbolKind.File,
    location: { uri: entry.uri, range: entry.range },
    containerName: [entry.origin, entry.date, entry.classification].filter(Boolean).join(' · '),
  }));
}
