/**
 * Linting and fixing files on disk, for the CLI (and its worker threads): config lookup,
 * reading, parsing with the right tables, running the rules, writing fixes safely.
 */
import type { CableDocument } from '../core/model/cable';
import { parse } from '../core/parser/parse';
import { fixText, lint, type FixResult } from '../core/rules/engine';
import type { Severity, SeveritySetting } from '../core/rules/types';
import type { CodeTables } from '../core/tables/codeTables';
import { encodeText } from '../core/text/decode';
import { FileError, readCableFileSync, readCableStdin } from './files';
import type { LoadedConfig } from './configFiles';
import { resolveFileEnvironment } from './fileEnvironment';
import { writeAtomically } from './safeWrite';

export interface FileDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** Other places of the same problem (JSON output only). */
  related?: { message: string; range: FileDiagnostic['range'] }[];
}

export interface FileLintResult {
  file: string;
  diagnostics: FileDiagnostic[];
  /** Set when the file could not be read: the reason. */
  error?: string;
  ignored?: boolean;
  configErrors?: string[];
}

export interface LintFileOptions {
  config?: string;
  only?: Set<string>;
}

async function setup(
  file: string,
  options: LintFileOptions,
): Promise<{ loaded?: LoadedConfig; ignored: boolean; tables: CodeTables; parseText: (text: string) => CableDocument; severities: Map<string, SeveritySetting> }> {
  // The same resolution as the editor's (a config that cannot be read at all is this file's error).
  const env = await resolveFileEnvironment(file, { config: options.config, throwOnConfigFailure: true });
  const tables = env.tables;
  return { loaded: env.config, ignored: env.ignored, tables, parseText: (text) => parse(text, { station: tables.station, fileName: file === '-' ? undefined : file }), severities: env.severities };
}

export async function lintFile(file: string, options: LintFileOptions): Promise<FileLintResult> {
  const name = file === '-' ? '<stdin>' : file;
  try {
    const { loaded, ignored, tables, parseText, severities } = await setup(file, options);
    if (ignored) return { file: name, diagnostics: [], ignored: true };
    const text = file === '-' ? (await readCableStdin()).text : readCableFileSync(file).text;
    const doc = parseText(text);
    const problems = lint(doc, { tables, severities, only: options.only });
    return {
      file: name,
      configErrors: loaded?.errors.length ? loaded.errors : undefined,
      diagnostics: problems.map((p) => ({
        code: p.ruleId,
        severity: p.severity,
        message: p.message,
        range: doc.lines.range(p.start, p.end),
        ...(p.related?.length ? { related: p.related.map((r) => ({ message: r.message, range: doc.lines.range(r.start, r.end) })) } : {}),
      })),
    };
  } catch (error) {
    return { file: name, diagnostics: [], error: error instanceof FileError ? error.message : (error as Error).message ?? String(error) };
  }
}

export interface FileFixResult {
  file: string;
  applied: FixResult['applied'];
  changed: boolean;
  /** False when fixes were still left after the last pass (see `fixText`). */
  settled: boolean;
  error?: string;
  /** The fixed text, for standard input (printed rather than written), in the encoding it came in. */
  bytes?: Uint8Array;
}

/**
 * Fixes a file in place: all safe fixes, written as `safeWrite.ts` describes (nothing is
 * written if the file changed on disk since it was read).
 * The file keeps its encoding, byte order mark and line ends.
 */
export async function fixFile(file: string, options: LintFileOptions & { dryRun?: boolean }): Promise<FileFixResult> {
  const name = file === '-' ? '<stdin>' : file;
  try {
    const { loaded, ignored, tables, parseText, severities } = await setup(file, options);
    // A broken configuration may be one that turns fixes off: fix nothing rather than apply them.
    if (loaded?.errors.length) {
      return { file: name, applied: [], changed: false, settled: true, error: `not fixed: the configuration has errors (${loaded.errors.join('; ')})` };
    }
    if (ignored) return { file: name, applied: [], changed: false, settled: true };
    if (file === '-') {
      // Standard input keeps its encoding and byte order mark, as files do.
      const decoded = await readCableStdin();
      const result = fixText(decoded.text, parseText, { tables, severities, only: options.only });
      return { file: name, applied: result.applied, changed: result.text !== decoded.text, settled: result.settled, bytes: encodeText(result.text, decoded.encoding, decoded.bom) };
    }
    const original = readCableFileSync(file);
    const result = fixText(original.text, parseText, { tables, severities, only: options.only });
    const changed = result.text !== original.text;
    if (!changed || options.dryRun) return { file: name, applied: result.applied, changed, settled: result.settled };
    await writeAtomically(file, encodeText(result.text, original.encoding, original.bom), original.bytes);
    return { file: name, applied: result.applied, changed, settled: result.settled };
  } catch (error) {
    return { file: name, applied: [], changed: false, settled: true, error: error instanceof FileError ? error.message : (error as Error).message ?? String(error) };
  }
}

