/**
 * Cable Tools on the desktop (and in a remote or code-server's Node extension host): the
 * language server runs in a Node process (dist/server.js, over IPC), and a `cable` task type
 * runs the command line carried in the extension. The rest is common.ts.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateWith, deactivateClient, type CableToolsApi } from './common';
import { cableTaskArgs, type CableTaskDefinition } from './taskArgs';

export async function activate(context: vscode.ExtensionContext): Promise<CableToolsApi> {
  context.subscriptions.push(vscode.tasks.registerTaskProvider(CABLE_TASK_TYPE, cableTaskProvider(context)));
  return activateWith(context, (ctx, options) => {
    const serverModule = ctx.asAbsolutePath(path.join('dist', 'server.js'));
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    return new LanguageClient('cable', 'Cable Language Server', serverOptions, options);
  });
}

export function deactivate(): Promise<void> {
  return deactivateClient();
}

const CABLE_TASK_TYPE = 'cable';

/**
 * Tasks that run the `cable` command carried in the extension (dist/cli.js) with the editor's
 * own Node (Electron's, as Node): "cable: lint" per workspace folder, whose text output the
 * `$cable` problem matcher turns into Problems, and whatever `cable` tasks tasks.json defines.
 */
function cableTaskProvider(context: vscode.ExtensionContext): vscode.TaskProvider {
  const build = (folder: vscode.WorkspaceFolder, definition: CableTaskDefinition, name: string): vscode.Task => {
    const cli = context.asAbsolutePath(path.join('dist', 'cli.js'));
    const args = [cli, ...cableTaskArgs(definition)];
    const execution = new vscode.ProcessExecution(process.execPath, args, { cwd: folder.uri.fsPath, env: { ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' } });
    const task = new vscode.Task(definition, folder, name, 'cable', execution, definition.command === 'lint' ? ['$cable'] : []);
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Silent, clear: true };
    return task;
  };
  return {
    provideTasks: () =>
      (vscode.workspace.workspaceFolders ?? [])
        .filter((folder) => folder.uri.scheme === 'file')
        .map((folder) => build(folder, { type: CABLE_TASK_TYPE, command: 'lint', paths: ['.'] }, 'lint')),
    resolveTask: (task) => {
      const definition = task.definition as CableTaskDefinition;
      const folder = typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
      if (!folder || (definition.command !== 'lint' && definition.command !== 'fix')) return undefined;
      return build(folder, definition, task.name);
    },
  };
}

