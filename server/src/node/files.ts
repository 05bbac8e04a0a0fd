/**
 * File access for the CLI and the workspace index: reading a cable (bytes, decoded text and
 * what is needed to write it back unchanged) and walking folders for `*.cable` files.
 */
import { closeSync, constants, fstatSync, openSync, promises as fs, readFileSync, readSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { globMatches } from '../core/config/glob';
import { decodeBytes, type DecodedText } from '../core/text/decode';
import { pushAll } from '../core/util/arrays';

export interface CableFile extends DecodedText {
  path: string;
  bytes: Uint8Array;
  mtimeMs: number;
}

export class FileError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** Files larger than this are refused by the CLI (the editor has its own limit, `cable.maxFileSize`). */
export const MAX_CLI_FILE_BYTES = 512 * 1024 * 1024;

/**
 * Opening never waits: a FIFO named `*.cable` would otherwise block the CLI or the server
 * until something writes to it. The kind is checked on the open handle (no race with a
 * rename between a stat and the open).
 */
const OPEN_WITHOUT_WAITING = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export async function readCableFile(file: string, maxBytes = MAX_CLI_FILE_BYTES): Promise<CableFile> {
  let stat: Stats;
  let bytes: Uint8Array;
  try {
    const handle = await fs.open(file, OPEN_WITHOUT_WAITING);
    try {
      stat = await handle.stat();
      checkKindAndSize(file, stat, maxBytes);
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof FileError) throw error;
    throw new FileError(file, describeIoError(error));
  }
  return cableFile(file, stat, bytes);
}

/**
 * The same, blocking: for the CLI and its workers, which have nothing else to do meanwhile
 * and for which the thread-pool round trips of the asynchronous calls cost more than the read.
 */
export function readCableFileSync(file: string): CableFile {
  return withRegularFileSync(file, (fd, stat) => cableFile(file, stat, readOpenFileSync(fd, stat.size)));
}

/**
 * A cable's text only (`cable lint`, `cable parse`, `cable stats`), blocking: the bytes go into
 * one buffer that every such read of the thread reuses (a buffer a file cost about a quarter of
 * the read), since nothing writes these files back. It must stay synchronous: the buffer is
 * free again only because nothing runs between the read and the decoding.
 */
export function readCableTextSync(file: string): DecodedText {
  return withRegularFileSync(file, (fd, { size }) => {
    if (size === 0 || size > SCRATCH_MAX_BYTES) return decodeCable(file, readOpenFileSync(fd, size));
    if (!scratch || size > scratch.length) scratch = Buffer.allocUnsafe(Math.max(size, SCRATCH_FIRST_BYTES));
    // The decoded text is a string of its own: nothing returned keeps the buffer.
    return decodeCable(file, scratch.subarray(0, readInto(fd, scratch, size)));
  });
}

/**
 * Opens `file` (a regular file the CLI reads), gives its handle and stat to `read`, and closes
 * it; any failure but a FileError becomes one, in the words a user reads.
 */
function withRegularFileSync<T>(file: string, read: (fd: number, stat: Stats) => T): T {
  try {
    const opened = openRegularFileWithStatSync(file, MAX_CLI_FILE_BYTES);
    try {
      return read(opened.fd, opened.stat);
    } finally {
      closeSync(opened.fd);
    }
  } catch (error) {
    if (error instanceof FileError) throw error;
    throw new FileError(file, describeIoError(error));
  }
}

/**
 * The reused buffer of `readCableTextSync`, one per thread (each `--jobs` worker loads this
 * module anew), made on the first read (the browser build loads this module without a
 * Buffer) and kept for the life of the thread, grown to the largest file read up to
 * `SCRATCH_MAX_BYTES` (a larger file gets a buffer of its own).
 */
let scratch: Buffer | undefined;
const SCRATCH_FIRST_BYTES = 256 * 1024;
const SCRATCH_MAX_BYTES = 16 * 1024 * 1024;

/** Reads up to `size` bytes of `fd` into the start of `buffer`; how many it read (fewer if the file shrank). */
function readInto(fd: number, buffer: Uint8Array, size: number): number {
  let length = 0;
  while (length < size) {
    const read = readSync(fd, buffer, length, size - length, null);
    if (read === 0) break;
    length += read;
  }
  return length;
}

/**
 * The bytes of an open regular file of `size` bytes (as its stat said): what `readFileSync(fd)`
 * reads, without the second stat it makes. A file that reports no size (some files of /proc)
 * is read to its end by `readFileSync`.
 */
function readOpenFileSync(fd: number, size: number): Uint8Array {
  if (size === 0) return readFileSync(fd);
  const buffer = Buffer.allocUnsafe(size);
  const length = readInto(fd, buffer, size);
  return length < size ? buffer.subarray(0, length) : buffer;
}

/** Opens a regular file of at most `maxBytes` for reading, without waiting on a FIFO; throws for anything else. */
export function openRegularFileSync(file: string, maxBytes = Infinity): number {
  return openRegularFileWithStatSync(file, maxBytes).fd;
}

/** The same, with the stat it checked (one stat a file). */
function openRegularFileWithStatSync(file: string, maxBytes: number): { fd: number; stat: Stats } {
  const fd = openSync(file, OPEN_WITHOUT_WAITING);
  try {
    const stat = fstatSync(fd);
    checkKindAndSize(file, stat, maxBytes);
    return { fd, stat };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** A small text file (a config or a code table) read only if it is a regular file of at most `maxBytes`. */
export async function readRegularTextFile(file: string, maxBytes: number): Promise<string> {
  const handle = await fs.open(file, OPEN_WITHOUT_WAITING);
  try {
    checkKindAndSize(file, await handle.stat(), maxBytes);
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

function checkKindAndSize(file: string, stat: Stats, maxBytes: number): void {
  if (stat.isDirectory()) throw new FileError(file, 'is a directory');
  if (!stat.isFile()) throw new FileError(file, 'is not a regular file (a FIFO, socket or device); not read');
  if (stat.size > maxBytes) throw new FileError(file, `is ${stat.size} bytes, more than the ${maxBytes} this tool reads`);
}

function cableFile(file: string, stat: Stats, bytes: Uint8Array): CableFile {
  return { ...decodeCable(file, bytes), path: file, bytes, mtimeMs: stat.mtimeMs };
}

/** The text of a cable's bytes, or a FileError for UTF-16 and binary input: one check for files and standard input. */
export function decodeCable(name: string, bytes: Uint8Array): DecodedText {
  // UTF-16 would otherwise read as binary (its ASCII has NUL bytes): say what to do instead.
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new FileError(name, 'is UTF-16 text; cables are read as UTF-8 (or Windows-1252): save it as UTF-8');
  }
  const decoded = decodeBytes(bytes);
  if (decoded.binary) throw new FileError(name, 'is a binary file, not a cable (it contains NUL or control bytes)');
  return decoded;
}

/** Standard input, read and checked like a file (`<stdin>` in messages). */
export async function readCableStdin(): Promise<DecodedText> {
  return decodeCable('<stdin>', await readStdin());
}

export async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'EMFILE':
      return 'too many open files';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn']);

/** Called for a folder that cannot be listed (its cables cannot be read): the CLI reports it. */
export type UnlistableFolder = (dir: string, reason: string) => void;

export interface ExpandOptions {
  onUnlistable?: UnlistableFolder;
  /** Called for a glob that matches no cable. */
  onNoMatch?: (glob: string) => void;
  /** Read `.gitignore` and `.cableignore` files in the folders walked (default true; `--no-ignore`). */
  ignoreFiles?: boolean;
}

const GLOB_CHARACTERS = /[*?[{]/;

/**
 * The files named, with folders replaced by the `*.cable` files below them and globs
 * (`"archive/**\/*.cable"`, quoted so the shell leaves them, as Windows shells always do) by
 * the cables they match, each group sorted so output is stable. In the folders walked, the
 * `.gitignore` and `.cableignore` files leave out what they name (gitignore syntax, read by
 * the `ignore` package; those of the folders above, up to the repository's root, apply too,
 * unless they leave out the named folder itself); a file named explicitly is always read. `-` stands for standard input. Names that do not
 * exist are kept, so the caller reports them. A file named twice, also found in a folder
 * named (`d d/a.cable`), or also reached through a link, is listed once (by its real path),
 * where it first comes.
 */
export async function expandPaths(paths: string[], options: ExpandOptions | UnlistableFolder = {}): Promise<string[]> {
  const opts: ExpandOptions = typeof options === 'function' ? { onUnlistable: options } : options;
  const out: string[] = [];
  // Each file's real path, so that a file named twice, or also reached through a link, is listed once.
  const realPaths = new Map<string, string>();
  for (const p of paths) {
    if (p === '-') {
      out.push(p);
      continue;
    }
    let stat;
    try {
      stat = await fs.stat(p);
    } catch {
      if (!GLOB_CHARACTERS.test(p)) {
        out.push(p);
        continue;
      }
      const matched = await expandGlob(p, opts, realPaths);
      if (!matched.length) opts.onNoMatch?.(p);
      pushAll(out, matched);
      continue;
    }
    if (stat.isDirectory()) pushAll(out, await walk(p, opts, realPaths));
    else {
      out.push(p);
      realPaths.set(p, await fs.realpath(p).catch(() => path.resolve(p)));
    }
  }
  const seen = new Set<string>();
  return out.filter((file) => {
    const key = realPaths.get(file) ?? (file === '-' ? file : path.resolve(file));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The cables a glob matches: the folder before its first wildcard is walked, only as deep as
 * the rest of the glob reaches (`*` stays within a folder, as a shell's does; `**` goes down
 * any number), and the rest matched against the paths below it.
 */
async function expandGlob(glob: string, options: ExpandOptions, realPaths: Map<string, string>): Promise<string[]> {
  const slashed = glob.split(path.sep).join('/');
  const segments = slashed.split('/');
  const firstWild = segments.findIndex((segment) => GLOB_CHARACTERS.test(segment));
  const base = segments.slice(0, firstWild).join('/') || (slashed.startsWith('/') ? '/' : '.');
  const rest = segments.slice(firstWild);
  if (!(await exists(base))) return [];
  const depth = rest.includes('**') ? Infinity : rest.length - 1;
  const pattern = rest.join('/');
  const files = await walk(base, options, realPaths, depth);
  return files.filter((file) => globMatches(pattern, path.relative(base, file).split(path.sep).join('/')));
}

/** The cables below `dir`, sorted; their real paths go to `realPaths` (a link's is its cable's). */
async function walk(dir: string, options: ExpandOptions, realPaths: Map<string, string>, maxDepth = Infinity): Promise<string[]> {
  const out: string[] = [];
  const ignored = options.ignoreFiles === false ? undefined : await IgnoreFiles.above(dir);
  const links = new Map<string, string>();
  for await (const files of cableFolders([dir], options.onUnlistable, ignored, maxDepth, links)) pushAll(out, files);
  // Links to folders are not followed, so a file that is no link is where its folder is.
  const realDir = await fs.realpath(dir).catch(() => path.resolve(dir));
  for (const file of out) realPaths.set(file, links.get(file) ?? path.join(realDir, path.relative(dir, file)));
  return out.sort();
}

const IGNORE_FILES = ['.gitignore', '.cableignore'];

/**
 * The `.gitignore` and `.cableignore` files met on the way down (and those above the walk's
 * root, up to the repository's root): each applies to the paths below its own folder, the
 * deepest one that has a say deciding, as in git.
 */
export class IgnoreFiles {
  /** The folders whose ignore files were read. */
  private readonly read = new Set<string>();
  /** Those that had rules, shortest path first (so a deeper file's rules come last and win). */
  private readonly matchers: { dir: string; prefix: string; matcher: Ignore }[] = [];

  static async above(root: string): Promise<IgnoreFiles> {
    const files = new IgnoreFiles();
    // The folders above the root count only inside a repository (up to the folder holding `.git`).
    const above: string[] = [];
    // The named folder is a repository of its own (a submodule, say): nothing above it applies.
    if (await exists(path.join(root, '.git'))) return files;
    for (let dir = path.dirname(path.resolve(root)); ; dir = path.dirname(dir)) {
      above.push(dir);
      if (await exists(path.join(dir, '.git'))) {
        for (const folder of above) await files.readFolder(folder);
        // A folder named on the command line is read even when those files leave it out (a
        // cable archive is often kept out of git): then they do not apply at all.
        if (files.ignores(root, true)) files.matchers.length = 0;
        break;
      }
      if (path.dirname(dir) === dir) break;
    }
    return files;
  }

  /** Reads the ignore files of a folder (once). */
  async readFolder(dir: string): Promise<void> {
    const key = path.resolve(dir);
    if (this.read.has(key)) return;
    this.read.add(key);
    let matcher: Ignore | undefined;
    for (const name of IGNORE_FILES) {
      let text: string;
      try {
        text = await readRegularTextFile(path.join(key, name), 1024 * 1024);
      } catch {
        continue;
      }
      matcher ??= ignore();
      matcher.add(text);
    }
    if (!matcher) return;
    // (`C:\\` and `/` end with the separator already.)
    this.matchers.push({ dir: key, prefix: key.endsWith(path.sep) ? key : key + path.sep, matcher });
    this.matchers.sort((a, b) => a.dir.length - b.dir.length);
  }

  /** Whether `file` (a folder when `isFolder`) is left out by the ignore files read so far. */
  ignores(file: string, isFolder = false): boolean {
    const full = path.resolve(file);
    let verdict = false;
    // From the root down: a deeper file's rule (or negation) overrides.
    for (const { dir, prefix, matcher } of this.matchers) {
      if (!full.startsWith(prefix)) continue;
      const relative = path.relative(dir, full).split(path.sep).join('/') + (isFolder ? '/' : '');
      const result = matcher.test(relative);
      if (result.ignored) verdict = true;
      else if (result.unignored) verdict = false;
    }
    return verdict;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.stat(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * The `*.cable` files below `roots` (version-control and node_modules folders skipped), one
 * folder's files at a time: the workspace index works through a folder before it lists the
 * next. A folder that cannot be listed is passed over and given to `onUnlistable`. Links to
 * folders are not followed (a link may lead back up the tree). With `links` (the CLI), a link
 * named `*.cable` that leads to a file is listed too, its real path put in `links` (a link to
 * a folder, or to nothing, is passed over), and so is a FIFO, socket or device so named,
 * which the reader then reports instead of passing it over in silence; without (the
 * workspace index), regular files only.
 */
export async function* cableFolders(
  roots: string[],
  onUnlistable?: UnlistableFolder,
  ignoreFiles?: IgnoreFiles,
  maxDepth = Infinity,
  links?: Map<string, string>,
): AsyncGenerator<string[]> {
  const stack = roots.map((dir) => ({ dir, depth: 0 }));
  while (stack.length) {
    const { dir, depth } = stack.pop() as { dir: string; depth: number };
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      onUnlistable?.(dir, describeIoError(error));
      continue;
    }
    if (ignoreFiles && entries.some((e) => IGNORE_FILES.includes(e.name))) await ignoreFiles.readFolder(dir);
    const files: string[] = [];
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (depth < maxDepth && !SKIPPED_DIRECTORIES.has(entry.name) && !ignoreFiles?.ignores(full, true)) stack.push({ dir: full, depth: depth + 1 });
      } else if (!entry.name.endsWith('.cable') || ignoreFiles?.ignores(full)) {
        continue;
      } else if (entry.isFile()) files.push(full);
      else if (links && entry.isSymbolicLink()) {
        const target = await fs.stat(full).catch(() => undefined);
        if (!target || target.isDirectory()) continue;
        files.push(full);
        links.set(full, await fs.realpath(full).catch(() => path.resolve(full)));
      } else if (links) files.push(full);
    }
    yield files;
  }
}
