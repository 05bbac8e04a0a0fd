/**
 * Statistics over a set of cables (`cable stats`): counts by year, origin, classification and
 * TAGS (with the posts' names and the tags' meanings from the code tables), the cables the
 * set cites most, and the cables with the most findings. Fed one cable at a time (a corpus
 * need not fit in memory); each cable adds a few counters, not its tree.
 */
import type { Count, CorpusStats } from '../../../../common/protocol';
import type { CableDocument } from '../model/cable';
import { csvField } from '../util/csv';
import { expandYear, isoDate } from '../parser/dates';
import type { Problem } from '../rules/engine';
import type { CodeTables } from '../tables/codeTables';
import { cableReferences } from './documentLinks';

export type { Count, CorpusStats };

/** What the statistics read of a cable. */
export interface CableFacts {
  file: string;
  id?: string;
  /** `YYYY-MM-DD` */
  date?: string;
  origin?: string;
  classification?: string;
  tags: readonly string[];
  /** Ids it cites (repeats are counted once). */
  cites: readonly string[];
  /** Its findings and errors, when it was linted. */
  findings?: number;
  errors?: number;
}

const SECTIONS: [keyof CorpusStats, string][] = [
  ['byYear', 'year'],
  ['byMonth', 'month'],
  ['byOrigin', 'origin'],
  ['byClassification', 'classification'],
  ['byTag', 'tag'],
  ['mostCited', 'cited'],
  ['mostFindings', 'findings'],
];

/** One row per count: `section,key,label,count` (a spreadsheet's pivot table does the rest). */
export function statsCsv(stats: CorpusStats): string {
  let out = 'section,key,label,count\r\n';
  out += `total,cables,,${stats.cables}\r\ntotal,with id,,${stats.withId}\r\n`;
  if (stats.findings !== null) out += `total,findings,,${stats.findings}\r\n`;
  for (const [field, section] of SECTIONS) {
    for (const c of stats[field] as Count[]) out += `${section},${csvField(c.key)},${csvField(c.label ?? null)},${c.count}\r\n`;
  }
  return out;
}

/** Collects the statistics of cables added one by one. */
export class CorpusStatsCollector {
  private cables = 0;
  private withId = 0;
  private findings = 0;
  private findingsCounted = false;
  private readonly years = new Map<string, number>();
  private readonly months = new Map<string, number>();
  private readonly origins = new Map<string, number>();
  private readonly classifications = new Map<string, number>();
  private readonly tags = new Map<string, number>();
  private readonly cited = new Map<string, number>();
  private readonly ids = new Set<string>();
  private readonly perFile: (Count & { errors: number })[] = [];

  constructor(private readonly tables: CodeTables) {}

  /** Adds a cable read whole (`cable stats`). */
  add(file: string, doc: CableDocument, problems: Problem[]): void {
    this.addFacts({
      file,
      id: doc.id,
      date: doc.dtg?.instant ? isoDate(doc.dtg.instant) : undefined,
      origin: doc.textHeader.classification?.originToken?.text,
      classification: doc.classification,
      tags: (doc.textHeader.tags?.tags ?? []).map((t) => t.code),
      cites: cableReferences(doc).map((r) => r.id as string),
      findings: problems.length,
      errors: problems.filter((p) => p.severity === 'error').length,
    });
  }

  /** Adds a cable by the fields the statistics read (the editor's: from its index). */
  addFacts(cable: CableFacts): void {
    this.cables++;
    if (cable.id) {
      this.withId++;
      this.ids.add(cable.id);
    }
    const year = cable.date ? cable.date.slice(0, 4) : cable.id && /^\d{2}/.test(cable.id) ? String(expandYear(Number(cable.id.slice(0, 2)), 2)) : undefined;
    bump(this.years, year ?? 'unknown');
    bump(this.months, cable.date ? cable.date.slice(0, 7) : 'unknown');
    bump(this.origins, cable.origin ?? 'unknown');
    bump(this.classifications, cable.classification ?? 'unknown');
    for (const tag of new Set(cable.tags)) bump(this.tags, tag);
    for (const id of new Set(cable.cites)) bump(this.cited, id);
    if (cable.findings === undefined) return;
    this.findingsCounted = true;
    this.findings += cable.findings;
    if (cable.findings) this.perFile.push({ key: cable.file, label: cable.id, count: cable.findings, errors: cable.errors ?? 0 });
  }

  result(top = 20): CorpusStats {
    const tag = (code: string): string | undefined => this.tables.tag(code)?.meanings[0];
    return {
      cables: this.cables,
      withId: this.withId,
      byYear: sorted(this.years, (a, b) => a.key.localeCompare(b.key)),
      byMonth: sorted(this.months, (a, b) => a.key.localeCompare(b.key)),
      byOrigin: sorted(this.origins).map((c) => ({ ...c, label: this.tables.postName(c.key) })),
      byClassification: sorted(this.classifications),
      byTag: sorted(this.tags).map((c) => ({ ...c, label: tag(c.key) })),
      mostCited: sorted(this.cited)
        .slice(0, top)
        .map((c) => ({ ...c, label: this.ids.has(c.key) ? 'in this set' : 'not in this set' })),
      mostFindings: [...this.perFile].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)).slice(0, top),
      findings: this.findingsCounted || !this.cables ? this.findings : null,
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
