/**
 * The LSP layer's wiring: the only part of the server that knows the protocol. It answers
 * `initialize`, starts the workspace index, follows settings and file changes, and registers
 * the diagnostics (diagnostics.ts), the features (features.ts) and the commands
 * (commands.ts), which all share one ServerContext (context.ts: documents, environments,
 * the index, and the trees, parsed once per document version).
 */
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { CodeActionKind } from 'vscode-languageserver-types';
import { FIX_ALL_KIND } from '../core/features/codeActions';
import { LEGEND } from '../core/features/semanticTokens';
import { VERSION } from '../version';
import { INDEX_CHANGED, ServerCommand, STATUS_CHANGED } from '../../../common/protocol';
import { registerCommands } from './commands';
import { ServerContext } from './context';
import { registerDiagnostics } from './diagnostics';
import { filePathOf } from './environment';
import { registerFeatures } from './features';
import { registerViews } from './views';
import { normalizeSettings } from './settings';
import type { IndexWorkers } from '../node/workspaceIndex';


export function startServer(connection: Connection, options: { indexWorkers?: IndexWorkers } = {}): void {
  const ctx = new ServerContext(connection, options.indexWorkers);
  const { documents, environments, index } = ctx;

  connection.onShutdown(() => {
    ctx.shutDown = true;
  });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    ctx.client.pullDiagnostics = !!caps.textDocument?.diagnostic;
    ctx.client.showDocument = !!caps.window?.showDocument?.support;
    ctx.client.progress = !!caps.window?.workDoneProgress;
    ctx.client.watchRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    ctx.client.createFiles = !!caps.workspace?.workspaceEdit?.documentChanges && !!caps.workspace.workspaceEdit.resourceOperations?.includes('create');
    environments.canAskConfiguration = !!caps.workspace?.configuration;
    // VS Code's Restricted Mode: the client passes `trusted: false` (other clients say nothing).
    environments.trusted = (params.initializationOptions as { trusted?: unknown } | undefined)?.trusted !== false;
    environments.workspaceFolders = (params.workspaceFolders ?? []).map((f) => filePathOf(f.uri)).filter((p): p is string => !!p);
    if (!environments.workspaceFolders.length && params.rootUri) {
      const root = filePathOf(params.rootUri);
      if (root) environments.workspaceFolders = [root];
    }
    const result: InitializeResult = {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        documentSymbolProvider: { label: 'Cable' },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        executeCommandProvider: { commands: Object.values(ServerCommand) },
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
    if (ctx.client.pullDiagnostics) {
      result.capabilities.diagnosticProvider = { identifier: 'cable', interFileDependencies: false, workspaceDiagnostics: false };
    }
    return result;
  });

  connection.onInitialized(() => {
    if (environments.canAskConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'cable' }).catch(() => undefined);
    }
    if (ctx.client.watchRegistration) {
      void connection.client
        // Code tables are .tsv or .json files anywhere the settings or a config name them; changes to other such files are passed over.
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.cable' }, { globPattern: '**/.cablelintrc.json' }, { globPattern: '**/*.{tsv,json}' }] })
        .catch(() => undefined);
    }
    void startIndex();
  });

  /** When the status item was last told the index moved (`CABLE_STATUS_INTERVAL_MS`: tests ask for every step). */
  let lastStatus = 0;
  const STATUS_INTERVAL_MS = Number((typeof process === 'object' && process.env.CABLE_STATUS_INTERVAL_MS) || 500);

  /** An untitled document is no cable of the workspace (it is in no folder): the index leaves it out. */
  const inWorkspace = (uri: string): boolean => typeof uri === 'string' && !uri.startsWith('untitled:');

  /** What the client was last told of the index (its version, and whether it was complete); a timer while a notification waits. */
  let announced = '';
  let announceTimer: ReturnType<typeof setTimeout> | undefined;
  /** Tells the client the index changed (its views ask again), at most once per STATUS_INTERVAL_MS. */
  function announceIndex(): void {
    if (announceTimer) return;
    const send = (): void => {
      announceTimer = undefined;
      // Finishing a scan changes no entry, but the views must hear that the index is complete.
      const state = `${index.version}/${index.complete}`;
      if (state === announced) return;
      announced = state;
      void connection.sendNotification(INDEX_CHANGED).catch(() => undefined);
    };
    announceTimer = setTimeout(send, announced ? STATUS_INTERVAL_MS : 0);
  }

  /** The code tables the index last read cables with (a change to them means reading again). */
  let indexTables = '';

  async function startIndex(): Promise<void> {
    if (!environments.workspaceFolders.length) return;
    // Cable ids are read with the code tables the files are checked with: the settings' (of the first folder) and each folder's config.
    const editorTables = await environments.editorTablesFor(environments.workspaceFolders[0]).catch(() => undefined);
    indexTables = JSON.stringify(editorTables ?? null);
    let reporter: Awaited<ReturnType<typeof connection.window.createWorkDoneProgress>> | undefined;
    if (ctx.client.progress) reporter = await connection.window.createWorkDoneProgress().catch(() => undefined);
    const scan = index.start(
      environments.workspaceFolders,
      {
        begin: () => reporter?.begin('Indexing cables', undefined, undefined, false),
        report: (done) => {
          reporter?.report(`${done} files`);
          announceIndex();
          // The status item counts the cables read so far, a few times a second at most.
          if (Date.now() - lastStatus >= STATUS_INTERVAL_MS) {
            lastStatus = Date.now();
            void connection.sendNotification(STATUS_CHANGED).catch(() => undefined);
          }
        },
        end: () => reporter?.done(),
      },
      editorTables,
    );
    // The status item shows the index at work, then its count.
    void connection.sendNotification(STATUS_CHANGED).catch(() => undefined);
    await scan;
    void connection.sendNotification(STATUS_CHANGED).catch(() => undefined);
    announceIndex();
    // Open documents are fresher than the files on disk.
    for (const d of documents.all()) {
      if (!inWorkspace(d.uri)) continue;
      const a = await ctx.analyze(d.uri);
      if (a) index.updateFromDocument(d.uri, a.doc);
    }
    announceIndex();
    if (ctx.client.pullDiagnostics) void connection.sendRequest('workspace/codeLens/refresh').then(undefined, () => undefined);
  }

  const diagnostics = registerDiagnostics(ctx);
  registerFeatures(ctx);
  registerViews(ctx);
  registerCommands(ctx);

  connection.onDidChangeConfiguration(async (change) => {
    if (!environments.canAskConfiguration) {
      const settings = (change.settings as { cable?: unknown } | undefined)?.cable;
      environments.globalSettings = normalizeSettings(settings);
    }
    diagnostics.refreshAll();
    // Other code tables in the settings: the index reads the workspace again.
    const folder = environments.workspaceFolders[0];
    if (folder && JSON.stringify((await environments.editorTablesFor(folder).catch(() => undefined)) ?? null) !== indexTables) void startIndex();
  });

  connection.onDidChangeWatchedFiles((change) => {
    const isTable = (uri: string): boolean => {
      const file = filePathOf(uri);
      return !!file && (environments.isTableFile(file) || index.isTableFile(file));
    };
    if (change.changes.some((c) => /\.cablelintrc\.json$/i.test(c.uri) || isTable(c.uri))) {
      diagnostics.refreshAll();
      // The ids the index read may have changed with the tables.
      void startIndex();
      return;
    }
    for (const c of change.changes) {
      if (!c.uri.endsWith('.cable') || documents.get(c.uri)) continue;
      const file = filePathOf(c.uri);
      if (!file) continue;
      if (c.type === FileChangeType.Deleted) {
        index.remove(c.uri);
        announceIndex();
      } else void index.update(file).then(announceIndex);
    }
  });

  // Keep the index current with open documents: their text is fresher than the file's.
  documents.onDidChangeContent(async (e) => {
    if (!inWorkspace(e.document.uri)) return;
    const a = await ctx.analyze(e.document.uri).catch(() => undefined);
    if (a) {
      index.updateFromDocument(e.document.uri, a.doc);
      announceIndex();
    }
  });
  // Closed: the file as it is on disk again (changes may have been discarded), or nothing.
  documents.onDidClose((e) => {
    if (!inWorkspace(e.document.uri)) return;
    const file = filePathOf(e.document.uri);
    if (file) void index.update(file).then(announceIndex);
    else {
      index.remove(e.document.uri);
      announceIndex();
    }
  });

  documents.listen(connection);
  connection.listen();
}
