/**
 * Statistics over a set of cables (`cable stats`): counts by year, origin, classification and
 * TAGS (with the posts' names and the tags' meanings from the code tables), the cables the
 * set cites most, and the cables with the most findings. Fed one cable at a time (a corpus
 * need not fit in memory); each cable adds a few counters, not its tree.
 */
import type { CableDocument } from '../model/cable';
import { expandYear } from '../parser/dates';
import type { Problem } from '../rules/engine';
import type { CodeTables } from '../tables/codeTables';
import { cableReferences } from './documentLinks';

export interface Count {
  key: string;
  /** What the key is, from the code tables (a post's name, a tag's meaning), when known. */
  label?: string;
  count: number;
}

export interface CorpusStats {
  cables: number;
  /** Cables with an id (origin, serial and year known). */
  withId: number;
  byYear: Count[];
  byOrigin: Count[];
  byClassification: Count[];
  byTag: Count[];
  /** Ids cited by the most cables of the set; `label` says whether the set holds the cable. */
  mostCited: Count[];
  /** Files with the most findings (all severities), and their errors. */
  mostFindings: (Count & { errors: number })[];
  findings: number;
}

/** Collects the statistics of cables added one by one. */
export class CorpusStatsCollector {
  private cables = 0;
  private withId = 0;
  private findings = 0;
  private readonly years = new Map<string, number>();
  private readonly origins = new Map<string, number>();
  private readonly classifications = new Map<string, number>();
  private readonly tags = new Map<string, number>();
  private readonly cited = new Map<string, number>();
  private readonly ids = new Set<string>();
  private readonly perFile: (Count & { errors: number })[] = [];

  constructor(private readonly tables: CodeTables) {}

  add(file: string, doc: CableDocument, problems: Problem[]): void {
    this.cables++;
    if (doc.id) {
      this.withId++;
      this.ids.add(doc.id);
    }
    const year = doc.dtg?.instant ? String(doc.dtg.instant.getUTCFullYear()) : doc.id && /^\d{2}/.test(doc.id) ? String(expandYear(Number(doc.id.slice(0, 2)), 2)) : undefined;
    bump(this.years, year ?? 'unknown');
    bump(this.origins, doc.textHeader.classification?.originToken?.text ?? 'unknown');
    bump(this.classifications, doc.classification ?? 'unknown');
    for (const tag of new Set((doc.textHeader.tags?.tags ?? []).map((t) => t.code))) bump(this.tags, tag);
    for (const id of new Set(cableReferences(doc).map((r) => r.id as string))) bump(this.cited, id);
    this.findings += problems.length;
    if (problems.length) this.perFile.push({ key: file, label: doc.id, count: problems.length, errors: problems.filter((p) => p.severity === 'error').length });
  }

  result(top = 20): CorpusStats {
    const origin = (station: string): string | undefined => {
      const info = this.tables.origin(station);
      return info ? info.fmLine || info.wikileaksOrigin || undefined : undefined;
    };
    const tag = (code: string): string | undefined => this.tables.tag(code)?.meanings[0];
    return {
      cables: this.cables,
      withId: this.withId,
      byYear: sorted(this.years, (a, b) => a.key.localeCompare(b.key)),
      byOrigin: sorted(this.origins).map((c) => ({ ...c, label: origin(c.key) })),
      byClassification: sorted(this.classifications),
      byTag: sorted(this.tags).map((c) => ({ ...c, label: tag(c.key) })),
      mostCited: sorted(this.cited)
        .slice(0, top)
        .map((c) => ({ ...c, label: this.ids.has(c.key) ? 'in this set' : 'not in this set' })),
      mostFindings: [...this.perFile].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)).slice(0, top),
      findings: this.findings,
    };
  }
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Most frequent first (then by key), unless another order is given. */
function sorted(map: Map<string, number>, order?: (a: Count, b: Count) => number): Count[] {
  return [...map].map(([key, count]) => ({ key, count })).sort(order ?? ((a, b) => b.count - a.count || a.key.localeCompare(b.key)));
}
