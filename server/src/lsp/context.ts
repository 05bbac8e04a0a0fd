/**
 * What every part of the LSP layer shares: the connection, the open documents, their
 * environments, the workspace index, the client's capabilities, and the one cache of trees
 * (parsed once per document version). Handlers are wrapped by `safe` (a failure is logged and
 * answered with an empty result) and, when they read a document's tree, by `withTree`.
 */
import { ErrorCodes, LSPErrorCodes, ResponseError, TextDocuments, type CancellationToken, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Problem } from '../core/rules/engine';
import { nodeWorkspace } from '../node/nodeWorkspace';
import { WorkspaceIndex, type IndexWorkers } from '../node/workspaceIndex';
import { createCableService, type Analysis as ServiceAnalysis, type CableService } from '../service/cableService';
import { Environments, type DocumentEnvironment } from './environment';

/** A document version's tree (kept by the cable service), with the editor's environment. */
export type Analysis = ServiceAnalysis<DocumentEnvironment>;

/** What the client can do, read from `initialize`. */
export interface ClientCapabilities {
  pullDiagnostics: boolean;
  showDocument: boolean;
  progress: boolean;
  watchRegistration: boolean;
  /** Workspace edits may create files (`documentChanges` with `create`). */
  createFiles: boolean;
}

type Handler<P, R> = (params: P, token: CancellationToken) => R | Promise<R>;

export class ServerContext {
  readonly documents = new TextDocuments(TextDocument);
  readonly environments: Environments;
  readonly index: WorkspaceIndex;
  /** The core of the server: environments, trees, problems, fixes, the workspace's cables. */
  readonly service: CableService;
  readonly client: ClientCapabilities = { pullDiagnostics: false, showDocument: false, progress: false, watchRegistration: false, createFiles: false };
  shutDown = false;
  /**
   * Failure points for tests: `CABLE_FAILPOINTS=hover,documentSymbol` makes those handlers
   * throw, so the tests can check what the server does when a feature fails (no real input
   * makes one fail today).
   */
  private readonly failpoints = new Set((typeof process === 'object' ? (process.env.CABLE_FAILPOINTS ?? '') : '').split(',').filter(Boolean));

  constructor(
    readonly connection: Connection,
    indexWorkers?: IndexWorkers,
  ) {
    this.index = new WorkspaceIndex((m) => connection.console.log(m), indexWorkers?.count ? indexWorkers : undefined);
    this.service = createCableService({ workspace: nodeWorkspace(), index: this.index });
    this.environments = new Environments(connection, this.service);
  }

  log(message: string): void {
    this.connection.console.error(message);
  }

  /** Runs a handler; on failure logs it and answers `fallback` instead of failing the request. */
  safe<P, R>(name: string, fallback: R, handler: Handler<P, R>): (params: P, token: CancellationToken) => Promise<R> {
    return async (params: P, token: CancellationToken): Promise<R> => {
      // LSP: after shutdown, requests fail with InvalidRequest; a request cancelled before it
      // starts is not run at all.
      if (this.shutDown) throw new ResponseError(ErrorCodes.InvalidRequest, 'the server is shutting down');
      if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      try {
        if (this.failpoints.has(name)) throw new Error(`${name}: failure injected by CABLE_FAILPOINTS`);
        return await handler(params, token);
      } catch (error) {
        this.log(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return fallback;
      }
    };
  }

  /** A handler over the document's tree: empty answer when the document is unknown or too large. */
  withTree<P extends { textDocument: { uri: string } }, R>(name: string, fallback: R, run: (analysis: Analysis, params: P) => R): (params: P, token: CancellationToken) => Promise<R> {
    return this.safe<P, R>(name, fallback, async (params) => {
      const analysis = await this.analyze(params.textDocument.uri);
      return analysis ? run(analysis, params) : fallback;
    });
  }

  tooLarge(document: TextDocument, env: DocumentEnvironment): boolean {
    return document.getText().length > env.settings.maxFileSize;
  }

  /** The tree of the document's current version: parsed once per version (and per set of code tables). */
  async analyze(uri: string): Promise<Analysis | undefined> {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const env = await this.environments.get(uri);
    if (this.tooLarge(document, env)) return undefined;
    const current = this.documents.get(uri);
    if (!current) return undefined;
    return this.service.analyze(uri, current.version, () => current.getText(), env, fileNameOf(uri));
  }

  problemsOf(analysis: Analysis): Problem[] {
    return this.service.problems(analysis);
  }

  /** Drops the trees (settings or config changed) or one document's (closed). */
  forgetAnalyses(uri?: string): void {
    this.service.forget(uri);
  }
}

/** The last path segment of a URI (`08ASTANA2361.cable`), whatever its scheme. */
export function fileNameOf(uri: string): string | undefined {
  const path = uri.replace(/[?#].*$/, '');
  const name = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name) || undefined;
  } catch {
    return name || undefined;
  }
}
