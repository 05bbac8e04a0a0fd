/**
 * The workspace index: every `*.cable` file under the workspace folders, read in the
 * background (never blocking a request, restartable, kept current by file events), keeping
 * a few fields per cable (core/features/workspace.ts), not the tree. Only the head of each
 * file is read: the classification line, subject and REF list are near the top.
 */
import { closeSync, readSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type MessagePort } from 'node:worker_threads';
import type { CableDocument } from '../core/model/cable';
import { indexEntry, type CableIndexEntry } from '../core/features/workspace';
import { parse } from '../core/parser/parse';
import { builtinTables } from '../core/tables/codeTables';
import { decodeBytes } from '../core/text/decode';
import { loadConfigFor } from './configFiles';
import { resolveFileEnvironment, type EditorTables } from './fileEnvironment';
import { cableFolders, openRegularFileSync } from './files';
import type { StationLookup } from '../core/parser/cableIds';

/**
 * How much of each file the index reads and parses: the header, classification line, subject
 * and REF list come first (in the corpus they end within 2.5 KB; long distribution lists
 * make some headers longer).
 */
export const HEAD_BYTES = 16 * 1024;

export interface IndexProgress {
  begin(): void;
  report(done: number): void;
  end(done: number): void;
}

/**
 * Worker threads for large workspaces: the file that runs `runIndexWorker` when started as a
 * worker with `workerData.kind === 'cable-index'` (the server bundle itself), and how many.
 */
export interface IndexWorkers {
  script: string;
  count: number;
}

/**
 * The station lookup each file's ids are read with, as the CLI and the editor check it: the
 * built-in tables, or those its `.cablelintrc.json` and the editor's settings add. Resolved
 * once per folder (a config applies to whole folders) and built once per config.
 */
class IndexTables {
  /** Per folder: its lookup, or the promise of it while it is being resolved. */
  private readonly byFolder = new Map<string, StationLookup | Promise<StationLookup>>();
  private readonly byConfig = new Map<string, Promise<StationLookup>>();
  /** The code-table files read (a change to one means reading the cables again). */
  readonly files = new Set<string>();

  constructor(readonly editor?: EditorTables) {}

  /** The folder's lookup: at once when it is known (most files share a folder with the one before). */
  stationFor(file: string): StationLookup | Promise<StationLookup> {
    const folder = path.dirname(file);
    let station = this.byFolder.get(folder);
    if (!station) {
      station = this.resolve(file).then((lookup) => {
        this.byFolder.set(folder, lookup);
        return lookup;
      });
      this.byFolder.set(folder, station);
    }
    return station;
  }

  private async resolve(file: string): Promise<StationLookup> {
    const config = this.editor?.configFiles === false ? undefined : await loadConfigFor(undefined, file).catch(() => undefined);
    if (!config?.tableFiles.length && !this.editor?.codeTables.length) return builtinTables().station;
    const key = config?.file ?? '';
    let station = this.byConfig.get(key);
    if (!station) {
      station = resolveFileEnvironment(file, { editor: this.editor }).then(
        (env) => {
          for (const table of env.tableFiles) this.files.add(table);
          return env.tables.station;
        },
        () => builtinTables().station,
      );
      this.byConfig.set(key, station);
    }
    return station;
  }
}

/** Files read in this thread before workers are started: small workspaces never start one, and the first answers come at once. */
const IN_THREAD_FILES = 512;
/** Files per message to a worker (a worker holds two batches, so it has work while its results travel back). */
const WORKER_BATCH = 64;

export class WorkspaceIndex {
  private readonly entries = new Map<string, CableIndexEntry>();
  private readonly byId = new Map<string, Set<string>>();
  private readonly citedBy = new Map<string, Set<string>>();
  private generation = 0;
  private running: Promise<void> = Promise.resolve();
  complete = false;
  /** Changes with every entry added or removed (what a view of the index caches by). */
  version = 0;
  /** The last finished scan: files read, and how many of them by worker threads. */
  lastScan: { files: number; byWorkers: number } | undefined;

  constructor(
    private readonly log: (message: string) => void = () => undefined,
    private readonly workers?: IndexWorkers,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  all(): IterableIterator<CableIndexEntry> {
    return this.entries.values();
  }

  get(uri: string): CableIndexEntry | undefined {
    return this.entries.get(uri);
  }

  /** Files holding the cable with this id. */
  filesOf(id: string): string[] {
    return [...(this.byId.get(id) ?? [])];
  }

  /** Cables whose REF list or text cites this id. */
  citing(id: string): CableIndexEntry[] {
    return [...(this.citedBy.get(id) ?? [])].map((uri) => this.entries.get(uri)).filter((e): e is CableIndexEntry => !!e);
  }

  /** Indexes the folders in the background; a new call cancels the previous scan. */
  start(folders: string[], progress?: IndexProgress, editorTables?: EditorTables): Promise<void> {
    const generation = ++this.generation;
    this.complete = false;
    this.tables = new IndexTables(editorTables);
    this.workerTableFiles.clear();
    this.running = this.scan(folders, generation, progress).catch((error) => this.log(`indexing failed: ${String(error)}`));
    return this.running;
  }

  /** The tables of the current scan (and of single-file updates after it). */
  private tables = new IndexTables();
  /** Code-table files the workers read with (they resolve folders of their own). */
  private readonly workerTableFiles = new Set<string>();

  /** Whether `file` is a code table the index read cables with. */
  isTableFile(file: string): boolean {
    const full = path.resolve(file);
    return this.tables.files.has(full) || this.workerTableFiles.has(full);
  }

  /** Resolves when the current scan has finished (or was replaced). */
  whenIdle(): Promise<void> {
    return this.running;
  }

  cancel(): void {
    this.generation++;
  }

  private async scan(folders: string[], generation: number, progress?: IndexProgress): Promise<void> {
    progress?.begin();
    let done = 0;
    let byWorkers = 0;
    const seen = new Set<string>();
    const add = (entry: CableIndexEntry): void => {
      seen.add(entry.uri);
      this.put(entry);
    };
    const pending: string[] = [];
    let pool: WorkerPool | undefined;
    try {
      for await (const files of cableFolders(folders)) {
        if (generation !== this.generation) return;
        pending.push(...files);
        // The first files are read here: a small workspace needs no worker, and a large one
        // answers its first queries at once. The rest go to the workers, if the server has any.
        while (!pool && pending.length) {
          if (this.workers && done >= IN_THREAD_FILES) {
            pool = new WorkerPool(this.workers, this.tables, this.workerTableFiles);
            break;
          }
          // A few files at a time, then the server answers what came meanwhile. The heads are
          // read synchronously: a few KB take microseconds, and the asynchronous calls'
          // thread-pool round trips cost more than the reads (a batch blocks about a millisecond).
          const batch = pending.splice(0, 32);
          for (const entry of await readEntries(batch, this.tables)) add(compact(entry));
          done += batch.length;
          progress?.report(done);
          await new Promise((resolve) => setImmediate(resolve));
          if (generation !== this.generation) return;
        }
        if (pool) {
          while (pending.length >= WORKER_BATCH) pool.send(pending.splice(0, WORKER_BATCH));
        }
      }
      if (pool) {
        if (pending.length) pool.send(pending.splice(0));
        await pool.drain((entries, count, byWorker) => {
          if (generation !== this.generation) return false;
          for (const entry of entries) add(entry);
          done += count;
          if (byWorker) byWorkers += count;
          progress?.report(done);
          return true;
        });
        if (generation !== this.generation) return;
      }
    } finally {
      void pool?.close();
    }
    // Files gone since the last scan.
    for (const uri of [...this.entries.keys()]) if (!seen.has(uri) && uri.startsWith('file:')) this.remove(uri);
    this.complete = true;
    this.lastScan = { files: done, byWorkers };
    progress?.end(done);
  }

  /** Re-reads one file (created or changed on disk). */
  async update(file: string): Promise<void> {
    const [entry] = await readEntries([file], this.tables);
    if (entry) this.put(compact(entry));
    else this.remove(pathToFileURL(file).toString());
  }

  /** Takes an open document's tree (fresher than the file on disk). */
  updateFromDocument(uri: string, doc: CableDocument): void {
    this.put(indexEntry(doc, uri));
  }

  remove(uri: string): void {
    if (this.drop(uri)) this.version++;
  }

  /** Takes a file's entry out of the maps (false: there was none). */
  private drop(uri: string): boolean {
    const old = this.entries.get(uri);
    if (!old) return false;
    this.entries.delete(uri);
    if (old.id) this.byId.get(old.id)?.delete(uri);
    for (const id of old.cites) this.citedBy.get(id)?.delete(uri);
    return true;
  }

  /** One string per distinct tag: 250,000 cables share a few thousand tags. */
  private readonly tagStrings = new Map<string, string>();

  private put(entry: CableIndexEntry): void {
    const old = this.entries.get(entry.uri);
    // An open document re-read at every keystroke mostly leaves its entry as it was: the views keep theirs.
    const unchanged = old !== undefined && sameFields(old, entry);
    this.drop(entry.uri);
    entry.tags = entry.tags.map((tag) => {
      const known = this.tagStrings.get(tag);
      if (known !== undefined) return known;
      const own = fresh(tag);
      this.tagStrings.set(own, own);
      return own;
    });
    if (!unchanged) this.version++;
    this.entries.set(entry.uri, entry);
    if (entry.id) {
      let set = this.byId.get(entry.id);
      if (!set) this.byId.set(entry.id, (set = new Set()));
      set.add(entry.uri);
    }
    for (const id of entry.cites) {
      let set = this.citedBy.get(id);
      if (!set) this.citedBy.set(id, (set = new Set()));
      set.add(entry.uri);
    }
  }
}

/** Whether two entries of a file say the same to the views (positions aside: the views read those from the index when they answer). */
function sameFields(a: CableIndexEntry, b: CableIndexEntry): boolean {
  const same = (x: readonly unknown[], y: readonly unknown[]): boolean => x.length === y.length && x.every((v, k) => v === y[k]);
  return (
    a.id === b.id &&
    a.subject === b.subject &&
    a.origin === b.origin &&
    a.date === b.date &&
    a.classification === b.classification &&
    same(a.tags, b.tags) &&
    same(a.cites, b.cites)
  );
}

/** The index entry of a file, or undefined when it cannot be read. */
function readEntry(file: string, station: StationLookup): CableIndexEntry | undefined {
  let head: string;
  try {
    head = readHeadSync(file);
  } catch {
    return undefined;
  }
  return indexEntry(parseHead(head, file, station), pathToFileURL(file).toString());
}

/**
 * Index workers: each takes batches of files and answers with their entries (copied across
 * the thread boundary, so the strings no longer point into the file's text). A worker holds
 * at most two batches. A worker that fails gives its batches back; without workers left, the
 * rest is read in this thread.
 */
class WorkerPool {
  private readonly slots: { worker: Worker; batches: string[][] }[] = [];
  private readonly queue: string[][] = [];
  private onEntries: ((entries: CableIndexEntry[], count: number, byWorker: boolean) => boolean) | undefined;
  private finished: (() => void) | undefined;
  private readonly answered: [CableIndexEntry[], number, boolean][] = [];
  private stopped = false;

  constructor(
    options: IndexWorkers,
    /** The scan's tables: the workers are given its editor tables, and a rest read here uses it. */
    private readonly tables: IndexTables,
    /** Where the code-table files the workers read are added. */
    private readonly tableFiles: Set<string>,
  ) {
    const editorTables = tables.editor;
    for (let k = 0; k < Math.max(1, options.count); k++) {
      // A small young generation: a head's tree dies at once, and the index must stay small.
      const slot = { worker: new Worker(options.script, { workerData: { kind: 'cable-index', editorTables }, resourceLimits: { maxYoungGenerationSizeMb: 8 } }), batches: [] as string[][] };
      slot.worker.on('message', (message: { entries: CableIndexEntry[]; count: number; tableFiles: string[] }) => {
        slot.batches.shift();
        for (const table of message.tableFiles) this.tableFiles.add(table);
        this.deliver(message.entries, message.count, true);
        this.pump();
      });
      const fail = (): void => {
        if (!this.slots.includes(slot)) return;
        this.slots.splice(this.slots.indexOf(slot), 1);
        this.queue.unshift(...slot.batches);
        void slot.worker.terminate();
        this.pump();
      };
      slot.worker.on('error', fail);
      slot.worker.on('exit', fail);
      this.slots.push(slot);
    }
  }

  send(files: string[]): void {
    this.queue.push(files);
    this.pump();
  }

  /** Hands every entry to `onEntries` until all batches are answered (or it returns false). */
  drain(onEntries: (entries: CableIndexEntry[], count: number, byWorker: boolean) => boolean): Promise<void> {
    return new Promise<void>((resolve) => {
      this.onEntries = onEntries;
      this.finished = resolve;
      for (const [entries, count, byWorker] of this.answered.splice(0)) this.deliver(entries, count, byWorker);
      this.pump();
    });
  }

  close(): Promise<unknown> {
    this.stopped = true;
    return Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()));
  }

  private deliver(entries: CableIndexEntry[], count: number, byWorker: boolean): void {
    if (this.stopped) return;
    if (!this.onEntries) this.answered.push([entries, count, byWorker]);
    else if (!this.onEntries(entries, count, byWorker)) {
      this.stopped = true;
      this.finished?.();
    }
  }

  private pump(): void {
    if (this.stopped) return;
    for (const slot of this.slots) {
      while (slot.batches.length < 2 && this.queue.length) {
        const batch = this.queue.shift() as string[];
        slot.batches.push(batch);
        slot.worker.postMessage(batch);
      }
    }
    if (!this.onEntries) return;
    if (!this.slots.length && this.queue.length) {
      // No worker left: read the rest here, a batch at a time, yielding in between.
      const batch = this.queue.shift() as string[];
      void readEntries(batch, this.tables).then((entries) =>
        setImmediate(() => {
          this.deliver(entries.map(compact), batch.length, false);
          this.pump();
        }),
      );
      return;
    }
    if (!this.queue.length && this.slots.every((slot) => !slot.batches.length)) {
      this.stopped = true;
      this.finished?.();
    }
  }
}

async function readEntries(files: string[], tables: IndexTables): Promise<CableIndexEntry[]> {
  const entries: CableIndexEntry[] = [];
  for (const file of files) {
    const station = tables.stationFor(file);
    const entry = readEntry(file, station instanceof Promise ? await station : station);
    if (entry) entries.push(entry);
  }
  return entries;
}

/** The body of an index worker thread: files in, entries out (`data` is its workerData). */
export function runIndexWorker(port: MessagePort, data?: { editorTables?: EditorTables }): void {
  const tables = new IndexTables(data?.editorTables);
  // Batches are answered in order: the next waits for the one before.
  let previous: Promise<void> = Promise.resolve();
  port.on('message', (files: string[]) => {
    previous = previous.then(async () => port.postMessage({ entries: await readEntries(files, tables), count: files.length, tableFiles: [...tables.files] }));
  });
}

/**
 * The part of a file the index parses, read synchronously (see `scan`: a few KB take
 * microseconds): its first 4 KB (most heads end there), or up to 16 KB when no numbered
 * paragraph starts before. Only the bytes up to the first numbered paragraph are decoded.
 */
export function readHeadSync(file: string): string {
  const fd = openRegularFileSync(file);
  try {
    const buffer = (headBuffer ??= Buffer.allocUnsafe(HEAD_BYTES));
    let length = readSync(fd, buffer, 0, FIRST_READ_BYTES, 0);
    let cut = firstParagraphAt(buffer, length);
    if (cut < 0 && length === FIRST_READ_BYTES) {
      length += readSync(fd, buffer, length, HEAD_BYTES - length, length);
      cut = firstParagraphAt(buffer, length);
    }
    return decodeHead(buffer, length, cut);
  } finally {
    closeSync(fd);
  }
}

const FIRST_READ_BYTES = 4 * 1024;

/**
 * One buffer per thread for every head read: the head is decoded into a string before the
 * next read, and a fresh 16 KB buffer per file (outside the small-buffer pool) was 4 GB of
 * allocations over 250,000 files. Made on first use: the web build loads this module too,
 * and its `Buffer` stand-in has no `allocUnsafe`.
 */
let headBuffer: Buffer | undefined;

/**
 * Where paragraph 1 starts (`¶1.`, `1. (`, `1.(`, `1.  (` after a line break), searched in
 * the bytes: the pilcrow is C2 B6 in UTF-8 and B6 in Windows-1252.
 */
const FIRST_PARAGRAPH = [[0x0a, 0xc2, 0xb6, 0x31, 0x2e], [0x0a, 0xb6, 0x31, 0x2e], '\n1. (', '\n1.(', '\n1.  ('].map((m) => Buffer.from(m as string));

function firstParagraphAt(buffer: Buffer, length: number): number {
  const read = buffer.subarray(0, length);
  let cut = -1;
  for (const marker of FIRST_PARAGRAPH) {
    const at = read.indexOf(marker);
    if (at > 0 && (cut < 0 || at < cut)) cut = at;
  }
  return cut;
}

function decodeHead(buffer: Buffer, length: number, cut: number): string {
  let end = cut >= 0 ? cut : length;
  // A cut head may split a UTF-8 character: stop at the last line break instead.
  if (cut < 0 && length === HEAD_BYTES) {
    const lf = buffer.lastIndexOf(10, length - 1);
    if (lf > 0) end = lf + 1;
  }
  return decodeBytes(buffer.subarray(0, end)).text;
}

/**
 * Parses the head of a file (`readHeadSync`): the classification line, subject and REF list
 * come before paragraph 1. Only the index's fields are complete (`ParseOptions.forIndex`).
 */
export function parseHead(text: string, fileName?: string, station: StationLookup = builtinTables().station): CableDocument {
  return parse(text, { station, fileName, forIndex: true });
}

/**
 * A copy of the entry whose strings no longer point into the file's text: V8 keeps a whole
 * string alive for any slice of it, and the index must not hold every head it has read.
 */
function compact(entry: CableIndexEntry): CableIndexEntry {
  return {
    ...entry,
    id: fresh(entry.id),
    subject: fresh(entry.subject),
    origin: fresh(entry.origin),
    date: fresh(entry.date),
    classification: fresh(entry.classification),
    cites: entry.cites.map((id) => fresh(id) as string),
  };
}

function fresh<T extends string | undefined>(s: T): T {
  return (s === undefined ? s : Buffer.from(s, 'utf8').toString('utf8')) as T;
}
