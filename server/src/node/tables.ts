/** Loads the code tables for the CLI: built-in ones plus the files a config names. */
import { parse } from '../core/parser/parse';
import type { CableDocument } from '../core/model/cable';
import { builtinTables, type CodeTables } from '../core/tables/codeTables';
import { loadConfigFor } from './configFiles';

export async function getTables(configPath: string | undefined, paths: string[]): Promise<CodeTables> {
  const config = await loadConfigFor(configPath, paths[0] ?? '.');
  return config?.tables ?? builtinTables();
}

export async function getParser(configPath: string | undefined, paths: string[]): Promise<(text: string, fileName?: string) => CableDocument> {
  const tables = await getTables(configPath, paths);
  return (text, fileName) => parse(text, { station: tables.station, fileName });
}
