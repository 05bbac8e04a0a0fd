/**
 * The Cables view's answers (cable/cablesView in common/protocol.ts): the index's cables,
 * filtered by a query, grouped by date (year → month), origin, classification or TAGS, with
 * a count on every group. Pure: it reads index entries and code tables. A grouping is built
 * once per index version, grouping and filter (`CableExplorer` keeps the last few), so
 * expanding a group or scrolling asks for nothing again.
 */
import type { CableGrouping, CablesViewNode, CablesViewResult } from '../../../../common/protocol';
import type { CodeTables } from '../tables/codeTables';
import { cableSummary, type CableIndexEntry } from './workspace';

/** A parsed filter: every part must hold. */
export interface CableFilter {
  /** Words (lower-cased) each found in the id, subject, origin, date, classification or a tag. */
  words: string[];
  /** `tag:PREL`: the cable has each of these tags (upper-cased). */
  tags: string[];
  /** `origin:ROME`: the origin is one of these (upper-cased, spaces and dots left out). */
  origins: string[];
  /** `class:secret`: the classification starts with one of these (upper-cased). */
  classifications: string[];
  /** `from:2008-01`, `to:2008-06-30`, `date:2008-11`: the date's bounds, inclusive, as prefixes. */
  from?: string;
  to?: string;
  /** What could not be read (shown under the filter box); those parts are left out. */
  problems: string[];
}

const DATE_PREFIX = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/** Reads a filter: words and quoted phrases, and `tag:`, `origin:`, `class:`, `from:`, `to:`, `date:` parts. */
export function parseCableFilter(text: string): CableFilter {
  const filter: CableFilter = { words: [], tags: [], origins: [], classifications: [], problems: [] };
  // A part is `key:value`, `key:"two words"`, `"two words"` or a word.
  for (const m of text.matchAll(/(?:(\w+):\s*)?(?:"([^"]*)"?|(\S+))/g)) {
    const key = m[1]?.toLowerCase();
    const value = (m[2] ?? m[3] ?? '').trim();
    if (!value) continue;
    switch (key) {
      case undefined:
        filter.words.push(value.toLowerCase());
        break;
      case 'tag':
      case 'tags':
        filter.tags.push(value.toUpperCase());
        break;
      case 'origin':
      case 'from_post':
        filter.origins.push(originKey(value));
        break;
      case 'class':
      case 'classification':
        filter.classifications.push(value.toUpperCase());
        break;
      case 'from':
      case 'to':
      case 'date':
        if (!DATE_PREFIX.test(value)) {
          filter.problems.push(`${key}:${value} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
          break;
        }
        if (key !== 'to') filter.from = value;
        if (key !== 'from') filter.to = value;
        break;
      default:
        // Not a known key (a word with a colon, such as a time): words.
        filter.words.push(...m[0].toLowerCase().replace(/"/g, '').split(/\s+/));
    }
  }
  return filter;
}

function originKey(origin: string): string {
  return origin.toUpperCase().replace(/[ .'-]/g, '');
}

export function matchesFilter(entry: CableIndexEntry, filter: CableFilter): boolean {
  for (const word of filter.words) {
    if (!entry.searchText.includes(word) && !entry.tags.some((t) => t.toLowerCase() === word)) return false;
  }
  for (const tag of filter.tags) if (!entry.tags.some((t) => t.toUpperCase() === tag)) return false;
  if (filter.origins.length && !(entry.origin && filter.origins.includes(originKey(entry.origin)))) return false;
  if (filter.classifications.length && !(entry.classification && filter.classifications.some((c) => entry.classification?.toUpperCase().startsWith(c)))) return false;
  if (filter.from || filter.to) {
    if (!entry.date) return false;
    // As prefixes: from:2008-11 lets in every day of November, to:2008-11 too.
    if (filter.from && entry.date.slice(0, filter.from.length) < filter.from) return false;
    if (filter.to && entry.date.slice(0, filter.to.length) > filter.to) return false;
  }
  return true;
}

export const GROUPINGS: readonly CableGrouping[] = ['date', 'origin', 'classification', 'tags'];

/** At most this many cables under one group (more: a node says how many, and that a filter narrows them). */
export const MAX_CABLES_PER_GROUP = 2000;

const NONE = '';
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Lowest first; other classifications follow in the order of their names. */
const CLASSIFICATION_ORDER = ['UNCLASSIFIED', 'LIMITED OFFICIAL USE', 'CONFIDENTIAL', 'SECRET', 'TOP SECRET'];

/** A group and what it holds: subgroups (year → months) or cables. */
interface Group {
  key: string;
  entries: CableIndexEntry[];
  subgroups?: Map<string, Group>;
}

/** One grouping of the filtered cables: the top-level groups, each sorted once. */
interface Grouped {
  groups: Group[];
  total: number;
  matched: number;
  problems: string[];
}

/** The index as the explorer reads it. */
export interface ExplorerIndex {
  all(): Iterable<CableIndexEntry>;
  get(uri: string): CableIndexEntry | undefined;
  /** Changes whenever an entry does (the groupings are kept by it). */
  readonly version: number;
  readonly complete: boolean;
}

export class CableExplorer {
  /** The last groupings asked for (a view switches between a few), by version, grouping and filter; most recent last. */
  private readonly cache = new Map<string, Grouped>();
  /** Every entry in date order, sorted once per index version (a filter only filters it). */
  private sorted: { version: number; at: number; took: number; entries: CableIndexEntry[] } | undefined;

  /** The children of the group at `path` (group keys from the top; [] for the top level); `tables` name the posts and tags. */
  children(entries: ExplorerIndex, grouping: CableGrouping, filterText: string, path: readonly string[], tables: CodeTables): CablesViewResult {
    const grouped = this.grouped(entries, grouping, filterText);
    let groups: Group[] | undefined = grouped.groups;
    let cables: CableIndexEntry[] | undefined;
    for (const key of path) {
      const group: Group | undefined = groups?.find((g) => g.key === key);
      if (!group) {
        groups = [];
        cables = undefined;
        break;
      }
      groups = group.subgroups ? [...group.subgroups.values()] : undefined;
      cables = group.subgroups ? undefined : group.entries;
    }
    const level = path.length;
    const nodes: CablesViewNode[] = groups
      ? groups.map((g) => groupNode(grouping, level, g, tables))
      : cableNodes(cables ?? [], entries);
    return { nodes, total: grouped.total, matched: grouped.matched, complete: entries.complete, problems: grouped.problems };
  }

  /** The group keys leading to the cable at `uri` (what the view expands to reveal it), or undefined when the filter leaves it out. */
  pathOf(entries: ExplorerIndex, grouping: CableGrouping, filterText: string, uri: string): string[] | undefined {
    if (!entries.get(uri)) return undefined;
    // By URI: an entry replaced by an equal one keeps the grouping (and its old object).
    const isIt = (e: CableIndexEntry): boolean => e.uri === uri;
    const grouped = this.grouped(entries, grouping, filterText);
    for (const group of grouped.groups) {
      if (group.subgroups) {
        for (const sub of group.subgroups.values()) {
          const at = sub.entries.findIndex(isIt);
          if (at >= 0 && at < MAX_CABLES_PER_GROUP) return [group.key, sub.key];
        }
      } else {
        const at = group.entries.findIndex(isIt);
        if (at >= 0 && at < MAX_CABLES_PER_GROUP) return [group.key];
      }
    }
    return undefined;
  }

  private grouped(entries: ExplorerIndex, grouping: CableGrouping, filterText: string): Grouped {
    const all = this.sortedEntries(entries);
    const key = `${all.version}\u0000${grouping}\u0000${filterText}`;
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const filter = parseCableFilter(filterText);
    const matched = all.entries.filter((entry) => matchesFilter(entry, filter));
    const grouped: Grouped = { groups: groupEntries(matched, grouping), total: all.entries.length, matched: matched.length, problems: filter.problems };
    // A few groupings are kept (switching grouping or undoing a filter answers at once); the least recently used goes.
    if (this.cache.size >= 4) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, grouped);
    return grouped;
  }

  /**
   * The entries in date order, sorted when the index changed. While the index is still being
   * read it changes all the time: the last sort is used again until four times its own
   * duration has passed, so sorting takes at most a fifth of the time (250,000 entries take a
   * few hundred milliseconds; a few thousand, a millisecond), the view showing what was read
   * up to the last sort.
   */
  private sortedEntries(entries: ExplorerIndex): { version: number; entries: CableIndexEntry[] } {
    const now = Date.now();
    const last = this.sorted;
    if (last && (last.version === entries.version || (!entries.complete && now - last.at < 4 * last.took))) return last;
    // The key is made once per entry: comparing it is cheaper than comparing two fields.
    const keyed = Array.from(entries.all(), (entry) => ({ key: `${entry.date ?? '9999'}\u0000${entry.id ?? entry.uri}`, entry }));
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    this.sorted = { version: entries.version, at: now, took: Date.now() - now, entries: keyed.map((k) => k.entry) };
    return this.sorted;
  }
}

function groupNode(grouping: CableGrouping, level: number, group: Group, tables: CodeTables): CablesViewNode {
  const count = group.entries.length;
  let label = group.key;
  let description: string | undefined;
  let tooltip: string | undefined;
  if (group.key === NONE) {
    label = { date: '(no date)', origin: '(no origin)', classification: '(no classification)', tags: '(no TAGS)' }[grouping];
  } else if (grouping === 'date' && level === 1) {
    label = `${MONTHS[Number(group.key.slice(5, 7)) - 1]} ${group.key.slice(0, 4)}`;
  } else if (grouping === 'origin') {
    const post = tables.origin(group.key);
    description = tables.postName(group.key);
    tooltip = post ? [post.fmLine, post.country, post.deRoutingIndicator && `routing indicator ${post.deRoutingIndicator}`].filter(Boolean).join(' · ') : undefined;
  } else if (grouping === 'tags') {
    const tag = tables.tag(group.key);
    description = tag?.meanings[0];
    tooltip = tag ? `${group.key}: ${tag.meanings.join('; ')} (${tag.kind})` : 'not in the TAGS table';
  }
  return { kind: 'group', key: group.key, label, description, tooltip, count };
}

function cableNodes(cables: CableIndexEntry[], index: ExplorerIndex): CablesViewNode[] {
  // As the index has them now: an entry replaced by one that groups the same (an open cable
  // edited) keeps the grouping, and its positions are the new entry's.
  const nodes: CablesViewNode[] = cables.slice(0, MAX_CABLES_PER_GROUP).map((kept) => index.get(kept.uri) ?? kept).map((entry) => ({
    kind: 'cable',
    key: entry.uri,
    label: entry.id ?? entry.uri.slice(entry.uri.lastIndexOf('/') + 1),
    description: entry.subject,
    tooltip: [entry.id, entry.subject, [entry.date, entry.origin, entry.classification].filter(Boolean).join(' · '), entry.tags.length ? `TAGS: ${entry.tags.join(', ')}` : ''].filter(Boolean).join('\n'),
    cable: cableSummary(entry),
  }));
  if (cables.length > MAX_CABLES_PER_GROUP) {
    const more = cables.length - MAX_CABLES_PER_GROUP;
    nodes.push({ kind: 'more', key: 'more', label: `… ${more.toLocaleString('en-US')} more`, description: 'filter the view to see them', count: more });
  }
  return nodes;
}

/** The groups of entries already sorted by date (each group keeps that order). */
export function groupEntries(sortedEntries: readonly CableIndexEntry[], grouping: CableGrouping): Group[] {
  const groups = new Map<string, Group>();
  const into = (key: string, entry: CableIndexEntry): Group => {
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, entries: [] }));
    group.entries.push(entry);
    return group;
  };
  for (const entry of sortedEntries) {
    switch (grouping) {
      case 'date': {
        const year = into(entry.date?.slice(0, 4) ?? NONE, entry);
        if (!entry.date) break;
        year.subgroups ??= new Map();
        const month = entry.date.slice(0, 7);
        let sub = year.subgroups.get(month);
        if (!sub) year.subgroups.set(month, (sub = { key: month, entries: [] }));
        sub.entries.push(entry);
        break;
      }
      case 'origin':
        into(entry.origin?.toUpperCase() ?? NONE, entry);
        break;
      case 'classification':
        into(entry.classification?.toUpperCase() ?? NONE, entry);
        break;
      case 'tags':
        if (!entry.tags.length) into(NONE, entry);
        for (const tag of entry.tags) into(tag.toUpperCase(), entry);
        break;
    }
  }
  const order = grouping === 'classification' ? byClassification : byKey;
  // The group of cables without the field comes last.
  return [...groups.values()].sort((a, b) => (a.key === NONE ? 1 : b.key === NONE ? -1 : order(a.key, b.key)));
}

function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byClassification(a: string, b: string): number {
  const rank = (c: string): number => {
    const base = c.split('//')[0].trim();
    const k = CLASSIFICATION_ORDER.indexOf(base);
    return k < 0 ? CLASSIFICATION_ORDER.length : k;
  };
  return rank(a) - rank(b) || byKey(a, b);
}
