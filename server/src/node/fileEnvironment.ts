/**
 * What a file is checked with, resolved the same way for `cable lint`/`cable fix` and for the
 * editor: the `.cablelintrc.json` given or nearest above the file, the code tables it names
 * (and, in the editor, those `cable.codeTables` names), the rule severities (the editor's
 * `cable.rules` last), and whether the config's `ignore` names the file.
 */
import { isIgnored, resolveSeverities } from '../core/config/config';
import { defaultSeverities } from '../core/rules/engine';
import type { SeveritySetting } from '../core/rules/types';
import { tablesWith, type CodeTables } from '../core/tables/codeTables';
import { loadConfigFor, readTableFiles, relativeTo, type LoadedConfig } from './configFiles';

/** Every rule at its default: shared by the files that no config or setting changes (read only). */
const DEFAULT_SEVERITIES: ReadonlyMap<string, SeveritySetting> = defaultSeverities();

export interface FileEnvironment {
  config?: LoadedConfig;
  tables: CodeTables;
  severities: ReadonlyMap<string, SeveritySetting>;
  /** The config's `ignore` patterns name this file: it is not checked. */
  ignored: boolean;
  /** Problems reading the config file or the code tables (all of them). */
  errors: string[];
  /** Of those, the problems with the code tables the editor's settings name (they belong to no file). */
  settingsErrors: string[];
  /** The code-table files read (what an editor watches). */
  tableFiles: string[];
}

/** The code tables the editor's settings add (`cable.codeTables`, relative to `base`). */
export interface EditorTables {
  codeTables: string[];
  base: string;
  /**
   * False in Restricted Mode (an untrusted workspace): the workspace's `.cablelintrc.json`
   * files, and the code tables they name, are not read.
   */
  configFiles?: boolean;
}

export interface EnvironmentOptions {
  /** A config file given explicitly (`--config`); otherwise the nearest one is used. */
  config?: string;
  /** The editor's settings: code tables and rule severities (`cable.rules`). */
  editor?: EditorTables & { rules?: Record<string, SeveritySetting> };
  /**
   * A config that cannot be read at all (a `--config` path that does not exist) throws, as
   * the CLI reports it per file; otherwise it becomes one of `errors` (the editor shows it).
   */
  throwOnConfigFailure?: boolean;
}

/** `file` is a path, `-` for standard input, or undefined for a document not on disk. */
export async function resolveFileEnvironment(file: string | undefined, options: EnvironmentOptions = {}): Promise<FileEnvironment> {
  const errors: string[] = [];
  let config: LoadedConfig | undefined;
  const configFiles = options.editor?.configFiles !== false;
  if (options.config || (file !== undefined && configFiles)) {
    try {
      config = await loadConfigFor(options.config, file ?? '-');
    } catch (error) {
      if (options.throwOnConfigFailure) throw error;
      errors.push(String(error));
    }
  }
  if (config) errors.push(...config.errors);
  const editor = options.editor;
  const fromSettings = editor?.codeTables.length ? await readTableFiles(editor.base, editor.codeTables) : { tables: [], errors: [], paths: [] };
  errors.push(...fromSettings.errors);
  const extra = [...(config?.extraTables ?? []), ...fromSettings.tables];
  const tables = fromSettings.tables.length ? tablesWith(extra) : (config?.tables ?? tablesWith([]));
  const relative = config && file !== undefined && file !== '-' ? relativeTo(config, file) : undefined;
  const severities = resolveSeverities(DEFAULT_SEVERITIES, config?.config, relative, editor?.rules);
  const ignored = !!(config && relative !== undefined && isIgnored(config.config, relative));
  return { config, tables, severities, ignored, errors, settingsErrors: fromSettings.errors, tableFiles: [...(config?.tableFiles ?? []), ...fromSettings.paths] };
}
