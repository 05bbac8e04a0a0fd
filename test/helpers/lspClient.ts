/**
 * A minimal LSP client for protocol tests: spawns the built server (`dist/server.js --stdio`)
 * and speaks JSON-RPC to it over its standard streams, as any editor would.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { ROOT } from './fixtures';

export const SERVER = path.join(ROOT, 'dist', 'server.js');

export interface TestClient {
  connection: ProtocolConnection;
  child: ChildProcess;
  initialize: InitializeResult;
  stderr: () => string;
  /** What the server logged (window/logMessage), in order. */
  logs: () => string[];
  /** The capabilities the server registered (client/registerCapability), in order. */
  registrations: () => { method: string; registerOptions?: unknown }[];
  /** Diagnostics the server pushed, by URI (latest). */
  pushed: Map<string, PublishDiagnosticsParams>;
  open(uri: string, text: string, version?: number): Promise<void>;
  change(uri: string, text: string, version: number): Promise<void>;
  close(uri: string): Promise<void>;
  /** Pulls a document's diagnostics (`textDocument/diagnostic`), which must be a full report. */
  pullDiagnostics(uri: string): Promise<Diagnostic[]>;
  /** Waits for a push of diagnostics for `uri` that satisfies `predicate`. */
  waitForDiagnostics(uri: string, predicate?: (p: PublishDiagnosticsParams) => boolean, timeout?: number): Promise<PublishDiagnosticsParams>;
  /** Sends shutdown and exit; resolves with the server's exit code. */
  stop(): Promise<number | null>;
}

/** VS Code-like capabilities (pull diagnostics, markdown hovers, hierarchical symbols). */
export const FULL_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
    publishDiagnostics: { relatedInformation: true },
    semanticTokens: { requests: { full: true, range: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] },
    inlayHint: {},
    foldingRange: {},
    selectionRange: {},
    documentLink: {},
    completion: { completionItem: { snippetSupport: true } },
  },
  workspace: { configuration: false, workspaceFolders: true },
  window: { showDocument: { support: false } },
};

/** A client that cannot pull diagnostics (like Neovim 0.7): the server must push them. */
export const PUSH_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    publishDiagnostics: { relatedInformation: true },
  },
};

export function fileUri(file: string): string {
  return pathToFileURL(file).toString();
}

export async function startClient(
  capabilities: ClientCapabilities = FULL_CAPABILITIES,
  options: { rootUri?: string | null; initializationOptions?: unknown; settings?: unknown; env?: Record<string, string> } = {},
): Promise<TestClient> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const pushed = new Map<string, PublishDiagnosticsParams>();
  const waiters: { uri: string; predicate: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    pushed.set(p.uri, p);
    for (const w of [...waiters]) {
      if (w.uri === p.uri && w.predicate(p)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p);
      }
    }
  });
  connection.onRequest('workspace/configuration', () => [options.settings ?? {}]);
  const registrations: { method: string; registerOptions?: unknown }[] = [];
  connection.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
    registrations.push(...p.registrations);
    return null;
  });
  connection.onRequest('window/workDoneProgress/create', () => null);
  const logs: string[] = [];
  connection.onNotification('window/logMessage', (p: { message: string }) => {
    logs.push(p.message);
  });
  connection.listen();
  const initialize = (await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: options.rootUri ?? null,
    capabilities,
    initializationOptions: options.initializationOptions,
    workspaceFolders: options.rootUri ? [{ uri: options.rootUri, name: 'workspace' }] : null,
  })) as InitializeResult;
  await connection.sendNotification('initialized', {});
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    connection,
    child,
    initialize,
    stderr: () => stderr,
    logs: () => logs,
    registrations: () => registrations,
    pushed,
    open: (uri, text, version = 1) => connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'cable', version, text } }),
    change: (uri, text, version) => connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] }),
    close: (uri) => connection.sendNotification('textDocument/didClose', { textDocument: { uri } }),
    async pullDiagnostics(uri) {
      const report = (await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as DocumentDiagnosticReport;
      assert.equal(report.kind, 'full');
      return (report as { items: Diagnostic[] }).items;
    },
    waitForDiagnostics(uri, predicate = () => true, timeout = 10_000) {
      const current = pushed.get(uri);
      if (current && predicate(current)) return Promise.resolve(current);
      return new Promise((resolve, reject) => {
        const waiter = { uri, predicate, resolve };
        waiters.push(waiter);
        setTimeout(() => {
          const at = waiters.indexOf(waiter);
          if (at >= 0) {
            waiters.splice(at, 1);
            reject(new Error(`no diagnostics for ${uri} within ${timeout} ms`));
          }
        }, timeout).unref();
      });
    },
    async stop() {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
}

/** Asks `fn` until its answer is `ok` (every 50 ms, up to `timeout`), and returns the last answer. */
export async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeout = 15_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}
