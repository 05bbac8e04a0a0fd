/**
 * The `cable.*` settings: declared once here, with their defaults and descriptions.
 * `npm run generate` writes package.json's `contributes.configuration` from this (with the
 * per-rule properties of `cable.rules`), and the server reads the values with
 * `normalizeSettings`, whose defaults come from here too.
 */
import { SEVERITY_SETTINGS } from '../core/config/config';
import type { SeveritySetting } from '../core/rules/types';

/** A setting as package.json declares it (VS Code's configuration schema), without the `cable.` prefix. */
export interface SettingDeclaration {
  scope: 'window' | 'resource';
  type: 'string' | 'number' | 'boolean' | 'array' | 'object';
  default: unknown;
  enum?: readonly string[];
  enumDescriptions?: readonly string[];
  items?: { type: string };
  description?: string;
  markdownDescription?: string;
  /**
   * Not taken from an untrusted workspace (VS Code's Restricted Mode): it names files to read
   * or where links go. Generated into the manifest's `restrictedConfigurations`.
   */
  restricted?: true;
}

export const DEFAULT_ARCHIVE_URL = 'https://wikileaks.org/plusd/cables/{id}_a.html';

/** Every setting but `cable.rules`, whose properties come from the rules (scripts/generate.ts). */
export const SETTING_DECLARATIONS = {
  'trace.server': {
    scope: 'window',
    type: 'string',
    enum: ['off', 'messages', 'verbose'],
    default: 'off',
    description: 'Traces the communication between VS Code and the cable language server (in the "Cable Language Server" output channel).',
  },
  run: {
    scope: 'resource',
    type: 'string',
    enum: ['onType', 'onSave'],
    enumDescriptions: ['Check the cable as you type.', 'Check the cable when it is opened and saved.'],
    default: 'onType',
    description: 'When to check cables for format errors.',
  },
  codeTables: {
    scope: 'resource',
    type: 'array',
    items: { type: 'string' },
    default: [],
    restricted: true,
    markdownDescription:
      "Extra code-table files (TSV or JSON with the same columns as the built-in tables, e.g. `tag`, `meaning`, `kind`), relative to the workspace folder. Their rows are merged over the built-in ones; the CLI reads the same files from `.cablelintrc.json`'s `codeTables`.",
  },
  'links.archiveUrl': {
    scope: 'resource',
    type: 'string',
    default: DEFAULT_ARCHIVE_URL,
    restricted: true,
    markdownDescription: 'Where links to cables that are not in the workspace point; `{id}` becomes the cable id (`08ASTANA2361`). Empty: no such links.',
  },
  'lint.enable': {
    scope: 'resource',
    type: 'boolean',
    default: true,
    description: 'Check cables for format errors. Off: hovers, outline and navigation only, no diagnostics.',
  },
  'inlayHints.enable': {
    scope: 'resource',
    type: 'boolean',
    default: true,
    description: 'Show the decoded DTG, the date of the DE line and the station names of TO/INFO routing indicators inline.',
  },
  maxFileSize: {
    scope: 'resource',
    type: 'number',
    default: 5 * 1024 * 1024,
    markdownDescription: 'Files with more characters than this get no hovers, outline or checks (one information diagnostic says so), to keep the editor responsive.',
  },
} as const satisfies Record<string, SettingDeclaration>;

export interface CableSettings {
  rules: Record<string, SeveritySetting>;
  run: 'onType' | 'onSave';
  codeTables: string[];
  links: { archiveUrl: string };
  inlayHints: { enable: boolean };
  lint: { enable: boolean };
  /** Documents larger than this (in characters) get no features but one information diagnostic. */
  maxFileSize: number;
}

export const DEFAULT_SETTINGS: CableSettings = {
  rules: {},
  run: SETTING_DECLARATIONS.run.default,
  codeTables: [],
  links: { archiveUrl: SETTING_DECLARATIONS['links.archiveUrl'].default },
  inlayHints: { enable: SETTING_DECLARATIONS['inlayHints.enable'].default },
  lint: { enable: SETTING_DECLARATIONS['lint.enable'].default },
  maxFileSize: SETTING_DECLARATIONS.maxFileSize.default,
};

/** Reads whatever the client sent, keeping only well-formed values. */
export function normalizeSettings(raw: unknown): CableSettings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, SeveritySetting> = {};
  if (s.rules && typeof s.rules === 'object') {
    for (const [id, v] of Object.entries(s.rules as Record<string, unknown>)) {
      if (typeof v === 'string' && SEVERITY_SETTINGS.includes(v as SeveritySetting)) rules[id] = v as SeveritySetting;
    }
  }
  const links = (s.links && typeof s.links === 'object' ? s.links : {}) as Record<string, unknown>;
  const inlay = (s.inlayHints && typeof s.inlayHints === 'object' ? s.inlayHints : {}) as Record<string, unknown>;
  const lintSettings = (s.lint && typeof s.lint === 'object' ? s.lint : {}) as Record<string, unknown>;
  return {
    rules,
    run: s.run === 'onSave' ? 'onSave' : 'onType',
    codeTables: Array.isArray(s.codeTables) ? s.codeTables.filter((x): x is string => typeof x === 'string') : [],
    links: { archiveUrl: archiveUrl(links.archiveUrl) },
    inlayHints: { enable: inlay.enable !== false },
    lint: { enable: lintSettings.enable !== false },
    maxFileSize: typeof s.maxFileSize === 'number' && s.maxFileSize > 0 ? s.maxFileSize : DEFAULT_SETTINGS.maxFileSize,
  };
}

/**
 * The archive link template: only `https:` and `http:` (a workspace's settings must not turn
 * cable ids into `command:` or `file:` links); an empty string turns the links off.
 */
export function archiveUrl(value: unknown): string {
  if (typeof value !== 'string') return DEFAULT_ARCHIVE_URL;
  if (value === '' || /^https?:\/\/[^\s]+$/i.test(value)) return value;
  return '';
}

/** What the settings asked for that was not taken, to tell the user. */
export function settingsProblems(raw: unknown): string[] {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const links = (s.links && typeof s.links === 'object' ? s.links : {}) as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof links.archiveUrl === 'string' && links.archiveUrl !== '' && archiveUrl(links.archiveUrl) === '') {
    problems.push(`cable.links.archiveUrl is ignored: only https: and http: addresses are used (got "${links.archiveUrl.slice(0, 80)}")`);
  }
  return problems;
}
