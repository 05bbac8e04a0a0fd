/**
 * The cable service: the one object the editor (lsp/) and the command line (cli/) are
 * adapters over, as vscode-markdown-languageservice has `createLanguageService`. It owns
 * - what a file is checked with (`environment`: config, code tables, severities, `ignore`),
 * - parsing a text once per version and running the rules once on it (`analyze`, `problems`),
 * - linting and fixing whole files (`checkFile`, `lintFile`, `fixFile`; fixes go through the
 *   engine's one fix applier, `fixText`),
 * - the workspace's cables (`index`) and the answers that read more than one cable.
 * It touches no file itself: what it needs from outside comes through `CableWorkspace`
 * (node/nodeWorkspace.ts reads the disk; tests may give another).
 */
import type { Location, SymbolInformation } from 'vscode-languageserver-types';
import type { CableSummary, CablesViewParams, CablesViewPathParams, CablesViewResult, ReferenceGraph } from '../../../common/protocol';
import { CableExplorer } from '../core/features/cableExplorer';
import { CorpusStatsCollector, type CorpusStats } from '../core/features/corpusStats';
import { referenceGraph, type GraphOptions } from '../core/features/referenceGraph';
import { cableSummaries, citationRange, workspaceSymbols, type CableIndexEntry } from '../core/features/workspace';
import type { CableDocument } from '../core/model/cable';
import { parse } from '../core/parser/parse';
import { fixText, lint, type FixResult, type Problem } from '../core/rules/engine';
import type { Severity } from '../core/rules/types';
import type { CodeTables } from '../core/tables/codeTables';
import { canEncode, encodeText, type DecodedText } from '../core/text/decode';
import type { EnvironmentOptions, FileEnvironment } from '../node/fileEnvironment';

/** What the service needs from outside: the files. `file` is a path, or `-` for standard input. */
export interface CableWorkspace {
  /** What `file` is checked with (undefined: a document not on disk). */
  environment(file: string | undefined, options?: EnvironmentOptions): Promise<FileEnvironment>;
  /**
   * A cable's text, decoded (at most `maxBytes`: a larger file is an error). Keeps the bytes
   * read, for a safe write; `textOnly` (lint, parse, stats: nothing written back) lets them be
   * left out, and the workspace may then read faster (a `maxBytes` read keeps them anyway).
   */
  readCable(file: string, options?: { maxBytes?: number; textOnly?: boolean }): DecodedText & { bytes?: Uint8Array } | Promise<DecodedText & { bytes?: Uint8Array }>;
  /** Writes a fixed cable back, only if the file still holds `original`. */
  writeCable(file: string, bytes: Uint8Array, original: Uint8Array): Promise<void>;
  /** Turns a failure of the calls above into the message a user reads. */
  describeError(error: unknown): string;
}

/** The workspace's cables, as the index keeps them (node/workspaceIndex.ts). */
export interface CableIndex {
  readonly complete: boolean;
  /** Changes with every entry added or removed. */
  readonly version: number;
  all(): Iterable<CableIndexEntry>;
  get(uri: string): CableIndexEntry | undefined;
  /** Files (URIs) holding the cable with this id. */
  filesOf(id: string): string[];
  /** Cables whose REF list or text cites this id. */
  citing(id: string): CableIndexEntry[];
}

/**
 * How a run of `cable lint` or `cable fix` checks its files: one object, passed whole to the
 * lint worker threads, so a new option is declared in cli/args.ts, read in its command and
 * used here.
 */
export interface CheckOptions {
  /** A config file given explicitly (`--config`); otherwise each file's nearest. */
  config?: string;
  /** Only these rules (`--rules`). */
  only?: Set<string>;
  /** The name standard input stands for (`--stdin-filename`): its config, its name in output. */
  stdinFilename?: string;
  /** Check files the config's `ignore` names too (`--no-ignore`). */
  noIgnore?: boolean;
}

/** The name a file is shown with, and the path its environment is resolved for. */
function nameOf(file: string, options: CheckOptions): string {
  return file === '-' ? (options.stdinFilename ?? '<stdin>') : file;
}

function pathFor(file: string, options: CheckOptions): string {
  return file === '-' && options.stdinFilename ? options.stdinFilename : file;
}

/** A document version's tree, with what it was parsed and linted with. */
export interface Analysis<E extends FileEnvironment = FileEnvironment> {
  version: number;
  tables: CodeTables;
  doc: CableDocument;
  env: E;
  /** Problems, computed on first use and kept for this version. */
  problems?: Problem[];
}

export interface FileDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** Other places of the same problem (JSON output only). */
  related?: { message: string; range: FileDiagnostic['range'] }[];
}

export interface FileLintResult {
  file: string;
  diagnostics: FileDiagnostic[];
  /** Set when the file could not be read: the reason. */
  error?: string;
  ignored?: boolean;
  configErrors?: string[];
}

/** The findings of one file that `cable lint --cache` keeps between runs. */
export interface CachedFindings {
  diagnostics: FileDiagnostic[];
}

/**
 * Findings kept from an earlier run (`cable lint --cache`, node/lintCache.ts), which `lintFile`
 * asks once it has read a file: the same key means the same findings, and the file is neither
 * parsed nor linted again.
 */
export interface LintResultCache {
  /** What the findings of a file depend on besides its path, as one key (its text, environment and `options`); undefined: not kept. */
  key(text: DecodedText, env: FileEnvironment, options: CheckOptions): string | undefined;
  get(file: string, key: string): CachedFindings | undefined;
  set(file: string, key: string, findings: CachedFindings): void;
}

export interface FileFixResult {
  file: string;
  applied: FixResult['applied'];
  changed: boolean;
  /** False when fixes were still left after the last pass (see `fixText`). */
  settled: boolean;
  /** Fixes not made because the file's encoding cannot hold what they write (see `fixText`). */
  unwritable?: FixResult['unwritable'];
  /** The errors of the configuration the file is checked with (the file is then not fixed). */
  configErrors?: string[];
  error?: string;
  /** The fixed text, for standard input (printed rather than written), in the encoding it came in. */
  bytes?: Uint8Array;
}

export interface CableService {
  readonly workspace: CableWorkspace;
  readonly index: CableIndex;
  environment(file: string | undefined, options?: EnvironmentOptions): Promise<FileEnvironment>;
  /** Parses with the environment's code tables (the file name stands in for an id the text lacks). */
  parse(text: string, env: FileEnvironment, fileName?: string): CableDocument;
  /** The tree of a document version, parsed once per version and set of code tables (kept under `key`). */
  analyze<E extends FileEnvironment>(key: string, version: number, text: () => string, env: E, fileName?: string): Analysis<E>;
  /** The analysis's problems, found once. */
  problems(analysis: Analysis): Problem[];
  /** Drops the kept trees: all of them (settings or config changed) or one (document closed). */
  forget(key?: string): void;
  /** Reads, parses and lints one file with `env` (the editor's Lint Workspace, and `lintFile`). */
  checkFile(file: string, env: FileEnvironment, options?: { only?: Set<string>; maxBytes?: number; fileName?: string }): Promise<{ doc: CableDocument; problems: Problem[] }>;
  /**
   * `cable lint` for one file: its environment resolved, an ignored file skipped, findings as
   * positions; with a `cache`, the findings kept for the same text and environment are reused.
   */
  lintFile(file: string, options: CheckOptions, cache?: LintResultCache): Promise<FileLintResult>;
  /** `cable fix` for one file: every safe fix, written back safely unless `dryRun`; standard input is returned. */
  fixFile(file: string, options: CheckOptions & { dryRun?: boolean }): Promise<FileFixResult>;
  /** Where the cable with this id is in the workspace (its classification line). */
  cableLocations(id: string): Location[];
  /** The cables of the workspace that cite `id`, but `exceptUri`. */
  citingCables(id: string, exceptUri?: string): CableIndexEntry[];
  /** Where they cite it: the line of the REF item (or of the id in the text). */
  citingLocations(id: string, exceptUri?: string): Location[];
  workspaceSymbols(query: string): SymbolInformation[];
  findCables(query: string, limit: number): CableSummary[];
  /** One level of the Cables view (`tables` name the posts and tags). */
  cablesView(params: CablesViewParams, tables: CodeTables): CablesViewResult;
  /** The group keys down to a cable in the Cables view; undefined when the filter leaves it out. */
  cablesViewPath(params: CablesViewPathParams): string[] | undefined;
  /** The cables `entry` cites and those citing it (an open document's entry is fresher than the index's). */
  referenceGraph(entry: CableIndexEntry, options?: GraphOptions): ReferenceGraph;
  /** The statistics of the index's cables; `findings` per URI when they were linted. */
  corpusStats(tables: CodeTables, findings?: Map<string, { findings: number; errors: number }>): CorpusStats;
}

const NO_CABLES: CableIndex = { complete: true, version: 0, all: () => [], get: () => undefined, filesOf: () => [], citing: () => [] };

export function createCableService(options: { workspace: CableWorkspace; index?: CableIndex }): CableService {
  const { workspace } = options;
  const index = options.index ?? NO_CABLES;
  const analyses = new Map<string, Analysis<FileEnvironment>>();
  const explorer = new CableExplorer();
  const parseWith = (text: string, env: FileEnvironment, fileName?: string): CableDocument =>
    parse(text, { station: env.tables.station, fileName: fileName === '-' ? undefined : fileName });
  const checkText = (text: string, env: FileEnvironment, only: Set<string> | undefined, fileName: string): { doc: CableDocument; problems: Problem[] } => {
    const doc = parseWith(text, env, fileName);
    return { doc, problems: lint(doc, { tables: env.tables, severities: env.severities, only }) };
  };

  const service: CableService = {
    workspace,
    index,
    environment: (file, environmentOptions) => workspace.environment(file, environmentOptions),
    parse: parseWith,

    analyze<E extends FileEnvironment>(key: string, version: number, text: () => string, env: E, fileName?: string): Analysis<E> {
      const cached = analyses.get(key);
      if (cached && cached.version === version && cached.tables === env.tables && cached.env === env) return cached as Analysis<E>;
      const analysis: Analysis<E> = { version, tables: env.tables, doc: parseWith(text(), env, fileName), env };
      analyses.set(key, analysis);
      return analysis;
    },

    problems(analysis) {
      analysis.problems ??= lint(analysis.doc, { tables: analysis.tables, severities: analysis.env.severities });
      return analysis.problems;
    },

    forget(key) {
      if (key === undefined) analyses.clear();
      else analyses.delete(key);
    },

    async checkFile(file, env, checkOptions = {}) {
      const text = (await workspace.readCable(file, { maxBytes: checkOptions.maxBytes, textOnly: true })).text;
      return checkText(text, env, checkOptions.only, checkOptions.fileName ?? file);
    },

    async lintFile(file, checkOptions, cache) {
      const name = nameOf(file, checkOptions);
      try {
        // A config that cannot be read at all (a --config path that does not exist) is this file's error.
        const env = await workspace.environment(pathFor(file, checkOptions), { config: checkOptions.config, throwOnConfigFailure: true });
        if (env.ignored && !checkOptions.noIgnore) return { file: name, diagnostics: [], ignored: true };
        const configErrors = env.config?.errors.length ? env.config.errors : undefined;
        const decoded = await workspace.readCable(file, { textOnly: true });
        const key = cache && file !== '-' ? cache.key(decoded, env, checkOptions) : undefined;
        const kept = key !== undefined ? cache!.get(file, key) : undefined;
        if (kept) return { file: name, configErrors, diagnostics: kept.diagnostics };
        const { doc, problems } = checkText(decoded.text, env, checkOptions.only, pathFor(file, checkOptions));
        const diagnostics: FileDiagnostic[] = problems.map((p) => ({
          code: p.ruleId,
          severity: p.severity,
          message: p.message,
          range: doc.lines.range(p.start, p.end),
          ...(p.related?.length ? { related: p.related.map((r) => ({ message: r.message, range: doc.lines.range(r.start, r.end) })) } : {}),
        }));
        if (key !== undefined) cache!.set(file, key, { diagnostics });
        return { file: name, configErrors, diagnostics };
      } catch (error) {
        return { file: name, diagnostics: [], error: workspace.describeError(error) };
      }
    },

    async fixFile(file, fixOptions) {
      const name = nameOf(file, fixOptions);
      try {
        const env = await workspace.environment(pathFor(file, fixOptions), { config: fixOptions.config, throwOnConfigFailure: true });
        // A broken configuration may be one that turns fixes off: fix nothing rather than apply them.
        const configErrors = env.config?.errors.length ? env.config.errors : undefined;
        const notFixed = configErrors ? 'not fixed: its configuration has errors' : undefined;
        const ignored = env.ignored && !fixOptions.noIgnore;
        if (file !== '-' && (notFixed || ignored)) return { file: name, applied: [], changed: false, settled: true, configErrors, error: notFixed };
        const original = await workspace.readCable(file);
        // Standard input left alone is still given back: `cable fix - < in > out` never loses the text.
        if (notFixed || ignored) return { file: name, applied: [], changed: false, settled: true, configErrors, error: notFixed, bytes: encodeText(original.text, original.encoding, original.bom) };
        const result = fixText(
          original.text,
          (text) => parseWith(text, env, pathFor(file, fixOptions)),
          { tables: env.tables, severities: env.severities, only: fixOptions.only },
          // A fix whose text the file's encoding cannot hold is left out, never written as `?`.
          (newText) => canEncode(newText, original.encoding),
        );
        const changed = result.text !== original.text;
        // The file keeps its encoding, byte order mark and line ends; standard input is given back.
        const bytes = changed || file === '-' ? encodeText(result.text, original.encoding, original.bom) : undefined;
        const unwritable = result.unwritable.length ? result.unwritable : undefined;
        if (file === '-') return { file: name, applied: result.applied, changed, settled: result.settled, unwritable, bytes };
        if (changed && !fixOptions.dryRun) await workspace.writeCable(file, bytes as Uint8Array, original.bytes as Uint8Array);
        return { file: name, applied: result.applied, changed, settled: result.settled, unwritable };
      } catch (error) {
        return { file: name, applied: [], changed: false, settled: true, error: workspace.describeError(error) };
      }
    },

    cableLocations: (id) => index.filesOf(id).flatMap((uri) => {
      const entry = index.get(uri);
      return entry ? [{ uri, range: entry.range }] : [];
    }),
    citingCables: (id, exceptUri) => index.citing(id).filter((e) => e.uri !== exceptUri),
    citingLocations: (id, exceptUri) => service.citingCables(id, exceptUri).map((e) => ({ uri: e.uri, range: citationRange(e, id) })),
    workspaceSymbols: (query) => workspaceSymbols(index.all(), query),
    findCables: (query, limit) => cableSummaries(index.all(), query, limit),

    cablesView: ({ grouping, filter, path }, tables) => explorer.children(index, grouping, filter, path, tables),

    cablesViewPath: ({ grouping, filter, uri }) => explorer.pathOf(index, grouping, filter, uri),

    referenceGraph: (entry, graphOptions) => referenceGraph(entry, index, graphOptions),

    corpusStats(tables, findings) {
      const collector = new CorpusStatsCollector(tables);
      for (const entry of index.all()) collector.addFacts({ ...entry, file: entry.uri, ...findings?.get(entry.uri) });
      return collector.result();
    },
  };
  return service;
}
