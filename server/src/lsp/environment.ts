/**
 * What a document is linted and decoded with: the `cable.*` settings for it, the nearest
 * `.cablelintrc.json`, the code tables both name, and the rule severities they give.
 * Resolved once per document and kept until settings or a config file change.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver/node';
import { isIgnored, resolveSeverities } from '../core/config/config';
import { defaultSeverities } from '../core/rules/engine';
import type { SeveritySetting } from '../core/rules/types';
import { tablesWith, type CodeTables } from '../core/tables/codeTables';
import { clearConfigCache, loadConfigFor, readTableFiles, relativeTo, type LoadedConfig } from '../node/configFiles';
import { DEFAULT_SETTINGS, normalizeSettings, settingsProblems, type CableSettings } from './settings';

export interface DocumentEnvironment {
  settings: CableSettings;
  config?: LoadedConfig;
  tables: CodeTables;
  severities: Map<string, SeveritySetting>;
  /** The config's `ignore` patterns name this file: it is not checked (as by `cable lint`); hovers and navigation still work. */
  ignored: boolean;
  /** Problems reading the config file or the code tables, to show the user once. */
  errors: string[];
}



export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export class Environments {
  private readonly cache = new Map<string, Promise<DocumentEnvironment>>();
  /** The code-table files the environments resolved so far were read from: a change to one refreshes them. */
  private readonly tableFiles = new Set<string>();
  canAskConfiguration = false;
  workspaceFolders: string[] = [];

  constructor(private readonly connection: Connection) {}

  get(uri: string): Promise<DocumentEnvironment> {
    let env = this.cache.get(uri);
    if (!env) {
      env = this.resolve(uri);
      this.cache.set(uri, env);
    }
    return env;
  }

  invalidate(): void {
    this.cache.clear();
    this.tableFiles.clear();
    clearConfigCache();
  }

  /** Whether `file` is a code table some document's environment was built from. */
  isTableFile(file: string): boolean {
    return this.tableFiles.has(path.resolve(file));
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  private async settingsFor(uri: string): Promise<CableSettings> {
    if (!this.canAskConfiguration) return this.globalSettings;
    try {
      const raw = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'cable' });
      for (const problem of settingsProblems(raw)) this.connection.console.warn(problem);
      return normalizeSettings(raw);
    } catch {
      return this.globalSettings;
    }
  }

  /** Settings pushed by clients that cannot be asked (`workspace/didChangeConfiguration`). */
  globalSettings: CableSettings = DEFAULT_SETTINGS;

  private async resolve(uri: string): Promise<DocumentEnvironment> {
    const settings = await this.settingsFor(uri);
    const file = filePathOf(uri);
    const errors: string[] = [];
    let config: LoadedConfig | undefined;
    if (file) {
      try {
        config = await loadConfigFor(undefined, file);
      } catch (error) {
        errors.push(String(error));
      }
    }
    if (config) errors.push(...config.errors);
    const base = (file && this.workspaceFolders.find((f) => file.startsWith(f + path.sep))) ?? this.workspaceFolders[0] ?? (file ? path.dirname(file) : process.cwd());
    const fromSettings = settings.codeTables.length ? await readTableFiles(base, settings.codeTables) : { tables: [], errors: [], paths: [] };
    errors.push(...fromSettings.errors);
    for (const table of [...(config?.tableFiles ?? []), ...fromSettings.paths]) this.tableFiles.add(table);
    const extra = [...(config?.extraTables ?? []), ...fromSettings.tables];
    const tables = extra.length ? tablesWith(extra) : (config?.tables ?? tablesWith([]));
    const relative = config && file ? relativeTo(config, file) : undefined;
    const severities = resolveSeverities(defaultSeverities(), config?.config, relative, settings.rules);
    const ignored = !!(config && relative !== undefined && isIgnored(config.config, relative));
    return { settings, config, tables, severities, ignored, errors };
  }
}
