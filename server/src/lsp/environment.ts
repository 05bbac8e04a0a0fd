/**
 * What a document is linted and decoded with: the `cable.*` settings for it, and what
 * `resolveFileEnvironment` (shared with the CLI) gives for its file with those settings.
 * Resolved once per document and kept until settings or a config file change.
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Connection } from 'vscode-languageserver/node';
import { clearConfigCache } from '../node/configFiles';
import type { EditorTables, FileEnvironment } from '../node/fileEnvironment';
import type { CableService } from '../service/cableService';
import { DEFAULT_SETTINGS, normalizeSettings, settingsProblems, type CableSettings } from './settings';

/** A document's environment: the file's (node/fileEnvironment.ts, as the CLI resolves it) with the editor's settings. */
export interface DocumentEnvironment extends FileEnvironment {
  settings: CableSettings;
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
  /** False in Restricted Mode (the client says so at initialize): no `.cablelintrc.json` is read. */
  trusted = true;

  constructor(
    private readonly connection: Connection,
    private readonly service: CableService,
  ) {}

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

  /** The code tables the settings add for a workspace folder (what the index reads cables with). */
  async editorTablesFor(folder: string): Promise<EditorTables | undefined> {
    const settings = await this.settingsFor(pathToFileURL(folder).toString());
    if (!this.trusted) return { codeTables: settings.codeTables, base: folder, configFiles: false };
    return settings.codeTables.length ? { codeTables: settings.codeTables, base: folder } : undefined;
  }

  /** Settings pushed by clients that cannot be asked (`workspace/didChangeConfiguration`). */
  globalSettings: CableSettings = DEFAULT_SETTINGS;

  private async resolve(uri: string): Promise<DocumentEnvironment> {
    const settings = await this.settingsFor(uri);
    const file = filePathOf(uri);
    // Settings' code tables are relative to the document's workspace folder.
    const base = (file && this.workspaceFolders.find((f) => file.startsWith(f + path.sep))) ?? this.workspaceFolders[0] ?? (file ? path.dirname(file) : process.cwd());
    const env = await this.service.environment(file, { editor: { codeTables: settings.codeTables, base, rules: settings.rules, configFiles: this.trusted } });
    for (const table of env.tableFiles) this.tableFiles.add(table);
    return { settings, ...env };
  }
}
