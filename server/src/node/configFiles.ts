/**
 * Finds and reads `.cablelintrc.json` files and the code tables they name. Shared by the
 * CLI and the language server, so both lint a file the same way.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, emptyConfig, readConfigText, type CableConfig } from '../core/config/config';
import { LineMap } from '../core/text/lineMap';
import { RULES_BY_ID } from '../core/rules/registry';
import { parseUserTable, tablesWith, type CodeTables, type RawTables } from '../core/tables/codeTables';
import { readRegularTextFile } from './files';

export interface LoadedConfig {
  /** The config file, and the folder its globs and table paths are relative to. */
  file: string;
  dir: string;
  config: CableConfig;
  /** Problems in the file itself or in the tables it names, as the CLI prints them (`file:line:col: …`). */
  errors: string[];
  /** The same problems where they are in the file (0-based, for the editor), and the file's text. */
  problems: { message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[];
  text: string;
  /** The extra tables it names, as read (merged over the built-in ones in `tables`). */
  extraTables: RawTables[];
  /** Their files, absolute (what an editor watches for changes). */
  tableFiles: string[];
  tables: CodeTables;
}

const RULE_IDS = new Set(RULES_BY_ID.keys());

/** Where the nearest config file is, per folder: a corpus has thousands of files per folder. */
const lookups = new Map<string, Promise<string | undefined>>();

/** Walks up from `startDir` to the nearest `.cablelintrc.json`. */
export function findConfigFile(startDir: string): Promise<string | undefined> {
  const dir = path.resolve(startDir);
  let found = lookups.get(dir);
  if (!found) {
    found = findConfigFileUncached(dir);
    lookups.set(dir, found);
  }
  return found;
}

async function findConfigFileUncached(startDir: string): Promise<string | undefined> {
  let dir = startDir;
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    try {
      const stat = await fs.stat(candidate);
      if (stat.isFile()) return candidate;
    } catch {
      // not here
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Code-table files larger than this are not read. */
export const MAX_TABLE_BYTES = 5 * 1024 * 1024;
/** A configuration is a few lines; a larger file is not one. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Reads the code-table files named (relative to `dir`, the config's or the workspace's folder);
 * errors are collected, not thrown. A cloned repository's configuration is untrusted: only
 * regular files inside `dir` (after links are followed) and at most MAX_TABLE_BYTES are read,
 * and no error message quotes a file's content.
 */
export async function readTableFiles(dir: string, files: string[]): Promise<{ tables: RawTables[]; errors: string[]; paths: string[] }> {
  const tables: RawTables[] = [];
  const errors: string[] = [];
  // Named files, whether read or not: a file that appears or is fixed later is read then.
  const paths = files.map((name) => path.resolve(dir, name));
  let root: string;
  try {
    root = await fs.realpath(dir);
  } catch {
    return { tables, errors: files.map((name) => `${name}: the folder ${dir} cannot be read`), paths };
  }
  for (const name of files) {
    try {
      const full = await fs.realpath(path.resolve(dir, name));
      const inside = path.relative(root, full);
      if (!inside || inside.startsWith('..') || path.isAbsolute(inside)) {
        errors.push(`${name}: not read: code tables must be files inside ${dir}`);
        continue;
      }
      const stat = await fs.stat(full);
      if (!stat.isFile()) {
        errors.push(`${name}: not read: not a regular file`);
        continue;
      }
      if (stat.size > MAX_TABLE_BYTES) {
        errors.push(`${name}: not read: ${stat.size} bytes, more than the ${MAX_TABLE_BYTES} a code table may have`);
        continue;
      }
      const parsed = parseUserTable(full, await readRegularTextFile(full, MAX_TABLE_BYTES));
      tables.push(parsed.tables);
      errors.push(...parsed.errors);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      errors.push(`${name}: cannot be read${code ? ` (${code})` : ''}`);
    }
  }
  return { tables, errors, paths };
}

export async function loadConfig(file: string): Promise<LoadedConfig> {
  const dir = path.dirname(path.resolve(file));
  const problems: LoadedConfig['problems'] = [];
  const errors: string[] = [];
  let text = '';
  let config = emptyConfig();
  let tableAt = (_table: string): { offset: number; length: number } => ({ offset: 0, length: 0 });
  let lines: LineMap | undefined; // of `text`, once it is read
  const add = (message: string, offset: number, length: number): void => {
    lines ??= new LineMap(text);
    const range = lines.range(offset, offset + length);
    problems.push({ message, range });
    errors.push(`${file}:${range.start.line + 1}:${range.start.character + 1}: ${message}`);
  };
  try {
    // Without its byte order mark, as an editor shows the file (positions and edits match).
    text = (await readRegularTextFile(file, MAX_CONFIG_BYTES)).replace(/^\uFEFF/, '');
    const read = readConfigText(text, RULE_IDS);
    config = read.config;
    tableAt = read.tableAt;
    for (const p of read.problems) add(p.message, p.offset, p.length);
  } catch (error) {
    problems.push({ message: (error as Error).message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
    errors.push(`${file}: ${(error as Error).message}`);
  }
  const extra = await readTableFiles(dir, config.codeTables);
  for (const message of extra.errors) {
    // A table that cannot be read is shown on its name in `codeTables`.
    const table = config.codeTables.find((name) => message.startsWith(`${name}: `));
    const at = table ? tableAt(table) : { offset: 0, length: 0 };
    add(message, at.offset, at.length);
  }
  return { file, dir, config, errors, problems, text, extraTables: extra.tables, tableFiles: extra.paths, tables: tablesWith(extra.tables) };
}

const cache = new Map<string, Promise<LoadedConfig>>();

/** Forgets loaded config files (the editor calls this when one changes). */
export function clearConfigCache(): void {
  cache.clear();
  lookups.clear();
}

/**
 * The config for a file: the one given explicitly (`--config`), else the nearest
 * `.cablelintrc.json` above the file. Loaded once per config file.
 */
export async function loadConfigFor(explicit: string | undefined, forFile: string): Promise<LoadedConfig | undefined> {
  const file = explicit ? path.resolve(explicit) : await findConfigFile(forFile === '-' ? process.cwd() : path.dirname(path.resolve(forFile)));
  if (!file) return undefined;
  let loaded = cache.get(file);
  if (!loaded) {
    loaded = loadConfig(file);
    cache.set(file, loaded);
  }
  return loaded;
}

/** The file's path relative to the config's folder, with `/` separators (what globs match). */
export function relativeTo(config: LoadedConfig, file: string): string {
  return path.relative(config.dir, path.resolve(file)).split(path.sep).join('/');
}
