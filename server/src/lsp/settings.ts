/** The `cable.*` settings the server reads, with their defaults (package.json declares the same). */
import { SEVERITY_SETTINGS } from '../core/config/config';
import type { SeveritySetting } from '../core/rules/types';

export interface CableSettings {
  rules: Record<string, SeveritySetting>;
  run: 'onType' | 'onSave';
  codeTables: string[];
  links: { archiveUrl: string };
  inlayHints: { enable: boolean };
  /** Documents larger than this (in characters) get no features but one information diagnostic. */
  maxFileSize: number;
}

export const DEFAULT_ARCHIVE_URL = 'https://wikileaks.org/plusd/cables/{id}_a.html';

export const DEFAULT_SETTINGS: CableSettings = {
  rules: {},
  run: 'onType',
  codeTables: [],
  links: { archiveUrl: DEFAULT_ARCHIVE_URL },
  inlayHints: { enable: true },
  maxFileSize: 5 * 1024 * 1024,
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
  return {
    rules,
    run: s.run === 'onSave' ? 'onSave' : 'onType',
    codeTables: Array.isArray(s.codeTables) ? s.codeTables.filter((x): x is string => typeof x === 'string') : [],
    links: { archiveUrl: archiveUrl(links.archiveUrl) },
    inlayHints: { enable: inlay.enable !== false },
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
