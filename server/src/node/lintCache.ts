/**
 * `cable lint --cache`: the findings of each file kept between runs, so that a file whose text,
 * configuration and code tables have not changed is neither parsed nor linted again (as
 * ESLint's `--cache`). The file is still read: an entry is used only when its key is the same,
 * a hash of everything the findings depend on:
 * - the file's decoded text, its encoding and byte order mark;
 * - the configuration that applies to it: the config file's path and text, and the code
 *   tables it names, as read (a config with errors is never cached);
 * - the rules asked for (`--rules`) and `--no-ignore`;
 * and the file's path names its entry (its path also chooses its config, and stands in for an id
 * the text lacks). The whole cache is dropped when the program changed (a hash of the running
 * script, which holds the parser, the rules and the built-in tables) or Node's version did.
 * Standard input is never cached.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { DecodedText } from '../core/text/decode';
import type { CachedFindings, CheckOptions, LintResultCache } from '../service/cableService';
import type { LoadedConfig } from './configFiles';
import type { FileEnvironment } from './fileEnvironment';

/** The cache's file name when `--cache-location` does not give one (in the current folder, or in the folder it names). */
export const LINT_CACHE_FILE = '.cablelintcache';
/** Bumped when the layout of the file or of its keys changes. */
const FORMAT = 1;

/** One file's entry: the key its findings were found under, and the findings. */
export interface LintCacheEntry {
  key: string;
  findings: CachedFindings;
}

interface CacheFile {
  format: number;
  program: string;
  entries: Record<string, LintCacheEntry>;
}

/**
 * The entries of a cache, by absolute path. The main thread's is read from and written to the
 * cache file (`openLintCache`, `save`); a lint worker's holds the entries of the files it was
 * sent, and what it found (`added`) goes back to the main thread.
 */
export class LintCache implements LintResultCache {
  private readonly added = new Map<string, LintCacheEntry>();
  /** The files this run asked about: they are there (the others are looked for before a save). */
  private readonly seen = new Set<string>();

  /**
   * @param foreign why the file at the cache's place must not be written over (it is not a
   *   cache), if it must not: a mistyped `--cache-location` never costs a file its contents.
   */
  constructor(
    private readonly entries: Map<string, LintCacheEntry> = new Map(),
    readonly foreign?: string,
  ) {}

  key(_file: string, text: DecodedText, env: FileEnvironment, options: CheckOptions): string | undefined {
    const environment = environmentKey(env);
    if (environment === undefined) return undefined;
    const hash = createHash('sha256');
    // Each part ends with a NUL, which none of them holds in a way that could shift the next.
    // Every rule (no --rules) and a list of them never share a key.
    const rules = options.only ? `only ${[...options.only].sort().join(',')}` : 'all';
    hash.update(`${FORMAT}\0${environment}\0${rules}\0${options.noIgnore ? 1 : 0}\0${text.encoding}\0${text.bom ? 1 : 0}\0`);
    hash.update(text.text);
    return hash.digest('hex');
  }

  get(file: string, key: string): CachedFindings | undefined {
    this.seen.add(path.resolve(file));
    const entry = this.entries.get(path.resolve(file));
    // A cache file edited by hand may hold anything: only findings of the right shape are taken.
    return entry?.key === key && isFindings(entry.findings) ? entry.findings : undefined;
  }

  set(file: string, key: string, findings: CachedFindings): void {
    const entry = { key, findings };
    this.entries.set(path.resolve(file), entry);
    this.added.set(path.resolve(file), entry);
  }

  /** The entry of `file`, to send with it to a worker. */
  entry(file: string): LintCacheEntry | undefined {
    return this.entries.get(path.resolve(file));
  }

  /** An entry a worker found, kept here as its own. */
  keep(file: string, entry: LintCacheEntry): void {
    this.set(file, entry.key, entry.findings);
  }

  /** The entry found for `file` in this run, if any (what a worker sends back). */
  addedFor(file: string): LintCacheEntry | undefined {
    return this.added.get(path.resolve(file));
  }

  get changed(): boolean {
    return this.added.size > 0;
  }

  /**
   * Writes the entries to `location` through a temporary file and a rename: a reader never sees
   * half a cache. The entries of files that are no longer there are left out.
   */
  save(location: string): void {
    for (const file of this.entries.keys()) if (!this.seen.has(file) && !this.added.has(file) && !existsSync(file)) this.entries.delete(file);
    const file: CacheFile = { format: FORMAT, program: programKey(), entries: Object.fromEntries(this.entries) };
    const temporary = `${location}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, JSON.stringify(file));
      renameSync(temporary, location);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
  }
}

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint']);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isPosition = (value: unknown): boolean => isObject(value) && Number.isInteger(value.line) && Number.isInteger(value.character);
const isRange = (value: unknown): boolean => isObject(value) && isPosition(value.start) && isPosition(value.end);
const isRelated = (value: unknown): boolean => isObject(value) && typeof value.message === 'string' && isRange(value.range);
/** Findings as `lintFile` makes them: what the output formats read from each. */
function isFindings(value: unknown): value is CachedFindings {
  if (!isObject(value) || !Array.isArray(value.diagnostics)) return false;
  return value.diagnostics.every(
    (d: unknown) =>
      isObject(d) &&
      typeof d.code === 'string' &&
      SEVERITIES.has(d.severity as string) &&
      typeof d.message === 'string' &&
      isRange(d.range) &&
      (d.related === undefined || (Array.isArray(d.related) && d.related.every(isRelated))),
  );
}

/** Where the cache file is: `--cache-location` (a file, or a folder to put it in), else the current folder. */
export function lintCacheLocation(option: string | undefined): string {
  if (!option) return path.resolve(LINT_CACHE_FILE);
  const location = path.resolve(option);
  try {
    if (statSync(location).isDirectory()) return path.join(location, LINT_CACHE_FILE);
  } catch {
    // Not there yet: the file to write.
  }
  return location;
}

/**
 * The cache at `location`: an empty one when there is none yet (or an empty file), or when
 * another build of `cable` (or Node) wrote it: the run then lints every file and writes it anew.
 * A file there that is not a cache, or cannot be read, gives an empty cache that is `foreign`.
 */
export function openLintCache(location: string): LintCache {
  let text: string;
  try {
    text = readFileSync(location, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new LintCache();
    return new LintCache(undefined, `cannot be read (${(error as Error).message})`);
  }
  if (!text) return new LintCache();
  let file: Partial<CacheFile>;
  try {
    file = JSON.parse(text) as Partial<CacheFile>;
  } catch {
    return new LintCache(undefined, 'is not a cable lint cache');
  }
  if (!isObject(file) || typeof file.format !== 'number' || typeof file.program !== 'string') return new LintCache(undefined, 'is not a cable lint cache');
  if (file.format !== FORMAT || file.program !== programKey() || !isObject(file.entries)) return new LintCache();
  return new LintCache(new Map(Object.entries(file.entries)));
}

let program: string | undefined;
/** A hash of the running script (the bundle holds the parser, the rules and the built-in tables) and of Node's version. */
function programKey(): string {
  program ??= createHash('sha256').update(readFileSync(__filename)).update(`\0${process.version}`).digest('hex');
  return program;
}

const configKeys = new WeakMap<LoadedConfig, string>();
/**
 * What the findings take from a file's configuration, as one string: none, or the config
 * file's path, text and the tables it names as read (hashed once per config). Undefined when
 * the configuration has errors: those files are linted every time.
 */
function environmentKey(env: FileEnvironment): string | undefined {
  if (env.errors.length) return undefined;
  const config = env.config;
  // Code tables from elsewhere than the config (an editor's settings): not known here.
  if (env.tableFiles.length !== (config?.tableFiles.length ?? 0)) return undefined;
  if (!config) return 'no config';
  let key = configKeys.get(config);
  if (key === undefined) {
    key = createHash('sha256').update(`${config.file}\0${config.text}\0${JSON.stringify(config.extraTables)}`).digest('hex');
    configKeys.set(config, key);
  }
  return key;
}
