/**
 * What the workspace index keeps of each cable (a few fields, not the tree), and the
 * queries over it: workspace symbols, cables by id, cables citing an id.
 */
import { SymbolKind, type Range, type SymbolInformation } from 'vscode-languageserver-types';
import type { CableDocument } from '../model/cable';
import { isoDate } from '../parser/dates';
import { cableReferences } from './navigation';

export interface CableIndexEntry {
  uri: string;
  id?: string;
  subject?: string;
  origin?: string;
  /** `2008-11-26` */
  date?: string;
  classification?: string;
  /** Ids this cable cites (REF items, ids in the text). */
  cites: string[];
  /** The classification line (where the cable's id is), or the first line. */
  range: Range;
}

export function indexEntry(doc: CableDocument, uri: string): CableIndexEntry {
  const c = doc.textHeader.classification;
  return {
    uri,
    id: doc.id,
    subject: doc.textHeader.subject?.text.slice(0, 200),
    origin: c?.originToken?.text,
    date: doc.dtg?.instant ? isoDate(doc.dtg.instant) : undefined,
    classification: doc.classification,
    cites: [...new Set(cableReferences(doc).map((r) => r.id as string))],
    range: c ? doc.lines.range(c.span.start, c.span.end) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
}

/** How well an entry matches a query (0: not at all). Every word of the query must match somewhere. */
export function matchScore(entry: CableIndexEntry, query: string): number {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return 1;
  const id = (entry.id ?? '').toLowerCase();
  const fields = [id, (entry.subject ?? '').toLowerCase(), (entry.origin ?? '').toLowerCase(), entry.date ?? '', (entry.classification ?? '').toLowerCase()];
  let score = 0;
  for (const w of words) {
    if (id === w) score += 100;
    else if (id.startsWith(w)) score += 50;
    else if (fields.some((f) => f.includes(w))) score += 10;
    else return 0;
  }
  return score;
}

export function workspaceSymbols(entries: Iterable<CableIndexEntry>, query: string, limit = 500): SymbolInformation[] {
  const scored: { entry: CableIndexEntry; score: number }[] = [];
  for (const entry of entries) {
    const score = matchScore(entry, query);
    if (score > 0) scored.push({ entry, score });
  }
  scored.sort((a, b) => b.score - a.score || (a.entry.id ?? a.entry.uri).localeCompare(b.entry.id ?? b.entry.uri));
  return scored.slice(0, limit).map(({ entry }) => ({
    name: `${entry.id ?? entry.uri.split('/').pop()}${entry.subject ? `: ${entry.subject}` : ''}`,
    kind: SymbolKind.File,
    location: { uri: entry.uri, range: entry.range },
    containerName: [entry.origin, entry.date, entry.classification].filter(Boolean).join(' · '),
  }));
}
