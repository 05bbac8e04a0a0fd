/**
 * Configuration shared by the editor and the CLI: rule severities, per-file-glob overrides,
 * ignored files and extra code tables. Sources, later ones winning: each rule's default,
 * the nearest `.cablelintrc.json` (found by walking up from the file), its `overrides`
 * whose `files` match, then (editor only) the `cable.rules` setting.
 */
import type { SeveritySetting } from '../rules/types';
import { globMatches } from './glob';

export interface ConfigOverride {
  files: string[];
  rules: Record<string, SeveritySetting>;
}

export interface CableConfig {
  rules: Record<string, SeveritySetting>;
  overrides: ConfigOverride[];
  /** Globs of files not to lint at all. */
  ignore: string[];
  /** Extra code-table files (TSV or JSON), relative to the config file. */
  codeTables: string[];
}

export const CONFIG_FILE_NAME = '.cablelintrc.json';

export const SEVERITY_SETTINGS: SeveritySetting[] = ['off', 'hint', 'information', 'warning', 'error'];

export function emptyConfig(): CableConfig {
  return { rules: {}, overrides: [], ignore: [], codeTables: [] };
}

/** Checks a parsed config object; unknown rules and bad values are reported, and left out. */
export function validateConfig(value: unknown, ruleIds: ReadonlySet<string>): { config: CableConfig; errors: string[] } {
  const config = emptyConfig();
  const errors: string[] = [];
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { config, errors: ['the configuration must be a JSON object'] };
  }
  const v = value as Record<string, unknown>;
  const readRules = (rules: unknown, where: string): Record<string, SeveritySetting> => {
    const out: Record<string, SeveritySetting> = {};
    if (rules === undefined) return out;
    if (!rules || typeof rules !== 'object' || Array.isArray(rules)) {
      errors.push(`${where} must be an object mapping rule ids to ${SEVERITY_SETTINGS.join(' | ')}`);
      return out;
    }
    for (const [id, setting] of Object.entries(rules)) {
      if (!ruleIds.has(id)) errors.push(`${where}: unknown rule "${id}"`);
      else if (typeof setting !== 'string' || !SEVERITY_SETTINGS.includes(setting as SeveritySetting)) {
        errors.push(`${where}.${id}: "${String(setting)}" is not one of ${SEVERITY_SETTINGS.join(', ')}`);
      } else out[id] = setting as SeveritySetting;
    }
    return out;
  };
  const stringList = (list: unknown, where: string): string[] => {
    if (list === undefined) return [];
    const items = typeof list === 'string' ? [list] : list;
    if (!Array.isArray(items) || items.some((x) => typeof x !== 'string')) {
      errors.push(`${where} must be a list of strings`);
      return [];
    }
    return items as string[];
  };
  for (const key of Object.keys(v)) {
    if (!['$schema', 'rules', 'overrides', 'ignore', 'codeTables'].includes(key)) errors.push(`unknown setting "${key}"`);
  }
  config.rules = readRules(v.rules, 'rules');
  config.ignore = stringList(v.ignore, 'ignore');
  config.codeTables = stringList(v.codeTables, 'codeTables');
  if (v.overrides !== undefined) {
    if (!Array.isArray(v.overrides)) errors.push('overrides must be a list of {"files": [...], "rules": {...}}');
    else {
      v.overrides.forEach((o, k) => {
        if (!o || typeof o !== 'object') {
          errors.push(`overrides[${k}] must be an object`);
          return;
        }
        const entry = o as Record<string, unknown>;
        config.overrides.push({ files: stringList(entry.files, `overrides[${k}].files`), rules: readRules(entry.rules, `overrides[${k}].rules`) });
      });
    }
  }
  return { config, errors };
}

/**
 * Severities for one file: `relativePath` is the file's path relative to the config file's
 * folder, with `/` separators (globs match against it).
 */
export function resolveSeverities(
  defaults: ReadonlyMap<string, SeveritySetting>,
  config: CableConfig | undefined,
  relativePath: string | undefined,
  editorRules?: Record<string, SeveritySetting>,
): Map<string, SeveritySetting> {
  const out = new Map(defaults);
  if (config) {
    for (const [id, s] of Object.entries(config.rules)) if (out.has(id)) out.set(id, s);
    if (relativePath !== undefined) {
      for (const o of config.overrides) {
        if (o.files.some((g) => globMatches(g, relativePath))) for (const [id, s] of Object.entries(o.rules)) if (out.has(id)) out.set(id, s);
      }
    }
  }
  if (editorRules) for (const [id, s] of Object.entries(editorRules)) if (out.has(id) && SEVERITY_SETTINGS.includes(s)) out.set(id, s);
  return out;
}

export function isIgnored(config: CableConfig | undefined, relativePath: string | undefined): boolean {
  return !!config && relativePath !== undefined && config.ignore.some((g) => globMatches(g, relativePath));
}

export { globMatches };

/** Parses JSON that may contain line and block comments (people annotate config files). */
export function parseJsonWithComments(text: string): unknown {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      i += 2;
      while (i < text.length && !(text[i] === '*' && text[i + 1] === '/')) i++;
      i++;
    } else out += c;
  }
  return JSON.parse(out.replace(/^\uFEFF/, ''));
}
