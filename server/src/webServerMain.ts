/**
 * cable-language-server in a web worker, for VS Code for the Web (client/src/browserExtension.ts
 * starts it): the same server as serverMain.ts, over postMessage. The core never touches
 * files; the LSP layer's file access (config files, code tables, the workspace index) finds
 * no files here (web/nodeShims.ts), so documents are read with the built-in tables.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startServer } from './lsp/server';

const scope = globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
const connection = createConnection(new BrowserMessageReader(scope), new BrowserMessageWriter(scope));
startServer(connection as unknown as Parameters<typeof startServer>[0]);
