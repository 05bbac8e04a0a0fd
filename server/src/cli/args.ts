/**
 * The command line's options, declared once per command: the parser reads them, the usage
 * text is written from them, and the README's list is checked against them.
 */

export class UsageError extends Error {}

export interface OptionSpec {
  name: string;
  /** What the value looks like (`FILE`, `N`, `json|jsonl`); absent for a flag. */
  value?: string;
  /** A one-letter form (`-f sarif`). */
  short?: string;
}

const STDIN_FILENAME = { name: 'stdin-filename', value: 'NAME' } as const;
const NO_IGNORE = { name: 'no-ignore' } as const;

export const COMMAND_OPTIONS = {
  parse: [
    { name: 'format', short: 'f', value: 'json|jsonl|csv' },
    { name: 'config', short: 'c', value: 'FILE' },
    STDIN_FILENAME,
    NO_IGNORE,
  ],
  lint: [
    { name: 'format', short: 'f', value: 'text|json|jsonl|sarif|github' },
    { name: 'rules', value: 'ID,...' },
    { name: 'config', short: 'c', value: 'FILE' },
    { name: 'quiet', short: 'q' },
    { name: 'max-warnings', value: 'N' },
    { name: 'jobs', short: 'j', value: 'N' },
    { name: 'cache' },
    { name: 'cache-location', value: 'FILE' },
    STDIN_FILENAME,
    NO_IGNORE,
    { name: 'color' },
    { name: 'no-color' },
  ],
  stats: [
    { name: 'format', short: 'f', value: 'text|json|csv' },
    { name: 'top', value: 'N' },
    { name: 'config', short: 'c', value: 'FILE' },
    NO_IGNORE,
  ],
  fix: [
    { name: 'dry-run' },
    { name: 'rules', value: 'ID,...' },
    { name: 'config', short: 'c', value: 'FILE' },
    STDIN_FILENAME,
    NO_IGNORE,
  ],
} as const satisfies Record<string, readonly OptionSpec[]>;

export type CommandName = keyof typeof COMMAND_OPTIONS;

/** `cable lint  [--format text|json|jsonl|sarif] [--rules ID,...] … PATH...` */
export function usageLine(command: CommandName): string {
  const options = (COMMAND_OPTIONS[command] as readonly OptionSpec[]).map((o) => `[${o.short ? `-${o.short}|` : ''}--${o.name}${o.value ? ` ${o.value}` : ''}]`);
  return `cable ${command.padEnd(5)} ${options.join(' ')} PATH...`;
}

export interface ParsedArgs {
  options: Map<string, string | true>;
  paths: string[];
}

/** Reads `--name value`, `--name=value`, `-n value` and flags, as `COMMAND_OPTIONS` declares them for the command. */
export function parseArgs(args: string[], command: CommandName): ParsedArgs {
  const specs = COMMAND_OPTIONS[command] as readonly OptionSpec[];
  const valued = new Set(specs.filter((o) => o.value).map((o) => o.name));
  const flags = new Set(specs.filter((o) => !o.value).map((o) => o.name));
  const shorts = new Map(specs.filter((o) => o.short).map((o) => [`-${o.short}`, o.name]));
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
    } else if (shorts.has(arg)) {
      const name = shorts.get(arg) as string;
      if (valued.has(name)) {
        const value = args[++i];
        if (value === undefined || value === '') throw new UsageError(`${arg} needs a value`);
        options.set(name, value);
      } else options.set(name, true);
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option ${arg}`);
    } else paths.push(arg);
  }
  return { options, paths };
}

/** The values an option takes when its spec lists them (`json|jsonl`). */
export function allowedValues(command: CommandName, option: string): string[] {
  return ((COMMAND_OPTIONS[command] as readonly OptionSpec[]).find((o) => o.name === option)?.value ?? '').split('|').filter(Boolean);
}

export function choice(value: string | true | undefined, allowed: string[], name: string, fallback: string): string {
  if (value === undefined) return fallback;
  if (value === true || !allowed.includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
  return value;
}

/** A whole number option (`--jobs`, `--max-warnings`) within bounds, or `fallback` when absent. */
export function wholeNumber(value: string | true | undefined, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value === true || !/^\d+$/.test(value) || !Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}
