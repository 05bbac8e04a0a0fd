// The Cables view, the reference graph and the corpus statistics in a real VS Code: the view
// lists the workspace's cables with counts, filters them, opens one and reveals the active
// cable; the graph webview draws a cable with references and follows the active editor; the
// statistics webview draws its charts. The pages report what they drew through the
// extension's exports (they run in the workbench's webviews, in the browser).
'use strict';

const assert = require('assert');
const vscode = require('vscode');
const { test } = require('./harness');
const { waitFor, waitForExtension, openWorkspaceFile } = require('./wait');

const EXTENSION_ID = 'cable-tools.cable-tools';
/** The workspace's cables: four at the top, three in naples/. */
const CABLES = 7;

async function api() {
  await openWorkspaceFile('sample.cable');
  const extension = await waitForExtension(EXTENSION_ID, { timeout: 20_000 });
  assert.ok(extension.exports && extension.exports.cablesView, 'the extension exports its views');
  return extension.exports;
}

const total = (items) => items.reduce((n, i) => n + (i.node.count || 0), 0);

/** The cable items under a group, all the way down. */
async function cablesUnder(view, item) {
  const children = await view.getChildren(item);
  const out = [];
  for (const c of children) out.push(...(c.node.kind === 'group' ? await cablesUnder(view, c) : [c]));
  return out;
}

test('the Cables view: every cable by date with counts, a filter, a cable opened from it, the active cable revealed', async () => {
  const { cablesView: view } = await api();
  await vscode.commands.executeCommand('cable.cables.focus');
  await waitFor(() => view.treeView.visible, 10_000, { message: 'the Cables view to be shown' });
  await vscode.commands.executeCommand('cable.cables.groupBy', 'date');
  await vscode.commands.executeCommand('cable.cables.clearFilter');
  // It fills as the index is read: asked again until the index has every cable.
  // The view asks again by itself when the server says the index changed (no refresh from here).
  const years = await waitFor(
    async () => {
      const items = await view.getChildren();
      return total(items) === CABLES && items;
    },
    20_000,
    { message: `the view to count ${CABLES} cables` },
  );
  assert.deepStrictEqual(years.map((y) => y.node.label), ['2007', '2008', '2009']);
  const in2008 = years.find((y) => y.node.key === '2008');
  const months = await view.getChildren(in2008);
  assert.deepStrictEqual(months.map((m) => `${m.node.label}: ${m.node.count}`), ['March 2008: 1', 'June 2008: 3', 'November 2008: 1']);
  assert.strictEqual(view.getTreeItem(in2008).description, '5');

  // The filter: TAGS, origin and date parts, as typed in the filter box.
  await vscode.commands.executeCommand('cable.cables.filter', 'origin:naples from:2008-06-08');
  const filtered = await cablesUnder(view);
  assert.deepStrictEqual(filtered.map((c) => c.node.label), ['08NAPLES40']);
  assert.match(view.treeView.message, /Filter "origin:naples from:2008-06-08": 1 of 7 cables\./);
  await vscode.commands.executeCommand('cable.cables.filter', 'origin:naples');
  const naples = await cablesUnder(view);
  assert.deepStrictEqual(naples.map((c) => c.node.label), ['08NAPLES37', '08NAPLES38', '08NAPLES40']);

  // Open a cable from it: the item's own command, as a click runs it.
  const item = view.getTreeItem(naples[1]);
  await vscode.commands.executeCommand(item.command.command, ...item.command.arguments);
  await waitFor(() => vscode.window.activeTextEditor && vscode.window.activeTextEditor.document.uri.path.endsWith('/naples/08NAPLES38.cable'), 10_000, { message: '08NAPLES38 to open' });
  const editor = vscode.window.activeTextEditor;
  assert.match(editor.document.lineAt(editor.selection.start.line).text, /NAPLES 0+38/);

  // The active cable is revealed (selected) in the view.
  await openWorkspaceFile('naples/08NAPLES37.cable');
  await waitFor(() => view.treeView.selection.length === 1 && view.treeView.selection[0].node.label === '08NAPLES37', 10_000, { message: '08NAPLES37 to be selected in the view' });

  // By TAGS, with meanings: 08NAPLES37 is under each of its tags.
  await vscode.commands.executeCommand('cable.cables.groupBy', 'tags');
  const tags = await view.getChildren();
  const snar = tags.find((t) => t.node.key === 'SNAR');
  assert.ok(snar, tags.map((t) => t.node.key).join(' '));
  assert.match(view.getTreeItem(snar).description, /^\d+ · .*[Nn]arcotics/);
  await vscode.commands.executeCommand('cable.cables.groupBy', 'date');
  await vscode.commands.executeCommand('cable.cables.clearFilter');

  // A cable written to the workspace appears; deleted, it goes.
  const folder = vscode.workspace.workspaceFolders[0].uri;
  const added = vscode.Uri.joinPath(folder, 'naples', '08NAPLES41.cable');
  const source = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, 'naples', '08NAPLES40.cable')));
  await vscode.workspace.fs.writeFile(added, new TextEncoder().encode(source.replace(/NAPLES 0+40\b/g, 'NAPLES 000041').replace('#0040/', '#0041/')));
  try {
    await waitFor(async () => total(await view.getChildren()) === CABLES + 1, 20_000, { message: 'the new cable in the view' });
    const june = await view.getChildren((await view.getChildren((await view.getChildren()).find((y) => y.node.key === '2008'))).find((m) => m.node.key === '2008-06'));
    assert.ok(june.some((c) => c.node.label === '08NAPLES41'), june.map((c) => c.node.label).join(' '));
  } finally {
    await vscode.workspace.fs.delete(added);
  }
  await waitFor(async () => total(await view.getChildren()) === CABLES, 20_000, { message: 'the deleted cable gone from the view' });
});

test('the reference graph of a cable with references, following the active cable', async () => {
  const { panels } = await api();
  await openWorkspaceFile('naples/08NAPLES38.cable');
  await vscode.commands.executeCommand('cable.showReferenceGraph');
  const drawn = await waitFor(() => {
    const r = panels.rendered.get('graph');
    return r && r.center === '08NAPLES38' && r;
  }, 20_000, { message: 'the graph of 08NAPLES38 to be drawn' });
  // 08NAPLES38; it cites 08NAPLES36, 08NAPLES37 and 07NAPLES118; 08NAPLES37 cites 07NAPLES119; 08NAPLES40 cites it.
  assert.strictEqual(drawn.nodes, 6);
  assert.strictEqual(drawn.edges, 6);
  assert.strictEqual(drawn.view, 'picture');
  // Every cable is a link in the list view and a focusable box in the picture.
  assert.strictEqual(drawn.links, 6);
  assert.ok(drawn.focusable >= 6, `focusable: ${drawn.focusable}`);
  // It follows the active editor.
  await openWorkspaceFile('naples/08NAPLES40.cable');
  await waitFor(() => panels.rendered.get('graph') && panels.rendered.get('graph').center === '08NAPLES40', 20_000, { message: 'the graph to follow 08NAPLES40' });
});

test('corpus statistics: the charts and the CSV', async () => {
  const { panels } = await api();
  await vscode.commands.executeCommand('cable.showCorpusStatistics');
  const drawn = await waitFor(() => panels.rendered.get('stats'), 20_000, { message: 'the statistics to be drawn' });
  assert.strictEqual(drawn.cables, CABLES);
  // Months with cables: Feb 2007, Mar, Jun and Nov 2008, Sep 2009 (each a bar).
  assert.strictEqual(drawn.bars, 5);
  assert.strictEqual(drawn.findings, null);
  assert.ok(drawn.tables >= 5);
  assert.match(panels.statsCsv, /^section,key,label,count\r\ntotal,cables,,7\r\n/);
  assert.match(panels.statsCsv, /\r\nmonth,2008-06,,3\r\n/);
  // Export writes that CSV.
  const target = vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, 'stats-export.csv');
  await panels.exportCsv(target);
  assert.strictEqual(new TextDecoder().decode(await vscode.workspace.fs.readFile(target)), panels.statsCsv);
  await vscode.workspace.fs.delete(target);
});
