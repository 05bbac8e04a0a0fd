/**
 * Cable Tools in the browser (VS Code for the Web: vscode.dev, github.dev, a browser's
 * web-worker extension host): the same language server, bundled for a web worker
 * (dist/web/server.js), reading only the documents the editor gives it. Hovers, outline,
 * diagnostics and fixes work; there are no files to read: no .cablelintrc.json, no workspace
 * index, no tasks. The rest is common.ts.
 */
import * as vscode from 'vscode';
import { LanguageClient, type ServerOptions } from 'vscode-languageclient/browser';
import { activateWith, deactivateClient, type CableToolsApi } from './common';

/** The browser's Worker, Blob and URL (this file is built for the browser; the project's types are Node's). */
declare const Worker: new (url: string) => AnyWorker;
declare const Blob: new (parts: Uint8Array[], options: { type: string }) => unknown;
declare const URL: { createObjectURL(blob: unknown): string };

export async function activate(context: vscode.ExtensionContext): Promise<CableToolsApi> {
  return activateWith(context, async (ctx, options) => {
    // The server's script is read through the editor and started from a blob: an extension
    // served by a remote (code-server, a dev container) has a vscode-remote: location, from
    // which a browser cannot start a worker.
    const script = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ctx.extensionUri, 'dist', 'web', 'server.js'));
    const worker = new Worker(URL.createObjectURL(new Blob([script], { type: 'text/javascript' })));
    return new LanguageClient('cable', 'Cable Language Server', worker, options);
  });
}

export function deactivate(): Promise<void> {
  return deactivateClient();
}

/** A browser Worker (the server options of the browser client are one). */
type AnyWorker = Extract<ServerOptions, { postMessage: unknown }>;
