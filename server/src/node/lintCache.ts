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
import { closeSync, existsSync, lstatSync, openSync, readFileSync, readdirSync, readlinkSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { DecodedText } from '../core/text/decode';
import { openRegularFileSync } from './files';
import type { CachedFindings, CheckOptions, LintResultCache } from '../service/cableService';
import type { LoadedConfig } from './configFiles';
import type { FileEnvironment } from './fileEnvironment';

/** The cache's file name when `--cache-location` does not give one (in the current folder, or in the folder it names). */
export const LINT_CACHE_FILE = '.cablelintcache';
/** Bumped when the layout of the file or of its keys changes. */
const FORMAT = 2;

/**
 * One file's entry: the key its findings were found under, and the findings as JSON text. They
 * are parsed only when used: a cache of 250,000 files is kept as its text, not as objects.
 */
export interface LintCacheEntry {
  key: string;
  findings: string;
}

/** An entry as read from the cache file: its findings still the file's bytes, decoded when used. */
interface StoredEntry {
  key: string;
  findings: string | Uint8Array;
}

/** Where new entries go as they are found: the main thread's temporary file, or a worker's answer. */
type EntrySink = (file: string, entry: LintCacheEntry) => void;

const findingsText = (findings: string | Uint8Array): string => (typeof findings === 'string' ? findings : Buffer.from(findings.buffer, findings.byteOffset, findings.byteLength).toString('utf8'));

/**
 * The entries of a cache, by absolute path. The file holds a header line
 * (`{"format":2,"program":"…"}`), then a line per file: its path as JSON, a tab, its key, a
 * tab, its findings as JSON (JSON text holds no raw tab or line break). The main thread's cache
 * is read from that file (`openLintCache`) and written anew through a temporary file: new
 * entries as they are found, then at the end the old entries not found again whose files are
 * still there, then a rename (`finish`), so a run does not hold its new findings. A lint worker's
 * cache holds the entries of the files it was sent, and what it found goes back to the main thread.
 */
export class LintCache implements LintResultCache {
  /** The files this run asked about: they are there (the others are looked for before the end). */
  private readonly seen = new Set<string>();
  /** The files a new entry was written for. */
  private readonly written = new Set<string>();
  private readonly sink: EntrySink;
  private readonly workerAnswers = new Map<string, LintCacheEntry>();

  /**
   * @param entries the entries read, by absolute path.
   * @param foreign why the file at the cache's place must not be written over (it is not a
   *   cache), if it must not: a mistyped `--cache-location` never costs a file its contents.
   * @param sink where new entries go; by default, kept for `addedFor` (a worker's answer).
   */
  constructor(
    private readonly entries: Map<string, StoredEntry> = new Map(),
    readonly foreign?: string,
    sink?: EntrySink,
  ) {
    this.sink = sink ?? ((file, entry) => this.workerAnswers.set(file, entry));
  }

  key(text: DecodedText, env: FileEnvironment, options: CheckOptions): string | undefined {
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
    const absolute = path.resolve(file);
    this.seen.add(absolute);
    const entry = this.entries.get(absolute);
    if (entry?.key !== key) return undefined;
    // A cache file edited by hand may hold anything: only findings of the right shape are taken.
    try {
      const findings: unknown = JSON.parse(findingsText(entry.findings));
      return isFindings(findings) ? findings : undefined;
    } catch {
      return undefined;
    }
  }

  set(file: string, key: string, findings: CachedFindings): void {
    this.keep(file, { key, findings: JSON.stringify(findings) });
  }

  /** The entry of `file`, to send with it to a worker (as text: a view of the file's bytes would take all of them along). */
  entry(file: string): LintCacheEntry | undefined {
    const absolute = path.resolve(file);
    this.seen.add(absolute);
    const entry = this.entries.get(absolute);
    return entry && { key: entry.key, findings: findingsText(entry.findings) };
  }

  /** A new entry for `file` (found here, or by a worker); a file named twice in a run is written once. */
  keep(file: string, entry: LintCacheEntry): void {
    const absolute = path.resolve(file);
    if (this.written.has(absolute)) return;
    this.written.add(absolute);
    this.sink(absolute, entry);
  }

  /** The entry found for `file` here, if any (what a worker sends back). */
  addedFor(file: string): LintCacheEntry | undefined {
    return this.workerAnswers.get(path.resolve(file));
  }

  get changed(): boolean {
    return this.written.size > 0;
  }

  /** The old entries a new cache file keeps: those not found again whose files are still there. */
  *keptEntries(): Iterable<[string, StoredEntry]> {
    for (const [file, entry] of this.entries) {
      if (this.written.has(file) || (!this.seen.has(file) && !existsSync(file))) continue;
      yield [file, entry];
    }
  }
}

/** One line of the cache file (see `LintCache`), as bytes. */
function entryLine(file: string, entry: StoredEntry): Buffer {
  const head = Buffer.from(`${JSON.stringify(file)}\t${entry.key}\t`);
  const findings = typeof entry.findings === 'string' ? Buffer.from(entry.findings) : entry.findings;
  return Buffer.concat([head, findings, NEWLINE]);
}
const NEWLINE = Buffer.from('\n');

/**
 * Writes a new cache file while a run goes: new entries as they are found, through a buffer, to
 * a temporary file beside `location`; `finish` adds the old entries kept and renames it over
 * `location` (a reader never sees half a cache). A failure to write stops the writing: the run
 * goes on, and `finish` reports it.
 */
export class LintCacheWriter {
  private fd: number | undefined;
  private buffer: Buffer[] = [];
  private buffered = 0;
  private failure: Error | undefined;
  private readonly temporary: string;

  constructor(private readonly location: string) {
    this.temporary = `${location}.${process.pid}.tmp`;
  }

  /** The sink to give a `LintCache`. */
  readonly add: EntrySink = (file, entry) => this.write(entryLine(file, entry));

  private write(line: Buffer): void {
    if (this.fd === undefined && !this.failure) this.open();
    if (this.failure) return;
    this.buffer.push(line);
    this.buffered += line.length;
    if (this.buffered >= 1 << 20) this.flush();
  }

  /** The temporary file, with its header, made at the first entry. */
  private open(): void {
    removeStaleTemporaries(this.location);
    try {
      this.fd = openSync(this.temporary, 'w');
      writeFileSync(this.fd, `${JSON.stringify({ format: FORMAT, program: programKey() })}\n`);
    } catch (error) {
      this.failure = error as Error;
      this.discard();
    }
  }

  private flush(): void {
    if (this.failure || this.fd === undefined || !this.buffer.length) return;
    try {
      // writeFileSync on a descriptor writes everything (writeSync may write less and say so).
      writeFileSync(this.fd, Buffer.concat(this.buffer));
    } catch (error) {
      this.failure = error as Error;
      this.discard();
    }
    this.buffer = [];
    this.buffered = 0;
  }

  /** Adds the old entries `cache` keeps and puts the new file in place; throws what went wrong. */
  finish(cache: LintCache): void {
    for (const [file, entry] of cache.keptEntries()) this.write(entryLine(file, entry));
    this.flush();
    if (this.failure) throw this.failure;
    if (this.fd === undefined) return;
    try {
      closeSync(this.fd);
      this.fd = undefined;
      renameSync(this.temporary, this.location);
    } catch (error) {
      this.discard();
      throw error;
    }
  }

  /** Removes the temporary file (a run that writes no cache). */
  discard(): void {
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        // Already closed or never opened: nothing to keep.
      }
      this.fd = undefined;
    }
    rmSync(this.temporary, { force: true });
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
  let location = path.resolve(option);
  try {
    if (statSync(location).isDirectory()) return path.join(location, LINT_CACHE_FILE);
  } catch {
    // Not there yet (or a link to nothing yet): the file to write.
  }
  // A link to the cache: the file it points to is read and replaced, not the link.
  for (let hops = 0; hops < 40; hops++) {
    try {
      if (!lstatSync(location).isSymbolicLink()) break;
      location = path.resolve(path.dirname(location), readlinkSync(location));
    } catch {
      break;
    }
  }
  return location;
}

/**
 * Removes the temporary files of runs that were killed before they could (`<location>.<pid>.tmp`
 * whose process is gone); those of runs still going are left to them.
 */
function removeStaleTemporaries(location: string): void {
  const prefix = `${path.basename(location)}.`;
  let names: string[];
  try {
    names = readdirSync(path.dirname(location));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(name.slice(prefix.length, -'.tmp'.length));
    if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) continue;
    try {
      // Signal 0 only asks whether the process is there.
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') rmSync(path.join(path.dirname(location), name), { force: true });
    }
  }
}

/**
 * The cache at `location`: an empty one when there is none yet (or an empty file), or when
 * another build of `cable` (or Node) wrote it: the run then lints every file and writes it anew.
 * A file there that is not a cache, or cannot be read, gives an empty cache that is `foreign`.
 * A line that cannot be read is left out.
 */
export function openLintCache(location: string, sink?: EntrySink): LintCache {
  let bytes: Buffer;
  try {
    // Opened as the cables are (a FIFO there is refused, not waited on); read as bytes, not one
    // string: a cache may be larger than the longest string V8 makes.
    const fd = openRegularFileSync(location);
    try {
      bytes = readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new LintCache(undefined, undefined, sink);
    return new LintCache(undefined, `cannot be read (${(error as Error).message})`, sink);
  }
  // A byte order mark that an editor added.
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (bytes.length === start) return new LintCache(undefined, undefined, sink);
  const headerEnd = bytes.indexOf(0x0a, start);
  let header: unknown;
  try {
    header = JSON.parse(bytes.toString('utf8', start, headerEnd < 0 ? bytes.length : headerEnd));
  } catch {
    return new LintCache(undefined, 'is not a cable lint cache', sink);
  }
  if (!isObject(header) || typeof header.format !== 'number' || typeof header.program !== 'string') return new LintCache(undefined, 'is not a cable lint cache', sink);
  const entries = new Map<string, StoredEntry>();
  if (header.format === FORMAT && header.program === programKey()) {
    // In UTF-8 no longer character holds the byte of a tab or a line break: split on the bytes.
    for (let at = headerEnd + 1; headerEnd >= 0 && at < bytes.length; ) {
      const lineEnd = bytes.indexOf(0x0a, at);
      const end = lineEnd < 0 ? bytes.length : lineEnd;
      const firstTab = bytes.indexOf(0x09, at);
      const secondTab = firstTab < 0 ? -1 : bytes.indexOf(0x09, firstTab + 1);
      if (secondTab >= 0 && secondTab < end) {
        try {
          const file: unknown = JSON.parse(bytes.toString('utf8', at, firstTab));
          if (typeof file === 'string') entries.set(file, { key: bytes.toString('latin1', firstTab + 1, secondTab), findings: bytes.subarray(secondTab + 1, end) });
        } catch {
          // A line edited by hand: that file is linted again.
        }
      }
      at = end + 1;
    }
  }
  return new LintCache(entries, undefined, sink);
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
