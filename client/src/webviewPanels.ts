/**
 * The two webviews: the reference graph of the active cable (it follows the active editor)
 * and the corpus statistics. Each page is a script of ours (dist/webview/, built from
 * client/src/webview/) under a strict content security policy: no remote content, no inline
 * script but the nonce'd one, styles from the extension only. The pages ask this side to
 * open a cable, open the archive or save a CSV; they report what they drew (for the tests).
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { CORPUS_STATS, REFERENCE_GRAPH, type CorpusStatsParams, type ReferenceGraph, type ReferenceGraphParams } from '../../common/protocol';

/** What a page reported it drew last (read by the extension-host tests through the extension's exports). */
export interface RenderedReport {
  page: 'graph' | 'stats';
  [key: string]: unknown;
}

/** Messages from a page. */
type PageMessage =
  | { type: 'ready' }
  | { type: 'open'; uri: string }
  | { type: 'openExternal'; url: string }
  | { type: 'saveCsv' }
  | { type: 'countFindings' }
  | { type: 'refresh' }
  | { type: 'rendered'; report: RenderedReport };

function nonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The page's HTML: one script and one stylesheet of the extension's, nothing else. */
function pageHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: 'graph' | 'stats', title: string): string {
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', `${page}.js`));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', `${page}.css`));
  const n = nonce();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${webview.cspSource}; style-src ${webview.cspSource}; script-src 'nonce-${n}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${style}">
<title>${title}</title>
</head>
<body>
<p id="announce" class="visually-hidden" role="status"></p>
<main id="app"><p>Loading…</p></main>
<script nonce="${n}" src="${script}"></script>
</body>
</html>`;
}

export class WebviewPanels implements vscode.Disposable {
  private graphPanel: vscode.WebviewPanel | undefined;
  private statsPanel: vscode.WebviewPanel | undefined;
  /** The cable the graph shows. */
  private graphUri: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** The last report of each page. */
  readonly rendered = new Map<'graph' | 'stats', RenderedReport>();
  private lastCsv = '';
  /** The graph last sent to the page: what its links may open. */
  private lastGraph: ReferenceGraph | null = null;
  /** Counts graph requests: an older answer that comes after a newer one is dropped. */
  private graphRequests = 0;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly client: () => BaseLanguageClient | undefined,
    private readonly log: (message: string) => void,
  ) {
    // The graph follows the active cable.
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (this.graphPanel && editor?.document.languageId === 'cable' && editor.document.uri.toString() !== this.graphUri) void this.showGraph(editor.document.uri, false);
      }),
    );
  }

  dispose(): void {
    this.graphPanel?.dispose();
    this.statsPanel?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  /** Opens (or updates) the reference graph of a cable. */
  async showGraph(uri: vscode.Uri, reveal = true): Promise<void> {
    this.graphUri = uri.toString();
    if (!this.graphPanel) {
      const panel = vscode.window.createWebviewPanel('cable.referenceGraph', 'Reference Graph', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, this.options());
      panel.webview.html = pageHtml(panel.webview, this.extensionUri, 'graph', 'Reference Graph');
      panel.onDidDispose(() => {
        this.graphPanel = undefined;
        this.rendered.delete('graph');
      });
      panel.webview.onDidReceiveMessage((m: PageMessage) => void this.onMessage(m, 'graph'));
      this.graphPanel = panel;
      // The page asks for the graph when its script is ready.
      return;
    }
    if (reveal) this.graphPanel.reveal(undefined, true);
    await this.sendGraph();
  }

  private async sendGraph(): Promise<void> {
    const panel = this.graphPanel;
    const uri = this.graphUri;
    const client = this.client();
    if (!panel || !uri || !client) return;
    const request = ++this.graphRequests;
    const graph = await client.sendRequest<ReferenceGraph | null>(REFERENCE_GRAPH, { uri } satisfies ReferenceGraphParams).catch(() => null);
    if (request !== this.graphRequests) return;
    this.lastGraph = graph;
    const name = graph?.center ?? vscode.Uri.parse(uri).path.split('/').pop() ?? uri;
    panel.title = `References: ${name}`;
    await panel.webview.postMessage({ type: 'graph', graph, uri });
  }

  /** Opens (or brings forward) the corpus statistics. */
  showStats(): void {
    if (this.statsPanel) {
      this.statsPanel.reveal();
      void this.sendStats(false);
      return;
    }
    const panel = vscode.window.createWebviewPanel('cable.corpusStatistics', 'Corpus Statistics', vscode.ViewColumn.Active, this.options());
    panel.webview.html = pageHtml(panel.webview, this.extensionUri, 'stats', 'Corpus Statistics');
    panel.onDidDispose(() => {
      this.statsPanel = undefined;
      this.rendered.delete('stats');
    });
    panel.webview.onDidReceiveMessage((m: PageMessage) => void this.onMessage(m, 'stats'));
    this.statsPanel = panel;
  }

  private async sendStats(findings: boolean): Promise<void> {
    const client = this.client();
    if (!this.statsPanel || !client) return;
    await this.statsPanel.webview.postMessage({ type: 'busy', findings });
    const answer = await client
      .sendRequest<{ stats: unknown; csv: string; cancelled: boolean } | null>(CORPUS_STATS, { findings } satisfies CorpusStatsParams)
      .catch((error) => {
        this.log(`corpus statistics failed: ${String(error)}`);
        return null;
      });
    if (!answer) return;
    this.lastCsv = answer.csv;
    await this.statsPanel?.webview.postMessage({ type: 'stats', stats: answer.stats, cancelled: answer.cancelled });
  }

  /** Refreshes what is open after the index changed. */
  indexChanged(): void {
    if (this.graphPanel) void this.sendGraph();
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview')], retainContextWhenHidden: false };
  }

  private async onMessage(message: PageMessage, page: 'graph' | 'stats'): Promise<void> {
    try {
      await this.handle(message, page);
    } catch (error) {
      this.log(`the ${page} page's request failed: ${String(error)}`);
      void vscode.window.showErrorMessage(`Cable Tools: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** A page asks; it may open only what it was given (the last graph's cables and archive links). */
  private async handle(message: PageMessage, page: 'graph' | 'stats'): Promise<void> {
    switch (message.type) {
      case 'ready':
        if (page === 'graph') await this.sendGraph();
        else await this.sendStats(false);
        return;
      case 'open': {
        if (page !== 'graph' || !this.lastGraph?.nodes.some((n) => n.uri !== undefined && n.uri === message.uri)) return;
        await vscode.window.showTextDocument(vscode.Uri.parse(message.uri), { viewColumn: vscode.ViewColumn.One, preview: true });
        return;
      }
      case 'openExternal':
        if (page !== 'graph' || !this.lastGraph?.nodes.some((n) => n.archiveUrl !== undefined && n.archiveUrl === message.url)) return;
        await vscode.env.openExternal(vscode.Uri.parse(message.url));
        return;
      case 'refresh':
        await this.sendStats(false);
        return;
      case 'countFindings':
        await this.sendStats(true);
        return;
      case 'saveCsv':
        await this.exportCsv();
        return;
      case 'rendered':
        this.rendered.set(page, message.report);
        return;
    }
  }

  /** Writes the statistics shown as CSV (what `cable stats --format csv` prints) to `target`, or where the user says. */
  async exportCsv(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    if (!target) {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      target = await vscode.window.showSaveDialog({ defaultUri: folder && vscode.Uri.joinPath(folder, 'cable-stats.csv'), filters: { CSV: ['csv'] }, saveLabel: 'Export' });
      if (!target) return undefined;
    }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(this.lastCsv));
    void vscode.window.showInformationMessage(`Statistics saved to ${vscode.workspace.asRelativePath(target)}`);
    return target;
  }

  /** The CSV of the statistics shown (what Export writes). */
  get statsCsv(): string {
    return this.lastCsv;
  }
}
