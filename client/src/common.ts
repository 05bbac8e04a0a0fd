/**
 * The VS Code side of Cable Tools, the same on the desktop (extension.ts: the server in a
 * Node process over IPC) and in the browser (browserExtension.ts: the server in a web
 * worker): it starts the language server and adds the commands that need the editor
 * (clipboard, quick pick, reference peek, status). Everything that understands cables lives
 * in the server; these commands ask it.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { ClientCommand, FIND_CABLES, INDEX_CHANGED, ServerCommand, STATUS, STATUS_CHANGED, type CableStatus, type CableSummary, type FindCablesParams, type StatusParams } from '../../common/protocol';
import { CablesView, pickGrouping, showFilterBox, type CablesViewItem } from './cablesView';
import { WebviewPanels } from './webviewPanels';

/** What the extension gives other extensions (and the extension-host tests): its views. */
export interface CableToolsApi {
  cablesView: CablesView;
  panels: WebviewPanels;
}

/** Makes the language client of the platform (its server started its way) with these options. */
export type ClientFactory = (context: vscode.ExtensionContext, options: LanguageClientOptions) => BaseLanguageClient | Promise<BaseLanguageClient>;

let client: BaseLanguageClient | undefined;
let createClient: ClientFactory;
let outputChannel: vscode.LogOutputChannel | undefined;
let statusItem: vscode.LanguageStatusItem | undefined;
let indexItem: vscode.LanguageStatusItem | undefined;
let cablesView: CablesView | undefined;
let panels: WebviewPanels | undefined;

export async function activateWith(context: vscode.ExtensionContext, factory: ClientFactory): Promise<CableToolsApi> {
  createClient = factory;
  outputChannel = vscode.window.createOutputChannel('Cable Language Server', { log: true });
  context.subscriptions.push(outputChannel);
  const register = (id: string, run: (...args: unknown[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, run));
  };

  register('cable.restartServer', async () => {
    outputChannel?.info('Restarting the cable language server…');
    await stopClient();
    await startClient(context);
  });
  register('cable.renumberParagraphs', () => runOnActiveCable(ServerCommand.renumberParagraphs, 'paragraphs renumbered'));
  register('cable.cleanRenderingArtifacts', () => runOnActiveCable(ServerCommand.cleanRenderingArtifacts, 'rendering artifacts removed'));
  register('cable.copyCableId', async () => {
    const editor = cableEditor();
    if (!editor) return;
    const id = (await vscode.commands.executeCommand(ServerCommand.cableId, editor.document.uri.toString())) as string | null;
    if (!id) {
      void vscode.window.showWarningMessage('This file has no cable id: no classification line with origin and serial, or no date.');
      return;
    }
    await vscode.env.clipboard.writeText(id);
    void vscode.window.showInformationMessage(`Copied ${id}`);
  });
  register('cable.lintWorkspace', async () => {
    const result = (await vscode.commands.executeCommand(ServerCommand.lintWorkspace)) as { files: number; problems: number; cancelled: boolean } | null;
    if (result) void vscode.window.showInformationMessage(`${result.cancelled ? 'Stopped after' : 'Linted'} ${result.files} cable${result.files === 1 ? '' : 's'}: ${result.problems} problem${result.problems === 1 ? '' : 's'} (see the Problems panel).`);
  });
  register('cable.goToCable', () => goToCable());
  register('cable.showLog', () => outputChannel?.show());
  // The walkthrough's first step: the seed cable, as an untitled document (nothing is written).
  register('cable.openSample', async () => {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'walkthrough', 'sample.cable'));
    const document = await vscode.workspace.openTextDocument({ language: 'cable', content: new TextDecoder().decode(bytes) });
    await vscode.window.showTextDocument(document);
  });

  // The language status item (the `{}` next to "Cable" in the status bar): which config
  // applies, its problems, Restricted Mode, the index.
  statusItem = vscode.languages.createLanguageStatusItem('cable.status', { language: 'cable' });
  statusItem.name = 'Cable Tools: configuration';
  indexItem = vscode.languages.createLanguageStatusItem('cable.index', { language: 'cable' });
  indexItem.name = 'Cable Tools: workspace index';
  context.subscriptions.push(statusItem, indexItem, vscode.window.onDidChangeActiveTextEditor(() => void refreshStatus()));
  register(ClientCommand.showReferences, async (uri, position, locations) => {
    const toPosition = (p: { line: number; character: number }): vscode.Position => new vscode.Position(p.line, p.character);
    const list = (locations as { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[]).map(
      (l) => new vscode.Location(vscode.Uri.parse(l.uri), new vscode.Range(toPosition(l.range.start), toPosition(l.range.end))),
    );
    await vscode.commands.executeCommand('editor.action.showReferences', vscode.Uri.parse(String(uri)), toPosition(position as { line: number; character: number }), list);
  });

  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      outputChannel?.info('The workspace is trusted now: restarting the server to read its .cablelintrc.json files.');
      await stopClient();
      await startClient(context);
    }),
  );

  // The Cables view, the reference graph and the statistics: the server answers, these show.
  const view = new CablesView(() => client, context.workspaceState);
  const webviews = new WebviewPanels(context.extensionUri, () => client, (m) => outputChannel?.error(m));
  cablesView = view;
  panels = webviews;
  context.subscriptions.push(view, webviews);
  register('cable.cables.filter', (filter) => (typeof filter === 'string' ? view.setFilter(filter) : showFilterBox(view)));
  register('cable.cables.clearFilter', () => view.setFilter(''));
  register('cable.cables.groupBy', (grouping) => (typeof grouping === 'string' ? view.setGrouping(grouping as never) : pickGrouping(view)));
  register('cable.cables.revealActive', async () => {
    await vscode.commands.executeCommand('cable.cables.focus');
    await view.revealActive();
  });
  register('cable.showReferenceGraph', async (item) => {
    // From the Cables view's item, a URI, or the active cable.
    const fromItem = (item as CablesViewItem | undefined)?.node?.cable?.uri;
    const uri = fromItem ? vscode.Uri.parse(fromItem) : item instanceof vscode.Uri ? item : cableEditor()?.document.uri;
    if (uri) await webviews.showGraph(uri);
  });
  register('cable.showCorpusStatistics', () => webviews.showStats());

  // The server starts in the background: activation does not wait for it, so opening a
  // cable is not slowed down; requests made before it is ready wait for it in the client.
  void startClient(context).catch((error) => outputChannel?.error(`The cable language server did not start: ${String(error)}`));
  return { cablesView: view, panels: webviews };
}

export async function deactivateClient(): Promise<void> {
  await stopClient();
}

function cableEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'cable') {
    void vscode.window.showWarningMessage('Open a cable (.cable file) first.');
    return undefined;
  }
  return editor;
}

async function runOnActiveCable(command: string, done: string): Promise<void> {
  const editor = cableEditor();
  if (!editor) return;
  const result = (await vscode.commands.executeCommand(command, editor.document.uri.toString())) as { applied: boolean; changes: number } | null;
  if (result && result.changes === 0) void vscode.window.showInformationMessage(`Nothing to change: no ${done.split(' ')[0]} to fix.`);
}

/** Asks the server what the active cable is checked with, and shows it in the language status item. */
async function refreshStatus(): Promise<void> {
  if (!statusItem || !client) return;
  const editor = vscode.window.activeTextEditor;
  const uri = editor?.document.languageId === 'cable' ? editor.document.uri.toString() : undefined;
  const status = await client.sendRequest<CableStatus | null>(STATUS, { uri } satisfies StatusParams).catch(() => null);
  if (!status) return;
  const { config, index } = describeStatus(status);
  Object.assign(statusItem, config);
  if (indexItem) Object.assign(indexItem, index);
}

type ItemState = Pick<vscode.LanguageStatusItem, 'text' | 'detail' | 'severity' | 'busy' | 'command'>;

/**
 * The two items for a status (kept apart from the API, so it reads plainly): the
 * configuration (a click opens the config file) and the index (a click opens the log).
 */
function describeStatus(status: CableStatus): { config: ItemState; index: ItemState } {
  const configUri = status.config ? vscode.Uri.parse(status.config) : undefined;
  const problems = status.configProblems.length;
  const where = configUri ? vscode.workspace.asRelativePath(configUri) : undefined;
  const text = !status.trusted
    ? 'Restricted Mode: default rules'
    : problems
      ? `$(warning) ${where ?? 'configuration'}: ${problems} problem${problems === 1 ? '' : 's'}`
      : (where ?? 'default rules');
  const index = status.index.complete ? `${status.index.cables.toLocaleString()} cable${status.index.cables === 1 ? '' : 's'} indexed` : `indexing… (${status.index.cables.toLocaleString()} so far)`;
  const notes = [status.ignored ? 'this file is ignored by the config' : '', status.lintEnabled ? '' : 'checking is off (cable.lint.enable)', problems ? status.configProblems[0] : ''].filter(Boolean);
  const showLog = { title: 'Show Log', command: 'cable.showLog' };
  return {
    config: {
      text,
      detail: notes.join(' · '),
      severity: problems ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information,
      busy: false,
      command: configUri ? { title: 'Open Config', command: 'vscode.open', arguments: [configUri] } : showLog,
    },
    index: { text: index, detail: 'links, references and Go to Cable read it', severity: vscode.LanguageStatusSeverity.Information, busy: !status.index.complete, command: showLog },
  };
}

/** A quick pick over the workspace's cables (the server's workspace symbols), by id, subject, origin or date. */
async function goToCable(): Promise<void> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { location?: vscode.Location }>();
  pick.placeholder = 'Cable id, subject words, origin or date (e.g. 08ASTANA2361, ASTANA 2008-11)';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  const search = async (query: string): Promise<void> => {
    pick.busy = true;
    // The server's own search over its index, with the fields apart (no parsing of symbol names).
    const cables = client ? await client.sendRequest<CableSummary[]>(FIND_CABLES, { query } satisfies FindCablesParams).catch(() => []) : [];
    pick.items = cables.map((c) => {
      const uri = vscode.Uri.parse(c.uri);
      const range = new vscode.Range(c.range.start.line, c.range.start.character, c.range.end.line, c.range.end.character);
      return {
        label: c.id ?? uri.path.slice(uri.path.lastIndexOf('/') + 1),
        description: c.subject,
        detail: [c.origin, c.date, c.classification].filter(Boolean).join(' · '),
        location: new vscode.Location(uri, range),
      };
    });
    pick.busy = false;
  };
  pick.onDidChangeValue((v) => void search(v));
  pick.onDidAccept(async () => {
    const chosen = pick.selectedItems[0];
    pick.hide();
    if (chosen?.location) await vscode.window.showTextDocument(chosen.location.uri, { selection: chosen.location.range });
  });
  pick.onDidHide(() => pick.dispose());
  pick.show();
  await search('');
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const clientOptions: LanguageClientOptions = {
    // Every scheme: on a virtual file system (a repository opened remotely) the server reads
    // the documents the editor gives it, never the disk.
    documentSelector: [{ language: 'cable' }],
    // Restricted Mode: the server reads no .cablelintrc.json of the workspace (the manifest's
    // `untrustedWorkspaces` says what else is limited); trusting the folder restarts it.
    initializationOptions: { trusted: vscode.workspace.isTrusted },
    outputChannel,
    synchronize: {
      configurationSection: 'cable',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.cable,.cablelintrc.json}'),
    },
  };
  client = await createClient(context, clientOptions);
  await client.start();
  client.onNotification(STATUS_CHANGED, () => void refreshStatus());
  client.onNotification(INDEX_CHANGED, () => {
    cablesView?.refresh();
    panels?.indexChanged();
  });
  void refreshStatus();
  // A new server (started, restarted): the views ask it.
  cablesView?.refresh();
}

async function stopClient(): Promise<void> {
  if (!client) return;
  const stopping = client;
  client = undefined;
  try {
    await stopping.stop();
  } catch (error) {
    outputChannel?.error(`Stopping the server failed: ${String(error)}`);
  }
}
