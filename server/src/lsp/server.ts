/**
 * The LSP layer: the only part of the server that knows the protocol. It keeps the open
 * documents, parses each version once (DocumentCache), resolves settings and config files
 * (Environments), and hands the tree to the pure features in ../core. Every handler
 * catches and logs its own failures, so one bad request never brings the server down.
 */
import { fileURLToPath } from 'node:url';
import {
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind } from 'vscode-languageserver-types';
import { FIX_ALL_KIND, SHOW_RULE_DOCS_COMMAND, codeActions, ruleDocumentationUrl } from '../core/features/codeActions';
import { documentSymbols } from '../core/features/documentSymbols';
import { hover } from '../core/features/hover';
import type { CableDocument } from '../core/model/cable';
import { parse } from '../core/parser/parse';
import { lint, toDiagnostic, type Problem } from '../core/rules/engine';
import { RULES_BY_ID } from '../core/rules/registry';
import type { CodeTables } from '../core/tables/codeTables';
import { VERSION } from '../version';
import { Environments, type DocumentEnvironment } from './environment';
import { normalizeSettings } from './settings';

interface Analysis {
  version: number;
  tables: CodeTables;
  doc: CableDocument;
  env: DocumentEnvironment;
  /** Problems, computed on first use and kept for this version. */
  problems?: Problem[];
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const environments = new Environments(connection);
  const analyses = new Map<string, Analysis>();
  const savedVersions = new Map<string, number>();
  let pullDiagnostics = false;
  let showDocumentSupported = false;

  const log = (message: string): void => connection.console.error(message);

  /** Runs a handler; on failure logs it and answers `fallback` instead of failing the request. */
  function safe<P, R>(name: string, fallback: R, handler: (params: P, token: CancellationToken) => R | Promise<R>) {
    return async (params: P, token: CancellationToken): Promise<R> => {
      try {
        return await handler(params, token);
      } catch (error) {
        log(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return fallback;
      }
    };
  }

  function tooLarge(document: TextDocument, env: DocumentEnvironment): boolean {
    return document.getText().length > env.settings.maxFileSize;
  }

  /** The tree of the document's current version: parsed once per version (and per set of code tables). */
  async function analyze(uri: string): Promise<Analysis | undefined> {
    const document = documents.get(uri);
    if (!document) return undefined;
    const env = await environments.get(uri);
    if (tooLarge(document, env)) return undefined;
    const current = documents.get(uri);
    if (!current) return undefined;
    const cached = analyses.get(uri);
    if (cached && cached.version === current.version && cached.tables === env.tables) return cached;
    const doc = parse(current.getText(), { isStation: env.tables.isStation });
    const analysis: Analysis = { version: current.version, tables: env.tables, doc, env };
    analyses.set(uri, analysis);
    return analysis;
  }

  function problemsOf(analysis: Analysis): Problem[] {
    analysis.problems ??= lint(analysis.doc, { tables: analysis.tables, severities: analysis.env.severities });
    return analysis.problems;
  }

  async function diagnosticsFor(uri: string): Promise<Diagnostic[]> {
    const document = documents.get(uri);
    if (!document) return [];
    const env = await environments.get(uri);
    const extra: Diagnostic[] = env.errors.map((message) => ({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Warning,
      source: 'cable',
      message: `Configuration: ${message}`,
    }));
    if (tooLarge(document, env)) {
      extra.push({
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        source: 'cable',
        code: 'file-too-large',
        message: `This file has ${document.getText().length.toLocaleString('en-US')} characters, more than cable.maxFileSize (${env.settings.maxFileSize.toLocaleString('en-US')}): hovers, outline and checks are off for it to keep the editor responsive.`,
      });
      return extra;
    }
    const analysis = await analyze(uri);
    if (!analysis) return extra;
    return [...extra, ...problemsOf(analysis).map((p) => toDiagnostic(analysis.doc, p))];
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    pullDiagnostics = !!caps.textDocument?.diagnostic;
    showDocumentSupported = !!caps.window?.showDocument?.support;
    environments.canAskConfiguration = !!caps.workspace?.configuration;
    environments.workspaceFolders = (params.workspaceFolders ?? []).map((f) => filePath(f.uri)).filter((p): p is string => !!p);
    if (!environments.workspaceFolders.length && params.rootUri) {
      const root = filePath(params.rootUri);
      if (root) environments.workspaceFolders = [root];
    }
    const result: InitializeResult = {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        documentSymbolProvider: { label: 'Cable' },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        executeCommandProvider: { commands: [SHOW_RULE_DOCS_COMMAND] },
      },
      serverInfo: { name: 'cable-language-server', version: VERSION },
    };
    if (pullDiagnostics) {
      result.capabilities.diagnosticProvider = { identifier: 'cable', interFileDependencies: false, workspaceDiagnostics: false };
    }
    return result;
  });

  connection.onInitialized(() => {
    if (environments.canAskConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'cable' }).catch(() => undefined);
    }
  });

  // ---------------------------------------------------------------------------------------
  // Diagnostics: pulled by clients that can (VS Code), pushed to the others (Neovim …).

  const resultIds = new Map<string, { id: string; version: number }>();
  let resultCounter = 0;

  connection.languages.diagnostics.on(
    safe<DocumentDiagnosticParams, DocumentDiagnosticReport>('diagnostics', { kind: DocumentDiagnosticReportKind.Full, items: [] }, async (params) => {
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
    if (pullDiagnostics) return;
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
      log(`publishing diagnostics failed: ${String(error)}`);
    }
  }

  function refreshAll(): void {
    analyses.clear();
    environments.invalidate();
    if (pullDiagnostics) void connection.languages.diagnostics.refresh().then(undefined, () => undefined);
    else for (const d of documents.all()) schedulePush(d.uri, 0);
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
    if (pullDiagnostics) void connection.languages.diagnostics.refresh().then(undefined, () => undefined);
    else schedulePush(e.document.uri, 0);
  });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    analyses.delete(uri);
    savedVersions.delete(uri);
    resultIds.delete(uri);
    environments.forget(uri);
    clearTimeout(pending.get(uri));
    pending.delete(uri);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration((change) => {
    if (!environments.canAskConfiguration) {
      const settings = (change.settings as { cable?: unknown } | undefined)?.cable;
      environments.globalSettings = normalizeSettings(settings);
    }
    refreshAll();
  });

  connection.onDidChangeWatchedFiles((change) => {
    if (change.changes.some((c) => /\.cablelintrc\.json$|\.(tsv|json)$/i.test(c.uri))) refreshAll();
  });

  // ---------------------------------------------------------------------------------------
  // Features

  connection.onHover(
    safe('hover', null, async (params) => {
      const analysis = await analyze(params.textDocument.uri);
      if (!analysis) return null;
      return hover(analysis.doc, analysis.doc.lines.offsetAt(params.position), analysis.tables) ?? null;
    }),
  );

  connection.onDocumentSymbol(
    safe('documentSymbol', [], async (params) => {
      const analysis = await analyze(params.textDocument.uri);
      return analysis ? documentSymbols(analysis.doc) : [];
    }),
  );

  connection.onCodeAction(
    safe('codeAction', [], async (params) => {
      const analysis = await analyze(params.textDocument.uri);
      if (!analysis) return [];
      return codeActions({
        uri: params.textDocument.uri,
        doc: analysis.doc,
        diagnostics: params.context.diagnostics,
        problems: problemsOf(analysis),
        only: params.context.only,
      });
    }),
  );

  connection.onExecuteCommand(
    safe('executeCommand', null, async (params) => {
      if (params.command === SHOW_RULE_DOCS_COMMAND) {
        const ruleId = String(params.arguments?.[0] ?? '');
        if (!RULES_BY_ID.has(ruleId)) return null;
        const url = ruleDocumentationUrl(ruleId);
        if (showDocumentSupported) await connection.window.showDocument({ uri: url, external: true });
        else connection.window.showInformationMessage(`Documentation for ${ruleId}: ${url}`);
      }
      return null;
    }),
  );

  documents.listen(connection);
  connection.listen();
}

function filePath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}
