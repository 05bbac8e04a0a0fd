/**
 * The VS Code side of Cable Tools: starts the bundled language server over IPC and adds
 * the commands that need the editor. Everything that understands cables lives in the server.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

let client: LanguageClient | undefined;
let outputChannel: vscode.LogOutputChannel | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  outputChannel = vscode.window.createOutputChannel('Cable Language Server', { log: true });
  context.subscriptions.push(outputChannel);
  context.subscriptions.push(
    vscode.commands.registerCommand('cable.restartServer', async () => {
      outputChannel?.appendLine('Restarting the cable language server…');
      await stopClient();
      await startClient(context);
    }),
  );
  await startClient(context);
}

export async function deactivate(): Promise<void> {
  await stopClient();
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'cable' },
      { scheme: 'untitled', language: 'cable' },
      { scheme: 'vscode-remote', language: 'cable' },
    ],
    outputChannel,
    synchronize: {
      configurationSection: 'cable',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.cable,.cablelintrc.json}'),
    },
  };
  client = new LanguageClient('cable', 'Cable Language Server', serverOptions, clientOptions);
  await client.start();
}

async function stopClient(): Promise<void> {
  if (!client) return;
  const stopping = client;
  client = undefined;
  try {
    await stopping.stop();
  } catch (error) {
    outputChannel?.appendLine(`Stopping the server failed: ${String(error)}`);
  }
}
