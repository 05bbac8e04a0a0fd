/**
 * The code tables behind hovers, completion and the rules: routing indicators, TAGS,
 * origins (stations), precedence, classification levels, captions and portion marks,
 * TAGS typo fixes. The built-in tables come from server/data/*.tsv (sources listed there),
 * converted to JSON at build time and loaded on first use. Users can add rows with the
 * same columns (`cable.codeTables`); their cells win over the built-in ones.
 *
 * A table never invents a meaning: an empty cell stays empty, and callers say "meaning
 * not known".
 */

export interface RawTable {
  columns: string[];
  rows: string[][];
}

export type RawTables = Record<string, RawTable>;

export interface NameSeen {
  name: string;
  count: number;
  years: string;
}

/** What a routing indicator routes to (routing_indicators.tsv `kind`). */
export const ROUTING_KINDS = ['us_diplomatic', 'collective', 'relay', 'other'] as const;
export type RoutingKind = (typeof ROUTING_KINDS)[number];

/** What a TAGS token is (tags.tsv `kind`, after cablemap's classes). */
export const TAG_KINDS = ['geographic', 'subject', 'program', 'organization', 'person', 'unknown'] as const;
export type TagKind = (typeof TAG_KINDS)[number];

/** The kinds each table's `kind` column may hold: a user table's other values are reported and read as the last (unknown). */
const KIND_VALUES: Record<string, readonly string[]> = { routing_indicators: ROUTING_KINDS, tags: TAG_KINDS };

function kindOf<K extends string>(values: readonly K[], value: string | undefined): K {
  return values.includes(value as K) ? (value as K) : values[values.length - 1];
}

export interface RoutingIndicatorInfo {
  ri: string;
  name: string;
  kind: RoutingKind;
  acp117Name: string;
  cabletagsName: string;
  namesSeen: NameSeen[];
  count: number;
  originFmNames: string;
  sources: string;
  /** Last indicator of the range this row starts (`RUEAWJD` for `RUEAWJA THRU RUEAWJD`), if the source gave one. */
  thru: string;
}

export interface TagInfo {
  tag: string;
  /** The sourced meanings (several when sources word it differently or disagree). */
  meanings: string[];
  kind: TagKind;
  meaningSources: string;
  kindSource: string;
  count: number;
  topOrigins: string;
  originCountryEvidence: string;
  /** The table flags that real cables use the tag differently from its sourced meaning. */
  conflict: boolean;
}

export interface OriginInfo {
  station: string;
  wikileaksOrigin: string;
  country: string;
  deRoutingIndicator: string;
  fmLine: string;
  yearsSeen: string;
  cablesSeen: number;
}

export interface PrecedenceInfo {
  precedence: string;
  prosign: string;
  dtgLetter: string;
  word: string;
  meaning: string;
  sources: string;
}

export interface ClassificationInfo {
  level: string;
  rank: number;
  forms: string;
  zn: string;
  acpCode: string;
  portionMarks: string;
  labels: string;
  definition: string;
  sources: string;
}

export interface ExecutiveOrderInfo {
  order: string;
  title: string;
  signed: string;
  federalRegister: string;
  revokedBy: string;
  sources: string;
}

export interface CaveatInfo {
  marking: string;
  kind: string;
  placement: string;
  meaning: string;
  observed: string;
  sources: string;
}

/** Column that identifies each table, and the table a user file with that first column feeds. */
export const TABLE_KEYS: Record<string, string> = {
  routing_indicators: 'ri',
  tags: 'tag',
  origins: 'id_station',
  precedence: 'precedence',
  classification: 'level',
  caveats: 'marking',
  stations: 'station',
  tag_fixes: 'typo',
  executive_orders: 'order',
};

export class CodeTables {
  private cache = new Map<string, unknown>();
  // The indexes the parser and the rules look up on every line or token, held in fields of
  // their own rather than in `cache`: a lookup costs one map access (not a closure and a second map).
  private routingMap: Map<string, RoutingIndicatorInfo> | undefined;
  private tagMap: Map<string, TagInfo> | undefined;
  private stationMap: Map<string, string> | undefined;

  constructor(readonly raw: RawTables) {}

  private rowsOf(table: string): Record<string, string>[] {
    const key = `rows:${table}`;
    let rows = this.cache.get(key) as Record<string, string>[] | undefined;
    if (!rows) {
      const t = this.raw[table];
      rows = t ? t.rows.map((r) => Object.fromEntries(t.columns.map((c, k) => [c, r[k] ?? '']))) : [];
      this.cache.set(key, rows);
    }
    return rows;
  }

  private index<T>(name: string, build: () => Map<string, T>): Map<string, T> {
    let map = this.cache.get(name) as Map<string, T> | undefined;
    if (!map) {
      map = build();
      this.cache.set(name, map);
    }
    return map;
  }

  /** One entry a row of `table`, under its `key` column in capitals (a later row with the same key wins). */
  private rowsByKey<T>(table: string, key: string, entry: (row: Record<string, string>) => T): Map<string, T> {
    const map = new Map<string, T>();
    for (const r of this.rowsOf(table)) map.set(r[key].toUpperCase(), entry(r));
    return map;
  }

  private routingIndex(): Map<string, RoutingIndicatorInfo> {
    return (this.routingMap ??= this.buildRoutingIndex());
  }

  private buildRoutingIndex(): Map<string, RoutingIndicatorInfo> {
    return this.rowsByKey('routing_indicators', 'ri', (r) => ({
      ri: r.ri,
      name: r.name,
      kind: kindOf(ROUTING_KINDS, r.kind),
      acp117Name: r.acp117_2010_name,
      cabletagsName: r.cabletags_2011_name,
      namesSeen: parseNamesSeen(r.cablegate_addressee_names),
      count: Number(r.cablegate_addressee_count) || 0,
      originFmNames: r.cablegate_origin_fm_names,
      sources: r.sources,
      thru: r.thru ?? '',
    }));
  }

  routingIndicator(ri: string): RoutingIndicatorInfo | undefined {
    return this.routingIndex().get(ri.toUpperCase());
  }

  allRoutingIndicators(): Iterable<RoutingIndicatorInfo> {
    return this.routingIndex().values();
  }

  private tagIndex(): Map<string, TagInfo> {
    return (this.tagMap ??= this.buildTagIndex());
  }

  private buildTagIndex(): Map<string, TagInfo> {
    return this.rowsByKey('tags', 'tag', (r) => ({
      tag: r.tag,
      meanings: r.meaning ? r.meaning.split(' | ').map((m) => m.trim()).filter(Boolean) : [],
      kind: kindOf(TAG_KINDS, r.kind),
      meaningSources: r.meaning_source,
      kindSource: r.kind_source,
      count: Number(r.count_in_6712_cables) || 0,
      topOrigins: r.top_origins,
      originCountryEvidence: r.origin_country_evidence,
      conflict: /\bconflict_observed\b/.test(r.meaning_source),
    }));
  }

  tag(code: string): TagInfo | undefined {
    return this.tagIndex().get(code.toUpperCase());
  }

  allTags(): Iterable<TagInfo> {
    return this.tagIndex().values();
  }

  private originIndex(): Map<string, OriginInfo> {
    return this.index('origin', () =>
      this.rowsByKey('origins', 'id_station', (r) => ({
        station: r.id_station,
        wikileaksOrigin: r.wikileaks_origin,
        country: r.country_cablemap,
        deRoutingIndicator: r.de_routing_indicator,
        fmLine: r.fm_line,
        yearsSeen: r.years_seen,
        cablesSeen: Number(r.cables_seen) || 0,
      })),
    );
  }

  /** The post behind a station name as cable ids write it (`ASTANA`, `SANJOSE`). */
  origin(station: string): OriginInfo | undefined {
    return this.originIndex().get(station.toUpperCase().replace(/[ .'-]/g, ''));
  }

  /** The post's name for a station (`AMEMBASSY ASTANA`): its FM line, else the archive's origin; undefined when not known. */
  postName(station: string): string | undefined {
    const info = this.origin(station);
    return info ? info.fmLine || info.wikileaksOrigin || undefined : undefined;
  }

  /** The post whose own routing indicator (its DE line) is `ri`. */
  originByRoutingIndicator(ri: string): OriginInfo | undefined {
    const byRi = this.index('originByRi', () => {
      const map = new Map<string, OriginInfo>();
      for (const o of this.originIndex().values()) if (o.deRoutingIndicator && !map.has(o.deRoutingIndicator)) map.set(o.deRoutingIndicator, o);
      return map;
    });
    return byRi.get(ri.toUpperCase());
  }

  private stationIndex(): Map<string, string> {
    return (this.stationMap ??= this.buildStationIndex());
  }

  private buildStationIndex(): Map<string, string> {
    const map = new Map<string, string>();
    for (const r of this.rowsOf('stations')) map.set(r.station.toUpperCase(), (r.canonical || r.station).toUpperCase());
    for (const o of this.originIndex().keys()) if (!map.has(o)) map.set(o, o);
    return map;
  }

  /** The canonical station for a name used in cable ids and references (`SECSTATE` → `STATE`), if known. */
  station = (name: string): string | undefined => this.stationIndex().get(name.toUpperCase());

  isStation = (name: string): boolean => this.stationIndex().has(name.toUpperCase());

  precedence(key: string): PrecedenceInfo | undefined {
    const map = this.index('precedence', () => {
      const m = new Map<string, PrecedenceInfo>();
      for (const r of this.rowsOf('precedence')) {
        m.set(r.precedence.toUpperCase(), {
          precedence: r.precedence,
          prosign: r.prosign,
          dtgLetter: r.dtg_letter,
          word: r.address_line_word,
          meaning: r.meaning,
          sources: r.sources,
        });
      }
      return m;
    });
    return map.get(key.toUpperCase());
  }

  /** Precedence for a prosign (`OO`) or DTG letter (`O`); IMMEDIATE rather than NIACT for the shared letters. */
  precedenceByLetter(letters: string): PrecedenceInfo | undefined {
    const upper = letters.toUpperCase();
    for (const name of ['FLASH', 'IMMEDIATE', 'PRIORITY', 'ROUTINE', 'NIACT IMMEDIATE']) {
      const p = this.precedence(name);
      if (p && (p.prosign === upper || p.dtgLetter === upper)) return p;
    }
    return undefined;
  }

  classification(level: string): ClassificationInfo | undefined {
    const map = this.index('classification', () => {
      const m = new Map<string, ClassificationInfo>();
      for (const r of this.rowsOf('classification')) {
        m.set(r.level.toUpperCase(), {
          level: r.level,
          rank: Number(r.rank),
          forms: r.class_line_forms_observed,
          zn: r.zn_security_line,
          acpCode: r.acp_class_code,
          portionMarks: r.portion_marks,
          labels: r.wikileaks_metadata_labels,
          definition: r.definition,
          sources: r.sources,
        });
      }
      return m;
    });
    return map.get(level.toUpperCase());
  }

  /** A caption or portion-mark row: `SIPDIS`, `REL TO`, `(C/NF)`. */
  caveat(marking: string): CaveatInfo | undefined {
    const map = this.index('caveat', () => {
      const m = new Map<string, CaveatInfo>();
      for (const r of this.rowsOf('caveats')) {
        const info: CaveatInfo = {
          marking: r.marking,
          kind: r.kind,
          placement: r.placement_observed,
          meaning: r.meaning,
          observed: r.observed_6712,
          sources: r.sources,
        };
        // "RELEASABLE TO / REL TO", "(C/NF) (C//NF) (C/NOFORN)": every spelling is a key.
        for (const key of r.marking.split(/\s+\/\s+|\)\s+\(/)) m.set(key.replace(/[()]/g, '').trim().toUpperCase(), info);
      }
      return m;
    });
    const key = marking.replace(/[()]/g, '').trim().toUpperCase().replace(/\s+/g, ' ');
    return map.get(key) ?? (/^REL(?:EASABLE)? TO\b/.test(key) ? map.get('RELEASABLE TO') : undefined);
  }

  executiveOrder(order: string): ExecutiveOrderInfo | undefined {
    const map = this.index('eo', () => {
      const m = new Map<string, ExecutiveOrderInfo>();
      for (const r of this.rowsOf('executive_orders')) {
        m.set(r.order, { order: r.order, title: r.title, signed: r.signed, federalRegister: r.federal_register, revokedBy: r.revoked_by, sources: r.sources });
      }
      return m;
    });
    return map.get(order);
  }

  /** Known corrections of glued or misspelt TAGS tokens (`VTPREL` → `VT PREL`). */
  tagFix(typo: string): string[] | undefined {
    const map = this.index('tagFix', () => {
      const m = new Map<string, string[]>();
      for (const r of this.rowsOf('tag_fixes')) m.set(r.typo.toUpperCase(), r.correction.split(/\s+/));
      return m;
    });
    return map.get(typo.toUpperCase());
  }
}

/** `AMEMBASSY ASTANA (20; 2006-2010); AMEMBASSY ALMATY (8; 2006-2007)`. */
export function parseNamesSeen(cell: string | undefined): NameSeen[] {
  if (!cell) return [];
  const out: NameSeen[] = [];
  for (const part of cell.split(/;\s+(?=[^;()]*\()/)) {
    const m = /^(.*?)\s*\((\d+);\s*([^)]*)\)\s*$/.exec(part.trim());
    if (m) out.push({ name: m[1], count: Number(m[2]), years: m[3] });
    else if (part.trim()) out.push({ name: part.trim(), count: 0, years: '' });
  }
  return out;
}

/**
 * Merges user rows over built-in ones, table by table: rows are matched on the table's key
 * column (case-insensitive); a user's non-empty cell replaces the built-in cell; new rows
 * are added. User tables may carry only some of the columns.
 */
export function mergeTables(base: RawTables, extra: RawTables[]): RawTables {
  if (!extra.length) return base;
  const out: RawTables = {};
  for (const [name, table] of Object.entries(base)) out[name] = { columns: table.columns, rows: table.rows.map((r) => [...r]) };
  for (const tables of extra) {
    for (const [name, table] of Object.entries(tables)) {
      const target = out[name] ?? (out[name] = { columns: [...table.columns], rows: [] });
      const keyColumn = target.columns.indexOf(TABLE_KEYS[name] ?? target.columns[0]);
      const userKey = table.columns.indexOf(TABLE_KEYS[name] ?? table.columns[0]);
      if (keyColumn < 0 || userKey < 0) continue;
      const byKey = new Map(target.rows.map((r, k) => [(r[keyColumn] ?? '').toUpperCase(), k]));
      for (const row of table.rows) {
        const key = (row[userKey] ?? '').toUpperCase();
        if (!key) continue;
        let index = byKey.get(key);
        if (index === undefined) {
          index = target.rows.push(new Array(target.columns.length).fill('')) - 1;
          byKey.set(key, index);
        }
        const targetRow = target.rows[index];
        table.columns.forEach((column, k) => {
          const at = target.columns.indexOf(column);
          if (at >= 0 && row[k] !== undefined && row[k] !== '') targetRow[at] = row[k];
        });
      }
    }
  }
  return out;
}

export interface UserTableResult {
  tables: RawTables;
  errors: string[];
}

/**
 * Reads a user's table file: TSV with a header row (the first column names the table:
 * `ri`, `tag`, `id_station`, `marking`, …), or JSON (an array of row objects, or an object
 * mapping table names to such arrays).
 */
export function parseUserTable(fileName: string, text: string): UserTableResult {
  const errors: string[] = [];
  const tables: RawTables = {};
  const tableFor = (columns: string[]): string | undefined => {
    const byName = Object.keys(TABLE_KEYS).find((t) => fileName.replace(/\\/g, '/').split('/').pop()?.startsWith(t));
    if (byName) return byName;
    return Object.entries(TABLE_KEYS).find(([, key]) => columns[0] === key)?.[0];
  };
  if (/\.json$/i.test(fileName)) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      // The parser's message quotes the text: say where, never what (the file may be anything).
      const at = /position (\d+)/.exec((error as Error).message)?.[1];
      return { tables, errors: [`${fileName}: not valid JSON${at ? ` (at character ${at})` : ''}`] };
    }
    const add = (name: string | undefined, rows: unknown): void => {
      if (!Array.isArray(rows)) {
        errors.push(`${fileName}: ${name ?? 'table'} must be an array of objects`);
        return;
      }
      const objects = rows.filter((r): r is Record<string, unknown> => !!r && typeof r === 'object' && !Array.isArray(r));
      const columns = [...new Set(objects.flatMap((o) => Object.keys(o)))];
      const table = name && TABLE_KEYS[name] ? name : tableFor(columns.includes('ri') ? ['ri'] : columns.includes('tag') ? ['tag'] : columns);
      if (!table) {
        errors.push(`${fileName}: cannot tell which table these rows are for (name the file after the table, e.g. tags.json, or give a "${Object.values(TABLE_KEYS).join('", "')}" column)`);
        return;
      }
      const key = TABLE_KEYS[table];
      const ordered = [key, ...columns.filter((c) => c !== key)];
      tables[table] = { columns: ordered, rows: objects.map((o) => ordered.map((c) => (o[c] === undefined || o[c] === null ? '' : String(o[c])))) };
    };
    if (Array.isArray(data)) add(undefined, data);
    else if (data && typeof data === 'object') for (const [name, rows] of Object.entries(data)) add(name, rows);
    else errors.push(`${fileName}: expected an array of rows or an object of tables`);
    errors.push(...kindProblems(fileName, tables));
    return { tables, errors };
  }
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n').filter((l) => l.trim());
  if (!lines.length) return { tables, errors: [`${fileName}: empty`] };
  const columns = lines[0].split('\t').map((c) => c.trim());
  const table = tableFor(columns);
  if (!table) {
    return { tables, errors: [`${fileName}: the first column must be one of ${Object.values(TABLE_KEYS).join(', ')}`] };
  }
  tables[table] = { columns, rows: lines.slice(1).map((l) => l.split('\t').map((c) => c.trim())) };
  errors.push(...kindProblems(fileName, tables));
  return { tables, errors };
}

/** `kind` cells a table does not know (a user's typo would otherwise pass silently): one message per table. */
function kindProblems(fileName: string, tables: RawTables): string[] {
  const problems: string[] = [];
  for (const [name, table] of Object.entries(tables)) {
    const allowed = KIND_VALUES[name];
    const column = table.columns.indexOf('kind');
    if (!allowed || column < 0) continue;
    // Row numbers, not the values: an error never quotes a file's content.
    const rows = table.rows.flatMap((r, k) => (r[column] && !allowed.includes(r[column]) ? [k + 1] : []));
    if (rows.length) problems.push(`${fileName}: ${name} row${rows.length > 1 ? 's' : ''} ${rows.slice(0, 5).join(', ')}${rows.length > 5 ? ', …' : ''}: kind is not one of ${allowed.join(', ')}; read as ${allowed[allowed.length - 1]}`);
  }
  return problems;
}

let builtin: CodeTables | undefined;

/** The built-in tables, parsed on first use. */
export function builtinTables(): CodeTables {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  builtin ??= new CodeTables(require('./builtinTables.json') as RawTables);
  return builtin;
}

/** Built-in tables with user rows merged over them (the same object when there are none). */
export function tablesWith(extra: RawTables[]): CodeTables {
  return extra.length ? new CodeTables(mergeTables(builtinTables().raw, extra)) : builtinTables();
}
