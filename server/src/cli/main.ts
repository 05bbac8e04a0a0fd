/**
 * `cable`: the command line. `cable parse` prints the model of each file; `cable lint`
 * reports format errors; `cable fix` applies the safe fixes. Exit codes: 0 success,
 * 1 errors found (lint) or fixes left after the last pass (fix), 2 usage or I/O errors.
 */
import { parseCommand } from './parseCommand';
import { VERSION } from '../version';

export const USAGE = `cable ${VERSION}: read, check and fix diplomatic cable files (*.cable)

Usage:
  cable parse [--format json|jsonl] PATH...
  cable lint  [--format text|json|jsonl|sarif] [--config FILE] [--jobs N] PATH...
  cable fix   [--dry-run] [--rules ID,...] [--config FILE] PATH...
  cable --help | --version

PATH is a file, a folder (searched for *.cable files) or - for standard input.
Exit status: 0 no errors, 1 errors found (lint) or fixes left after the last pass (fix),
2 usage or I/O error.
`;

export interface Io {
  /** Text, or bytes already encoded (a fixed standard input, in its own encoding). */
  out(text: string | Uint8Array): void;
  err(text: string): void;
}

/**
 * Standard output gathered into writes of 64 KB (a write per finding or per file costs more
 * than linting the file), flushed at least every 200 ms so a long run still shows progress,
 * before anything goes to standard error, and when the command ends (`flushOutput`).
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

export class UsageError extends Error {}

/**
 * A file name as the text outputs print it: control characters (a newline in a name would
 * forge an output line) written as escapes, `\\n`, `\\t`, `\\u001b`.
 */
export function shownName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

export interface ParsedArgs {
  options: Map<string, string | true>;
  paths: string[];
}

/** Reads `--name value`, `--name=value` and flags; `valued` lists the options that take a value. */
export function parseArgs(args: string[], valued: Set<string>, flags: Set<string>): ParsedArgs {
  const options = new Map<string, string | true>();
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      paths.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      if (valued.has(name)) {
        const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
        if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
        options.set(name, value);
      } else if (flags.has(name) && eq < 0) options.set(name, true);
      else throw new UsageError(`unknown option --${name}`);
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option ${arg}`);
    } else paths.push(arg);
  }
  return { options, paths };
}

export function choice(value: string | true | undefined, allowed: string[], name: string, fallback: string): string {
  if (value === undefined) return fallback;
  if (value === true || !allowed.includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
  return value;
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  // `cable lint --help`: help for a command is the usage (before `--`, which ends options).
  const options = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (['parse', 'lint', 'fix'].includes(command ?? '') && (options.includes('--help') || options.includes('-h'))) {
    io.out(USAGE);
    return 0;
  }
  try {
    switch (command) {
      case undefined:
        io.err(USAGE);
        return 2;
      case '--help':
      case '-h':
      case 'help':
        io.out(USAGE);
        return 0;
      case '--version':
      case '-v':
        io.out(`${VERSION}\n`);
        return 0;
      case 'parse':
        return await parseCommand(rest, io);
      case 'lint': {
        const { lintCommand } = await import('./lintCommand');
        return await lintCommand(rest, io);
      }
      case 'fix': {
        const { fixCommand } = await import('./fixCommand');
        return await fixCommand(rest, io);
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`cable: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    io.err(`cable: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}
