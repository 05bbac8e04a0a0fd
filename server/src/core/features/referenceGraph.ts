/**
 * The reference graph of a cable (cable/referenceGraph in common/protocol.ts): the cables it
 * cites and the cables that cite it, each two hops deep, with the edges between all of them,
 * read from the workspace index. Cables the index does not hold are nodes too (known by id,
 * their year taken from it), with a link to the public archive when one is set.
 */
import type { GraphEdge, GraphNode, ReferenceGraph } from '../../../../common/protocol';
import { expandYear } from '../parser/dates';
import type { CableIndexEntry } from './workspace';

export interface GraphIndex {
  get(uri: string): CableIndexEntry | undefined;
  filesOf(id: string): string[];
  citing(id: string): CableIndexEntry[];
}

export interface GraphOptions {
  /** Hops each way (default 2). */
  depth?: number;
  /** At most this many nodes (default 120): nearer hops first. */
  maxNodes?: number;
  /** `cable.links.archiveUrl`: `{id}` becomes the id. */
  archiveUrl?: string;
}

export function referenceGraph(center: CableIndexEntry, index: GraphIndex, options: GraphOptions = {}): ReferenceGraph {
  const depth = options.depth ?? 2;
  const maxNodes = options.maxNodes ?? 120;
  const nodes = new Map<string, GraphNode>();
  const entries = new Map<string, CableIndexEntry>();
  const omitted = new Set<string>();
  const keyOf = (entry: CableIndexEntry): string => entry.id ?? entry.uri;
  const entryOf = (id: string): CableIndexEntry | undefined => {
    for (const file of index.filesOf(id)) {
      const entry = index.get(file);
      if (entry) return entry;
    }
    return undefined;
  };
  /** Adds a node (false when the graph is full; true when it is there already). */
  const add = (key: string, entry: CableIndexEntry | undefined, hop: number): boolean => {
    if (nodes.has(key)) return true;
    if (nodes.size >= maxNodes) {
      omitted.add(key);
      return false;
    }
    nodes.set(key, entry ? nodeOf(entry, hop) : externalNode(key, hop, options.archiveUrl));
    if (entry) entries.set(key, entry);
    return true;
  };

  add(keyOf(center), center, 0);
  // Outwards, one hop at a time in each direction, so a full graph keeps the nearest cables.
  let cited: CableIndexEntry[] = [center];
  let citing: CableIndexEntry[] = [center];
  for (let hop = 1; hop <= depth; hop++) {
    const nextCited: CableIndexEntry[] = [];
    for (const from of cited) {
      for (const id of from.cites) {
        if (nodes.has(id)) continue;
        const entry = entryOf(id);
        if (add(id, entry, -hop) && entry) nextCited.push(entry);
      }
    }
    const nextCiting: CableIndexEntry[] = [];
    for (const to of citing) {
      if (!to.id) continue;
      for (const entry of index.citing(to.id)) {
        const key = keyOf(entry);
        if (nodes.has(key)) continue;
        if (add(key, entry, hop)) nextCiting.push(entry);
      }
    }
    cited = nextCited;
    citing = nextCiting;
  }

  // Every citation between the cables drawn (not only those the walk went along).
  const edges: GraphEdge[] = [];
  for (const [key, entry] of entries) {
    for (const id of new Set(entry.cites)) if (id !== key && nodes.has(id)) edges.push({ from: key, to: id });
  }
  return { center: keyOf(center), nodes: [...nodes.values()], edges, omitted: omitted.size };
}

function nodeOf(entry: CableIndexEntry, hop: number): GraphNode {
  return { key: entry.id ?? entry.uri, id: entry.id, uri: entry.uri, subject: entry.subject, date: entry.date, classification: entry.classification, origin: entry.origin, hop };
}

/** A cable the workspace does not hold: what its id says (year, origin). */
function externalNode(id: string, hop: number, archiveUrl: string | undefined): GraphNode {
  const m = /^(\d{2})([A-Z][A-Z.]*?)\d+$/.exec(id);
  return {
    key: id,
    id,
    archiveUrl: archiveUrl ? archiveUrl.replace(/\{id\}/g, encodeURIComponent(id)) : undefined,
    date: m ? String(expandYear(Number(m[1]), 2)) : undefined,
    origin: m ? m[2] : undefined,
    hop,
  };
}
