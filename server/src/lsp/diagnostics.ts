/**
 * Diagnostics: pulled by clients that can (VS Code), pushed to the others (Neovim …),
 * debounced while typing; `cable.run: onSave` answers pulls with "unchanged" until the
 * document is saved. Configuration errors and files over `cable.maxFileSize` get a
 * diagnostic of their own; files the config ignores get no checks.
 */
import { pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  type Diagnostic,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { STATUS_CHANGED } from '../../../common/protocol';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from '../core/rules/engine';
import type { ServerContext } from './context';
import type { DocumentEnvironment } from './environment';

export interface DiagnosticsControl {
  /** Settings, a config file or a code table changed: drop every tree and check again. */
  refreshAll(): void;
}

export function registerDiagnostics(ctx: ServerContext): DiagnosticsControl {
  const { connection, documents, environments } = ctx;
  const savedVersions = new Map<string, number>();
  const resultIds = new Map<string, { id: string; version: number }>();
  let resultCounter = 0;

  // Configuration problems are shown once, where they are: on the config file (published
  // whatever the client pulls), and the settings' as one message; never on every cable.
  const configProblems = new Map<string, string>();
  const settingsProblems = new Set<string>();
  function reportConfiguration(env: DocumentEnvironment): void {
    if (env.config) {
      const uri = pathToFileURL(env.config.file).toString();
      const key = env.config.errors.join('\n');
      if (configProblems.get(uri) !== key) {
        configProblems.set(uri, key);
        // Each where it is: the unknown rule's name, the bad value, the syntax error.
        const diagnostics: Diagnostic[] = env.config.problems.map((p) => ({
          range: p.range,
          severity: DiagnosticSeverity.Warning,
          source: DIAGNOSTIC_SOURCE,
          message: p.message,
        }));
        void connection.sendDiagnostics({ uri, diagnostics }).catch(() => undefined);
      }
    }
    for (const message of env.settingsErrors) {
      if (settingsProblems.has(message)) continue;
      settingsProblems.add(message);
      void connection.window.showWarningMessage(`cable.codeTables: ${message}`);
    }
  }

  async function diagnosticsFor(uri: string): Promise<Diagnostic[]> {
    const document = documents.get(uri);
    if (!document) return [];
    const env = await environments.get(uri);
    reportConfiguration(env);
    // A config that could not be read at all names no file to show it on.
    const extra: Diagnostic[] = env.config ? [] : env.errors.filter((m) => !env.settingsErrors.includes(m)).map((message) => ({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Warning,
      source: DIAGNOSTIC_SOURCE,
      message: `Configuration: ${message}`,
    }));
    if (ctx.tooLarge(document, env)) {
      extra.push({
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        source: DIAGNOSTIC_SOURCE,
        code: 'file-too-large',
        message: `This file has ${document.getText().length.toLocaleString('en-US')} characters, more than cable.maxFileSize (${env.settings.maxFileSize.toLocaleString('en-US')}): hovers, outline and checks are off for it to keep the editor responsive.`,
      });
      return extra;
    }
    // Ignored by the config: not checked, as `cable lint` does not check it. Checking turned off: nothing to report.
    if (env.ignored || !env.settings.lint.enable) return extra;
    const analysis = await ctx.analyze(uri);
    if (!analysis) return extra;
    return [...extra, ...ctx.problemsOf(analysis).map((p) => toDiagnostic(analysis.doc, p, uri))];
  }

  connection.languages.diagnostics.on(
    ctx.safe<DocumentDiagnosticParams, DocumentDiagnosticReport>('diagnostics', { kind: DocumentDiagnosticReportKind.Full, items: [] }, async (params) => {
      const uri = params.textDocument.uri;
      const document = documents.get(uri);
      if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      const env = await environments.get(uri);
      const previous = resultIds.get(uri);
      // With cable.run = onSave, the report changes only when the document is opened or saved.
      if (env.settings.run === 'onSave' && previous && params.previousResultId === previous.id && savedVersions.get(uri) !== document.version) {
        return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: previous.id };
      }
      const items = await diagnosticsFor(uri);
      const id = String(++resultCounter);
      resultIds.set(uri, { id, version: document.version });
      return { kind: DocumentDiagnosticReportKind.Full, resultId: id, items };
    }),
  );

  const pending = new Map<string, NodeJS.Timeout>();
  function schedulePush(uri: string, delay = 200): void {
    if (ctx.client.pullDiagnostics) return;
    clearTimeout(pending.get(uri));
    pending.set(
      uri,
      setTimeout(() => {
        pending.delete(uri);
        void pushDiagnostics(uri);
      }, delay),
    );
  }

  async function pushDiagnostics(uri: string): Promise<void> {
    try {
      const document = documents.get(uri);
      if (!document) return;
      const version = document.version;
      const diagnostics = await diagnosticsFor(uri);
      // A newer version arrived meanwhile: its own push will follow.
      if (documents.get(uri)?.version !== version) return;
      await connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (error) {
      ctx.log(`publishing diagnostics failed: ${String(error)}`);
    }
  }

  documents.onDidOpen((e) => {
    savedVersions.set(e.document.uri, e.document.version);
    schedulePush(e.document.uri, 0);
  });
  documents.onDidChangeContent(async (e) => {
    const env = await environments.get(e.document.uri).catch(() => undefined);
    if (env?.settings.run === 'onSave') return;
    schedulePush(e.document.uri);
  });
  documents.onDidSave((e) => {
    savedVersions.set(e.document.uri, e.document.version);
    if (ctx.client.pullDiagnostics) void connection.languages.diagnostics.refresh().then(undefined, () => undefined);
    else schedulePush(e.document.uri, 0);
  });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    ctx.forgetAnalyses(uri);
    savedVersions.delete(uri);
    resultIds.delete(uri);
    environments.forget(uri);
    clearTimeout(pending.get(uri));
    pending.delete(uri);
    if (!ctx.client.pullDiagnostics) void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  return {
    refreshAll(): void {
      void connection.sendNotification(STATUS_CHANGED).catch(() => undefined);
      ctx.forgetAnalyses();
      environments.invalidate();
      // The config files are read again: their problems are published again (an empty list clears them).
      for (const uri of configProblems.keys()) void connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
      configProblems.clear();
      settingsProblems.clear();
      if (ctx.client.pullDiagnostics) void connection.languages.diagnostics.refresh().then(undefined, () => undefined);
      else for (const d of documents.all()) schedulePush(d.uri, 0);
    },
  };
}
