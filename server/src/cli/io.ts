import { expandPaths } from '../node/files';

/** Where the CLI writes: standard output gathered into large writes, standard error at once. */
export interface Io {
  /** Text, or bytes already encoded (a fixed standard input, in its own encoding). */
  out(text: string | Uint8Array): void;
  err(text: string): void;
  /** Standard output is a terminal (colour by default). */
  terminal?: boolean;
}

/**
 * Standard output gathered into writes of 64 KB (a write per finding or per file costs more
 * than linting the file), flushed by the first write 200 ms after the last flush (so a long
 * run still shows progress), before anything goes to standard error, and when the command
 * ends (`flushOutput`).
 */
const OUTPUT_CHUNK = 64 * 1024;
const OUTPUT_INTERVAL_MS = 200;
let pending: string[] = [];
let pendingLength = 0;
let lastFlush = Date.now();

export function flushOutput(): void {
  if (pendingLength) process.stdout.write(pending.join(''));
  pending = [];
  pendingLength = 0;
  lastFlush = Date.now();
}

export const processIo: Io = {
  terminal: process.stdout.isTTY === true,
  out: (text) => {
    if (typeof text !== 'string') {
      flushOutput();
      process.stdout.write(text);
      return;
    }
    pending.push(text);
    pendingLength += text.length;
    if (pendingLength >= OUTPUT_CHUNK || Date.now() - lastFlush >= OUTPUT_INTERVAL_MS) flushOutput();
  },
  err: (text) => {
    flushOutput();
    process.stderr.write(text);
  },
};

/**
 * A file name as the text outputs print it: control characters (a newline in a name would
 * forge an output line) written as escapes, `\\n`, `\\t`, `\\u001b`.
 */
export function shownName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/**
 * The cables the PATHs name (folders walked, globs expanded, ignore files applied unless
 * `ignoreFiles` is false), with each folder that cannot be listed and each glob that matches
 * nothing reported on standard error; `listed` is false when there was any (exit status 2).
 */
export async function listCables(paths: string[], io: Io, options: { ignoreFiles: boolean; verb?: 'read' | 'fixed' }): Promise<{ files: string[]; listed: boolean }> {
  let listed = true;
  const files = await expandPaths(paths, {
    onUnlistable: (dir, reason) => {
      listed = false;
      io.err(`cable: ${shownName(dir)}: cannot be listed (${reason}); the cables in it were not ${options.verb ?? 'read'}\n`);
    },
    onNoMatch: (glob) => {
      listed = false;
      io.err(`cable: ${shownName(glob)}: no cable matches\n`);
    },
    ignoreFiles: options.ignoreFiles,
  });
  return { files, listed };
}

/**
 * Reports each configuration error once on stderr (a folder's config is met by each of its
 * files); gives back whether there were any, so the command can end with exit status 2.
 */
export function configErrorReporter(io: Io): (errors: readonly string[] | undefined) => boolean {
  const reported = new Set<string>();
  return (errors) => {
    if (!errors?.length) return false;
    for (const e of errors) {
      if (reported.has(e)) continue;
      reported.add(e);
      io.err(`cable: ${e}\n`);
    }
    return true;
  };
}
