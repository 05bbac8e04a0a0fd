/**
 * The LSP layer: the only part of the server that knows the protocol. It keeps the open
 * documents, parses each version once (DocumentCache), reads settings, and hands the tree
 * to the pure features in ../core. Every handler catches and logs its own failures, so one
 * bad request never brings the server down.
 */
import {
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { documentSymbols } from '../core/features/documentSymbols';
import { parse } from '../core/parser/parse';
import { VERSION } from '../version';
import { DocumentCache } from './documentCache';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new DocumentCache((text) => parse(text));

  /** Runs a handler; on failure logs it and answers `fallback` instead of failing the request. */
  function safe<P, R>(name: string, fallback: R, handler: (params: P) => R | Promise<R>): (params: P) => Promise<R> {
    return async (params: P) => {
      try {
        return await handler(params);
      } catch (error) {
        connection.console.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return fallback;
      }
    };
  }

  function treeOf(uri: string) {
    const document = documents.get(uri);
    return document ? { document, doc: cache.get(document) } : undefined;
  }

  connection.onInitialize((_params: InitializeParams): InitializeResult => ({
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      documentSymbolProvider: { label: 'Cable' },
    },
    serverInfo: { name: 'cable-language-server', version: VERSION },
  }));

  connection.onDocumentSymbol(
    safe('documentSymbol', [], (params) => {
      const entry = treeOf(params.textDocument.uri);
      return entry ? documentSymbols(entry.doc) : [];
    }),
  );

  documents.onDidClose((event) => cache.delete(event.document.uri));
  documents.listen(connection);
  connection.listen();
}
