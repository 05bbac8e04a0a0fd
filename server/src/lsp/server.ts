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
  DidChangeWatchedFilesNotification,
  FileChangeType,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
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
import { ClientCommand, FIND_CABLES, ServerCommand, type FindCablesParams } from '../../../common/protocol';
import { FIX_ALL_KIND, codeActions, combineFixes } from '../core/features/codeActions';
import { completion } from '../core/features/completion';
import { documentSymbols } from '../core/features/documentSymbols';
import { hover } from '../core/features/hover';
import { inlayHints } from '../core/features/inlayHints';
import { definition, documentHighlights, isOwnIdAt, references } from '../core/features/citations';
import { cableReferences, documentLinks } from '../core/features/documentLinks';
import { foldingRanges } from '../core/features/foldingRanges';
import { selectionRanges } from '../core/features/selectionRanges';
import { LEGEND, semanticTokens } from '../core/features/semanticTokens';
import { cableSummaries, workspaceSymbols } from '../core/features/workspace';
import { renumberEdits } from '../core/rules/paragraphNumbering';
import { readCableFile } from '../node/files';
import { WorkspaceIndex, type IndexWorkers } from './workspaceIndex';
import type { CableDocument } from '../core/model/cable';
import { parse } from '../core/parser/parse';
import { lint, ruleDocsUrl, toDiagnostic, toLspEdits, type Problem } from '../core/rules/engine';
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

/** Commands the server carries out (common/protocol.ts; the client adds editor-only ones). */
export const COMMANDS = {
  renumber: ServerCommand.renumberParagraphs,
  clean: ServerCommand.cleanRenderingArtifacts,
  cableId: ServerCommand.cableId,
  lintWorkspace: ServerCommand.lintWorkspace,
  showRuleDocs: ServerCommand.showRuleDocumentation,
} as const;

export function startServer(connection: Connection, options: { indexWorkers?: IndexWorkers } = {}): void {
  const documents = new TextDocuments(TextDocument);
  const environments = new Environments(connection);
  const analyses = new Map<string, Analysis>();
  const savedVersions = new Map<string, number>();
  let pullDiagnostics = false;
  let showDocumentSupported = false;
  let watchRegistration = false;
  let progressSupported = false;
  const index = new WorkspaceIndex((m) => connection.console.log(m), options.indexWorkers?.count ? options.indexWorkers : undefined);

  const log = (message: string): void => connection.console.error(message);

  /**
   * Failure points for tests: `CABLE_FAILPOINTS=hover,documentSymbol` makes those handlers
   * throw, so the tests can check what the server does when a feature fails (no real input
   * makes one fail today).
   */
  const failpoints = new Set((typeof process === 'object' ? (process.env.CABLE_FAILPOINTS ?? '') : '').split(',').filter(Boolean));

  /** Runs a handler; on failure logs it and answers `fallback` instead of failing the request. */
  function safe<P, R>(name: string, fallback: R, handler: (params: P, token: CancellationToken) => R | Promise<R>) {
    return async (params: P, token: CancellationToken): Promise<R> => {
      // LSP: after shutdown, requests fail with InvalidRequest; a request cancelled before it
      // starts is not run at all.
      if (shutDown) throw new ResponseError(ErrorCodes.InvalidRequest, 'the server is shutting down');
      if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      try {
        if (failpoints.has(name)) throw new Error(`${name}: failure injected by CABLE_FAILPOINTS`);
        return await handler(params, token);
      } catch (error) {
        log(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return fallback;
      }
    };
  }

  let shutDown = false;
  connection.onShutdown(() => {
    shutDown = true;
  });

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
    const doc = parse(current.getText(), { station: env.tables.station, fileName: fileNameOf(uri) });
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
    // Ignored by the config: not checked, as `cable lint` does not check it.
    if (env.ignored) return extra;
    const analysis = await analyze(uri);
    if (!analysis) return extra;
    return [...extra, ...problemsOf(analysis).map((p) => toDiagnostic(analysis.doc, p, uri))];
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    pullDiagnostics = !!caps.textDocument?.diagnostic;
    showDocumentSupported = !!caps.window?.showDocument?.support;
    progressSupported = !!caps.window?.workDoneProgress;
    watchRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
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
        executeCommandProvider: { commands: Object.values(COMMANDS) },
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        documentLinkProvider: { resolveProvider: false },
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        workspaceSymbolProvider: true,
        codeLensProvider: { resolveProvider: false },
        completionProvider: { triggerCharacters: [' ', '/', '(', '.', ','], resolveProvider: false },
        inlayHintProvider: { resolveProvider: false },
        semanticTokensProvider: { legend: LEGEND, full: true, range: true },
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
    if (watchRegistration) {
      void connection.client
        // Code tables are .tsv or .json files anywhere the settings or a config name them; changes to other such files are passed over.
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.cable' }, { globPattern: '**/.cablelintrc.json' }, { globPattern: '**/*.{tsv,json}' }] })
        .catch(() => undefined);
    }
    void startIndex();
  });

  async function startIndex(): Promise<void> {
    if (!environments.workspaceFolders.length) return;
    let reporter: Awaited<ReturnType<typeof connection.window.createWorkDoneProgress>> | undefined;
    if (progressSupported) reporter = await connection.window.createWorkDoneProgress().catch(() => undefined);
    await index.start(environments.workspaceFolders, {
      begin: () => reporter?.begin('Indexing cables', undefined, undefined, false),
      report: (done) => reporter?.report(`${done} files`),
      end: () => reporter?.done(),
    });
    // Open documents are fresher than the files on disk.
    for (const d of documents.all()) {
      const a = await analyze(d.uri);
      if (a) index.updateFromDocument(d.uri, a.doc);
    }
    if (pullDiagnostics) void connection.sendRequest('workspace/codeLens/refresh').then(undefined, () => undefined);
  }

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
    if (change.changes.some((c) => /\.cablelintrc\.json$/i.test(c.uri) || environments.isTableFile(filePath(c.uri) ?? ''))) refreshAll();
    for (const c of change.changes) {
      if (!c.uri.endsWith('.cable') || documents.get(c.uri)) continue;
      const file = filePath(c.uri);
      if (!file) continue;
      if (c.type === FileChangeType.Deleted) index.remove(c.uri);
      else index.update(file);
    }
  });

  // ---------------------------------------------------------------------------------------
  // Features

  /** A handler over the document's tree: empty answer when the document is unknown or too large. */
  function withTree<P extends { textDocument: { uri: string } }, R>(name: string, fallback: R, run: (analysis: Analysis, params: P) => R) {
    return safe<P, R>(name, fallback, async (params) => {
      const analysis = await analyze(params.textDocument.uri);
      return analysis ? run(analysis, params) : fallback;
    });
  }

  connection.onFoldingRanges(withTree('foldingRange', [], (a) => foldingRanges(a.doc)));
  connection.onSelectionRanges(withTree('selectionRange', [], (a, p) => selectionRanges(a.doc, p.positions)));
  connection.onDocumentLinks(
    withTree('documentLink', [], (a) =>
      documentLinks(a.doc, {
        fileOf: (id) => index.filesOf(id)[0],
        archiveUrl: a.env.settings.links.archiveUrl,
      }),
    ),
  );
  connection.onDefinition(
    withTree('definition', [], (a, p) => {
      const offset = a.doc.lines.offsetAt(p.position);
      const local = definition(a.doc, p.textDocument.uri, offset);
      if (local.length) return local;
      // A cable id (REF item or in the text): the cable's file, when the workspace has it.
      const ref = cableReferences(a.doc).find((r) => r.token.start <= offset && offset <= r.token.end);
      if (!ref?.id) return [];
      return index.filesOf(ref.id).map((uri) => ({ uri, range: index.get(uri)!.range }));
    }),
  );
  connection.onReferences(
    withTree('references', [], (a, p) => {
      const offset = a.doc.lines.offsetAt(p.position);
      if (isOwnIdAt(a.doc, offset) && a.doc.id) {
        // On the classification line: the cables of the workspace that cite this one.
        return index.citing(a.doc.id).filter((e) => e.uri !== p.textDocument.uri).map((e) => ({ uri: e.uri, range: e.range }));
      }
      return references(a.doc, p.textDocument.uri, offset, p.context.includeDeclaration);
    }),
  );
  connection.onDocumentHighlight(withTree('documentHighlight', [], (a, p) => documentHighlights(a.doc, a.doc.lines.offsetAt(p.position))));
  connection.onWorkspaceSymbol(safe('workspaceSymbol', [], (p) => workspaceSymbols(index.all(), p.query)));
  connection.onRequest(FIND_CABLES, safe('findCables', [], (p: FindCablesParams) => cableSummaries(index.all(), String(p?.query ?? ''), Math.max(1, Math.min(Number(p?.limit) || 500, 5000)))));
  connection.onCodeLens(
    withTree('codeLens', [], (a, p) => {
      const c = a.doc.textHeader.classification;
      if (!c || !a.doc.id) return [];
      const citing = index.citing(a.doc.id).filter((e) => e.uri !== p.textDocument.uri);
      const range = a.doc.lines.range(c.span.start, c.span.end);
      return [
        {
          range,
          command: {
            title: `referenced by ${citing.length} cable${citing.length === 1 ? '' : 's'}${index.complete ? '' : ' (indexing…)'}`,
            command: citing.length ? ClientCommand.showReferences : '',
            arguments: [p.textDocument.uri, range.start, citing.map((e) => ({ uri: e.uri, range: e.range }))],
          },
        },
      ];
    }),
  );
  connection.onCompletion(withTree('completion', { isIncomplete: false, items: [] }, (a, p) => completion(a.doc, p.position, a.tables, { now: new Date() })));
  connection.languages.inlayHint.on(withTree('inlayHint', [], (a, p) => (a.env.settings.inlayHints.enable ? inlayHints(a.doc, a.tables, p.range) : [])));
  connection.languages.semanticTokens.on(withTree('semanticTokens', { data: [] }, (a) => semanticTokens(a.doc, a.tables)));
  connection.languages.semanticTokens.onRange(withTree('semanticTokensRange', { data: [] }, (a, p) => semanticTokens(a.doc, a.tables, p.range.start.line, p.range.end.line)));

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
    safe('executeCommand', null as unknown, async (params, token) => {
      const arg = params.arguments?.[0];
      switch (params.command) {
        case COMMANDS.showRuleDocs: {
          const ruleId = String(arg ?? '');
          if (!RULES_BY_ID.has(ruleId)) return null;
          const url = ruleDocsUrl(ruleId);
          if (showDocumentSupported) await connection.window.showDocument({ uri: url, external: true });
          else connection.window.showInformationMessage(`Documentation for ${ruleId}: ${url}`);
          return null;
        }
        case COMMANDS.renumber:
        case COMMANDS.clean: {
          const uri = String(arg ?? '');
          const a = await analyze(uri);
          if (!a) return { applied: false, changes: 0 };
          const edits =
            params.command === COMMANDS.renumber
              ? renumberEdits(a.doc)
              : combineFixes(problemsOf(a).filter((p) => p.ruleId === 'rendering-artifact' && p.fix).map((p) => p.fix!.edits));
          if (!edits.length) return { applied: true, changes: 0 };
          const result = await connection.workspace.applyEdit({ label: params.command === COMMANDS.renumber ? 'Renumber paragraphs' : 'Clean rendering artifacts', edit: { changes: { [uri]: toLspEdits(a.doc, edits) } } });
          return { applied: result.applied, changes: edits.length };
        }
        case COMMANDS.cableId: {
          const a = await analyze(String(arg ?? ''));
          return a?.doc.id ?? null;
        }
        case COMMANDS.lintWorkspace:
          return lintWorkspace(token);
        default:
          return null;
      }
    }),
  );

  /** Lints every cable of the workspace and publishes the diagnostics of the files not open; with progress and cancel. */
  async function lintWorkspace(request?: CancellationToken): Promise<{ files: number; problems: number; cancelled: boolean }> {
    await index.whenIdle();
    const reporter = progressSupported ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    const entries = [...index.all()];
    reporter?.begin('Linting cables', 0, `0 of ${entries.length}`, true);
    let problems = 0;
    let files = 0;
    let cancelled = false;
    for (const entry of entries) {
      // Stopped from the progress notification's Cancel button or by $/cancelRequest.
      if (reporter?.token.isCancellationRequested || request?.isCancellationRequested) {
        cancelled = true;
        break;
      }
      files++;
      if (documents.get(entry.uri)) continue;
      const file = filePath(entry.uri);
      if (!file) continue;
      try {
        const env = await environments.get(entry.uri);
        // Files the config's `ignore` names are skipped, as by `cable lint`.
        if (env.ignored) continue;
        // Files above cable.maxFileSize (in bytes here) are skipped, as open ones are not checked.
        const read = await readCableFile(file, env.settings.maxFileSize);
        const doc = parse(read.text, { station: env.tables.station, fileName: file });
        const found = lint(doc, { tables: env.tables, severities: env.severities });
        problems += found.length;
        await connection.sendDiagnostics({ uri: entry.uri, diagnostics: found.map((p) => toDiagnostic(doc, p, entry.uri)) });
      } catch (error) {
        log(`linting ${file} failed: ${String(error)}`);
      }
      if (files % 20 === 0) {
        reporter?.report(Math.round((files / entries.length) * 100), `${files} of ${entries.length}`);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    reporter?.done();
    return { files, problems, cancelled };
  }

  // Keep the index current with open documents.
  documents.onDidChangeContent(async (e) => {
    const a = await analyze(e.document.uri).catch(() => undefined);
    if (a) index.updateFromDocument(e.document.uri, a.doc);
  });

  documents.listen(connection);
  connection.listen();
}

/** The last path segment of a URI (`08ASTANA2361.cable`), whatever its scheme. */
function fileNameOf(uri: string): string | undefined {
  const path = uri.replace(/[?#].*$/, '');
  const name = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name) || undefined;
  } catch {
    return name || undefined;
  }
}

function filePath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}
