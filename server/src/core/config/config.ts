/**
 * Configuration shared by the editor and the CLI: rule severities, per-file-glob overrides,
 * ignored files and extra code tables. Sources, later ones winning: each rule's default,
 * the nearest `.cablelintrc.json` (found by walking up from the file), its `overrides`
 * whose `files` match, then (editor only) the `cable.rules` setting.
 */
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
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

/** A JSON path in the config (`['rules', 'tag-unknown']`): where a problem is. */
export type ConfigPath = (string | number)[];

export interface ConfigProblem {
  message: string;
  /** Where in the file: the value at this path (its key, for an unknown name). */
  path: ConfigPath;
  /** Point at the property's key rather than its value (an unknown rule or setting). */
  key?: boolean;
}

/** Checks a parsed config object; unknown rules and bad values are reported, and left out. */
export function validateConfig(value: unknown, ruleIds: ReadonlySet<string>): { config: CableConfig; problems: ConfigProblem[] } {
  const config = emptyConfig();
  const problems: ConfigProblem[] = [];
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { config, problems: [{ message: 'the configuration must be a JSON object', path: [] }] };
  }
  const v = value as Record<string, unknown>;
  const readRules = (rules: unknown, where: string, at: ConfigPath): Record<string, SeveritySetting> => {
    const out: Record<string, SeveritySetting> = {};
    if (rules === undefined) return out;
    if (!rules || typeof rules !== 'object' || Array.isArray(rules)) {
      problems.push({ message: `${where} must be an object mapping rule ids to ${SEVERITY_SETTINGS.join(' | ')}`, path: at });
      return out;
    }
    for (const [id, setting] of Object.entries(rules)) {
      if (!ruleIds.has(id)) problems.push({ message: `${where}: unknown rule "${id}"`, path: [...at, id], key: true });
      else if (typeof setting !== 'string' || !SEVERITY_SETTINGS.includes(setting as SeveritySetting)) {
        problems.push({ message: `${where}.${id}: "${String(setting)}" is not one of ${SEVERITY_SETTINGS.join(', ')}`, path: [...at, id] });
      } else out[id] = setting as SeveritySetting;
    }
    return out;
  };
  const stringList = (list: unknown, where: string, at: ConfigPath): string[] => {
    if (list === undefined) return [];
    const items = typeof list === 'string' ? [list] : list;
    if (!Array.isArray(items) || items.some((x) => typeof x !== 'string')) {
      problems.push({ message: `${where} must be a list of strings`, path: at });
      return [];
    }
    return items as string[];
  };
  for (const key of Object.keys(v)) {
    if (!['$schema', 'rules', 'overrides', 'ignore', 'codeTables'].includes(key)) problems.push({ message: `unknown setting "${key}"`, path: [key], key: true });
  }
  config.rules = readRules(v.rules, 'rules', ['rules']);
  config.ignore = stringList(v.ignore, 'ignore', ['ignore']);
  config.codeTables = stringList(v.codeTables, 'codeTables', ['codeTables']);
  if (v.overrides !== undefined) {
    if (!Array.isArray(v.overrides)) problems.push({ message: 'overrides must be a list of {"files": [...], "rules": {...}}', path: ['overrides'] });
    else {
      v.overrides.forEach((o, k) => {
        if (!o || typeof o !== 'object') {
          problems.push({ message: `overrides[${k}] must be an object`, path: ['overrides', k] });
          return;
        }
        const entry = o as Record<string, unknown>;
        config.overrides.push({
          files: stringList(entry.files, `overrides[${k}].files`, ['overrides', k, 'files']),
          rules: readRules(entry.rules, `overrides[${k}].rules`, ['overrides', k, 'rules']),
        });
      });
    }
  }
  return { config, problems };
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
): ReadonlyMap<string, SeveritySetting> {
  // Nothing changes them (the usual case of a corpus without a config): no copy per file.
  if (!config && !editorRules) return defaults;
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

/** A problem of a config file's text, at an offset (what an editor underlines; the CLI prints line:column). */
export interface ConfigTextProblem {
  message: string;
  offset: number;
  length: number;
}

/**
 * Reads a config file's text as JSON with comments and trailing commas, with the parser VS
 * Code uses for such files (jsonc-parser), and checks it: every problem with its place. A
 * text with syntax errors is not used at all (a half-read config could turn the wrong rules
 * off), as before.
 */
export function readConfigText(
  text: string,
  ruleIds: ReadonlySet<string>,
): { config: CableConfig; problems: ConfigTextProblem[]; tableAt: (table: string) => { offset: number; length: number } } {
  const syntax: ParseError[] = [];
  const tree = parseTree(text, syntax, { allowTrailingComma: true, disallowComments: false });
  // Where a string of `codeTables` is (a table that cannot be read is reported there), or the file's start.
  const tableAt = (table: string): { offset: number; length: number } => {
    const list = tree && findNodeAtLocation(tree, ['codeTables']);
    const entry = list?.type === 'string' ? list : list?.children?.find((n) => n.value === table);
    return entry ? { offset: entry.offset, length: entry.length } : { offset: 0, length: 0 };
  };
  if (syntax.length || !tree) {
    // `CloseBraceExpected` → "close brace expected".
    const words = (code: string): string => code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    // One problem per place and kind: an unclosed object inside another gives the same error twice.
    const seen = new Set<string>();
    const problems = syntax
      .filter((e) => !seen.has(`${e.error}:${e.offset}`) && !!seen.add(`${e.error}:${e.offset}`))
      .map((e) => ({ message: `not JSON: ${words(printParseErrorCode(e.error))}`, offset: e.offset, length: e.length }));
    if (!problems.length) problems.push({ message: 'the configuration is empty: it must be a JSON object', offset: 0, length: 0 });
    return { config: emptyConfig(), problems, tableAt };
  }
  const { config, problems } = validateConfig(getNodeValue(tree), ruleIds);
  return {
    config,
    tableAt,
    problems: problems.map((p) => {
      const node = findNodeAtLocation(tree, p.path) ?? tree;
      const at = p.key && node.parent?.type === 'property' ? (node.parent.children?.[0] ?? node) : node;
      return { message: p.message, offset: at.offset, length: at.length };
    }),
  };
}
