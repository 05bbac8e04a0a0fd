/**
 * The Cables view (its own container in the activity bar): the workspace's cables as a tree,
 * grouped by date (year → month), origin, classification or TAGS, with counts, a filter, and
 * the active cable revealed. The server groups and filters (cable/cablesView); this side asks
 * for one level at a time and keeps what it was told until the index changes.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  CABLES_VIEW,
  CABLES_VIEW_PATH,
  type CableGrouping,
  type CablesViewNode,
  type CablesViewParams,
  type CablesViewPathParams,
  type CablesViewResult,
} from '../../common/protocol';

export const CABLES_VIEW_ID = 'cable.cables';

const GROUPING_NAMES: Record<CableGrouping, string> = { date: 'date', origin: 'origin', classification: 'classification', tags: 'TAGS' };

/** An item of the tree: a node the server gave, where it sits, and (for groups) its children once asked for. */
export interface CablesViewItem {
  node: CablesViewNode;
  parent?: CablesViewItem;
  /** The group keys from the top down to this item (a group's own key included). */
  path: string[];
  children?: Promise<CablesViewItem[]>;
}

export class CablesView implements vscode.TreeDataProvider<CablesViewItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CablesViewItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly treeView: vscode.TreeView<CablesViewItem>;
  private roots: Promise<CablesViewItem[]> | undefined;
  /** The last answer for the top level: counts and the index's state, for the message line. */
  private last: CablesViewResult | undefined;
  private grouping: CableGrouping;
  private filter = '';
  private readonly disposables: vscode.Disposable[] = [];
  /** Ends the progress shown in the view while the index is built. */
  private indexing: (() => void) | undefined;

  constructor(
    private readonly client: () => BaseLanguageClient | undefined,
    private readonly state: vscode.Memento,
  ) {
    this.grouping = state.get<CableGrouping>('cable.cables.grouping', 'date');
    this.treeView = vscode.window.createTreeView(CABLES_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.treeView,
      this.changed,
      vscode.window.onDidChangeActiveTextEditor(() => void this.revealActive()),
      this.treeView.onDidChangeVisibility((e) => {
        if (e.visible) void this.revealActive();
      }),
    );
    void this.updateContext();
  }

  dispose(): void {
    this.indexing?.();
    for (const d of this.disposables) d.dispose();
  }

  get currentFilter(): string {
    return this.filter;
  }

  get currentGrouping(): CableGrouping {
    return this.grouping;
  }

  /** Asks the server again (the index changed, or the server restarted). */
  refresh(): void {
    this.roots = undefined;
    this.changed.fire(undefined);
  }

  async setFilter(filter: string): Promise<void> {
    this.filter = filter.trim();
    await this.updateContext();
    this.refresh();
  }

  async setGrouping(grouping: CableGrouping): Promise<void> {
    this.grouping = grouping;
    await this.state.update('cable.cables.grouping', grouping);
    this.refresh();
  }

  getTreeItem(item: CablesViewItem): vscode.TreeItem {
    const { node } = item;
    const id = `${this.grouping}/${item.path.join('/')}${node.kind === 'group' ? '' : `/${node.key}`}`;
    if (node.kind === 'group') {
      // A small result is shown opened out: a filter that leaves a few cables shows them at once.
      const open = (this.last?.matched ?? Infinity) <= 30;
      const treeItem = new vscode.TreeItem(node.label, open ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      treeItem.id = id;
      treeItem.description = [node.count?.toLocaleString('en-US'), node.description].filter(Boolean).join(' · ');
      treeItem.tooltip = node.tooltip ?? `${node.label}: ${node.count} cable${node.count === 1 ? '' : 's'}`;
      treeItem.contextValue = 'cableGroup';
      treeItem.accessibilityInformation = { label: `${node.label}${node.description ? `, ${node.description}` : ''}, ${node.count} cable${node.count === 1 ? '' : 's'}` };
      return treeItem;
    }
    const treeItem = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
    treeItem.id = id;
    treeItem.description = node.description;
    treeItem.tooltip = node.tooltip;
    if (node.kind === 'more') {
      treeItem.iconPath = new vscode.ThemeIcon('ellipsis');
      treeItem.contextValue = 'cableMore';
      return treeItem;
    }
    const cable = node.cable;
    if (cable) {
      const uri = vscode.Uri.parse(cable.uri);
      treeItem.resourceUri = uri;
      treeItem.iconPath = new vscode.ThemeIcon('mail');
      const range = new vscode.Range(cable.range.start.line, cable.range.start.character, cable.range.end.line, cable.range.end.character);
      treeItem.command = { title: 'Open Cable', command: 'vscode.open', arguments: [uri, { selection: range, preview: true } satisfies vscode.TextDocumentShowOptions] };
      treeItem.accessibilityInformation = { label: [node.label, node.description, cable.date, cable.origin, cable.classification].filter(Boolean).join(', ') };
    }
    treeItem.contextValue = 'cable';
    return treeItem;
  }

  getChildren(item?: CablesViewItem): Promise<CablesViewItem[]> {
    if (!item) {
      this.roots ??= this.fetch(undefined);
      return this.roots;
    }
    if (item.node.kind !== 'group') return Promise.resolve([]);
    item.children ??= this.fetch(item);
    return item.children;
  }

  getParent(item: CablesViewItem): CablesViewItem | undefined {
    return item.parent;
  }

  /** Reveals the active cable in the tree (when the view is shown and the filter keeps it). */
  async revealActive(): Promise<CablesViewItem | undefined> {
    const editor = vscode.window.activeTextEditor;
    const client = this.client();
    if (!this.treeView.visible || !editor || editor.document.languageId !== 'cable' || !client) return undefined;
    const uri = editor.document.uri.toString();
    const grouping = this.grouping;
    const filter = this.filter;
    const path = await client.sendRequest<string[] | null>(CABLES_VIEW_PATH, { grouping, filter, uri } satisfies CablesViewPathParams).catch(() => null);
    if (!path || grouping !== this.grouping || filter !== this.filter) return undefined;
    let items = await this.getChildren();
    let found: CablesViewItem | undefined;
    for (const key of [...path, uri]) {
      found = items.find((i) => i.node.key === key);
      if (!found) return undefined;
      items = await this.getChildren(found);
    }
    if (!found || this.treeView.selection.includes(found)) return found;
    try {
      await this.treeView.reveal(found, { select: true, focus: false, expand: false });
    } catch {
      // The tree was refreshed meanwhile (the index changed): the items asked for are gone.
      return undefined;
    }
    return found;
  }

  private async fetch(parent: CablesViewItem | undefined): Promise<CablesViewItem[]> {
    const client = this.client();
    if (!client) return [];
    const path = parent?.path ?? [];
    const params: CablesViewParams = { grouping: this.grouping, filter: this.filter, path };
    const result = await client.sendRequest<CablesViewResult | undefined>(CABLES_VIEW, params).catch(() => undefined);
    if (!result) return [];
    if (!parent) {
      this.last = result;
      this.describe(result);
    }
    return result.nodes.map((node) => ({ node, parent, path: node.kind === 'group' ? [...path, node.key] : path }));
  }

  /** The line under the title (grouping, filter, counts) and the message above the tree. */
  private describe(result: CablesViewResult): void {
    const count = (n: number): string => `${n.toLocaleString('en-US')} cable${n === 1 ? '' : 's'}`;
    this.treeView.description = `by ${GROUPING_NAMES[this.grouping]}`;
    const messages: string[] = [];
    if (!result.complete) messages.push(`Indexing… ${count(result.total)} so far.`);
    if (this.filter) messages.push(`Filter "${this.filter}": ${result.matched.toLocaleString('en-US')} of ${count(result.total)}.`);
    if (result.problems.length) messages.push(`Left out: ${result.problems.join('; ')}.`);
    if (this.filter && !result.matched && result.total) messages.push('No cable matches.');
    this.treeView.message = messages.join(' ') || undefined;
    // A progress bar over the view while the index is built.
    if (!result.complete && !this.indexing) {
      void vscode.window.withProgress({ location: { viewId: CABLES_VIEW_ID } }, () => new Promise<void>((resolve) => (this.indexing = resolve)));
    } else if (result.complete && this.indexing) {
      this.indexing();
      this.indexing = undefined;
    }
  }

  private async updateContext(): Promise<void> {
    await vscode.commands.executeCommand('setContext', 'cable.cables.filtered', this.filter !== '');
  }
}

/** The filter box: the view follows as one types; the syntax is in the prompt. */
export function showFilterBox(view: CablesView): void {
  const box = vscode.window.createInputBox();
  box.title = 'Filter Cables';
  box.value = view.currentFilter;
  box.placeholder = 'words, "a phrase", tag:PREL, origin:ROME, class:secret, from:2008-01, to:2008-06, date:2008-11';
  box.prompt = 'Every part must match: words of the id, subject, origin, date, classification or TAGS; dates as YYYY, YYYY-MM or YYYY-MM-DD.';
  let timer: ReturnType<typeof setTimeout> | undefined;
  box.onDidChangeValue((value) => {
    clearTimeout(timer);
    timer = setTimeout(() => void view.setFilter(value), 150);
  });
  box.onDidAccept(() => {
    clearTimeout(timer);
    void view.setFilter(box.value);
    box.hide();
  });
  box.onDidHide(() => box.dispose());
  box.show();
}

/** The grouping, from a quick pick that marks the current one. */
export async function pickGrouping(view: CablesView): Promise<void> {
  const choices: (vscode.QuickPickItem & { grouping: CableGrouping })[] = [
    { grouping: 'date', label: 'Date', description: 'year, then month' },
    { grouping: 'origin', label: 'Origin', description: "the post, with its name" },
    { grouping: 'classification', label: 'Classification' },
    { grouping: 'tags', label: 'TAGS', description: 'a cable under each of its tags' },
  ];
  for (const c of choices) if (c.grouping === view.currentGrouping) c.detail = '(current)';
  const chosen = await vscode.window.showQuickPick(choices, { title: 'Group Cables By' });
  if (chosen) await view.setGrouping(chosen.grouping);
}
