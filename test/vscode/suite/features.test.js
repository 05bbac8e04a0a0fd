// What a user gets in a real VS Code: the outline, hovers, diagnostics and quick fixes,
// fix on save, rule severities from settings, go to definition, workspace symbols.
// Every wait is on an event or a retried command, never a fixed sleep.
'use strict';

const assert = require('assert');
const vscode = require('vscode');
const { test } = require('./harness');
const { waitFor, waitForDiagnostics, retryCommand, openWorkspaceFile } = require('./wait');

const sample = () => openWorkspaceFile('sample.cable');

function positionOf(document, needle, offset = 1) {
  const at = document.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" not found`);
  return document.positionAt(at + offset);
}

function hoverText(hovers) {
  return hovers.map((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n')).join('\n').replace(/\\(.)/g, '$1');
}

const cableDiagnostics = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'cable');

test('the outline of the seed cable: its subject, six headings, one paragraph under each', async () => {
  const document = await sample();
  const symbols = await retryCommand('vscode.executeDocumentSymbolProvider', [document.uri]);
  const names = symbols.map((s) => s.name);
  assert.ok(names.includes('KAZAKHSTAN: ALMATY NOTES, NOVEMBER 10 - NOVEMBER 21, 2008'), names.join(' | '));
  const headings = symbols.filter((s) => s.kind === vscode.SymbolKind.Namespace && s.name !== 'Header');
  assert.strictEqual(headings.length, 6);
  for (const h of headings) assert.strictEqual(h.children.length, 1, h.name);
  assert.ok(names.some((n) => n.startsWith('¶1 (U)')), 'paragraph 1 before the first heading');
});

test('hovers decode RUEHTA, the DTG and PGOV', async () => {
  const document = await sample();
  const hover = async (needle, offset) => hoverText(await retryCommand('vscode.executeHoverProvider', [document.uri, positionOf(document, needle, offset)]));
  assert.match(await hover('DE RUEHTA', 4), /AMEMBASSY ASTANA/);
  assert.match(await hover('260915Z NOV 08'), /2008-11-26T09:15Z/);
  assert.match(await hover('[PGOV]', 2), /Internal Governmental Affairs/);
});

test('diagnostics appear, and a quick fix applies and clears one', async () => {
  const document = await sample();
  const diagnostics = await waitForDiagnostics(document.uri, (all) => all.filter((d) => d.code && d.code.value === 'pilcrow-misread' || d.code === 'pilcrow-misread').length === 3);
  const pilcrow = diagnostics.find((d) => (d.code && d.code.value) === 'pilcrow-misread' || d.code === 'pilcrow-misread');
  assert.strictEqual(pilcrow.source, 'cable');
  const actions = await retryCommand('vscode.executeCodeActionProvider', [document.uri, pilcrow.range, vscode.CodeActionKind.QuickFix.value]);
  const fix = actions.find((a) => a.isPreferred);
  assert.ok(fix, `no preferred fix among: ${actions.map((a) => a.title).join(' | ')}`);
  const line = pilcrow.range.start.line;
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  assert.ok(document.lineAt(line).text.startsWith('¶5.'));
  await waitForDiagnostics(document.uri, (all) => !all.some((d) => d.range.start.line === line && ((d.code && d.code.value) || d.code) === 'pilcrow-misread'));
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await waitForDiagnostics(document.uri, (all) => all.filter((d) => ((d.code && d.code.value) || d.code) === 'pilcrow-misread').length === 3);
});

test('fix on save (editor.codeActionsOnSave source.fixAll.cable)', async () => {
  // The workspace's .vscode/settings.json turns it on for cables, as a user would: a setting
  // changed from here reaches the browser's save participant only some time later.
  const onSave = vscode.workspace.getConfiguration('editor', { languageId: 'cable' }).get('codeActionsOnSave');
  assert.deepStrictEqual(onSave, { 'source.fixAll.cable': 'explicit' });
  const document = await openWorkspaceFile('07LONDON519.cable');
  const editor = vscode.window.activeTextEditor;
  try {
    const end = document.lineAt(document.lineCount - 1).range.end;
    await editor.edit((b) => b.insert(end, '\nTAGS test line: [PGOV](#) costs \\$5\n'));
    await waitForDiagnostics(document.uri, (all) => all.some((d) => ((d.code && d.code.value) || d.code) === 'rendering-artifact'));
    await document.save();
    await waitFor(() => !document.getText().includes('[PGOV](#)') && document.getText().includes('TAGS test line: PGOV costs $5'), 15_000, { message: 'the artifacts fixed on save' });
  } finally {
    const text = document.getText();
    const at = text.indexOf('\nTAGS test line');
    if (at >= 0) {
      await vscode.window.activeTextEditor.edit((b) => b.delete(new vscode.Range(document.positionAt(at), document.positionAt(text.length))));
      await document.save();
    }
  }
});

test('changing a rule\'s severity in settings changes the diagnostic', async () => {
  const document = await sample();
  const config = vscode.workspace.getConfiguration('cable');
  const severityOf = (all) => all.filter((d) => ((d.code && d.code.value) || d.code) === 'pilcrow-misread').map((d) => d.severity);
  await waitForDiagnostics(document.uri, (all) => severityOf(all).length === 3 && severityOf(all).every((s) => s === vscode.DiagnosticSeverity.Warning));
  await config.update('rules', { 'pilcrow-misread': 'error' }, vscode.ConfigurationTarget.Global);
  try {
    await waitForDiagnostics(document.uri, (all) => severityOf(all).length === 3 && severityOf(all).every((s) => s === vscode.DiagnosticSeverity.Error));
    await config.update('rules', { 'pilcrow-misread': 'off' }, vscode.ConfigurationTarget.Global);
    await waitForDiagnostics(document.uri, (all) => severityOf(all).length === 0 && cableDiagnostics(document.uri).length > 0);
  } finally {
    await config.update('rules', undefined, vscode.ConfigurationTarget.Global);
  }
  await waitForDiagnostics(document.uri, (all) => severityOf(all).length === 3);
});

test('go to definition from "ref A" to REF A', async () => {
  const document = await openWorkspaceFile('09KUALALUMPUR752.cable');
  const locations = await retryCommand('vscode.executeDefinitionProvider', [document.uri, positionOf(document, 'ref A')]);
  const target = locations[0];
  const range = target.targetRange || target.range;
  assert.match(document.lineAt(range.start.line).text, /^REF: A\. SECSTATE 90063/);
});

test('workspace symbol search finds a cable by id and by subject', async () => {
  await sample();
  const byId = await retryCommand('vscode.executeWorkspaceSymbolProvider', ['08QUITO264']);
  assert.ok(byId.some((s) => s.location.uri.path.endsWith('08QUITO264.cable')), byId.map((s) => s.name).join(' | '));
  const bySubject = await retryCommand('vscode.executeWorkspaceSymbolProvider', ['almaty notes']);
  assert.ok(bySubject.some((s) => s.location.uri.path.endsWith('sample.cable')));
});

test('the grammar is contributed for the cable language', async () => {
  const extension = vscode.extensions.getExtension('cable-tools.cable-tools');
  const grammar = extension.packageJSON.contributes.grammars.find((g) => g.language === 'cable');
  assert.strictEqual(grammar.scopeName, 'text.cable');
  const file = vscode.Uri.joinPath(extension.extensionUri, grammar.path);
  const json = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8'));
  assert.strictEqual(json.scopeName, 'text.cable');
});

test('cables show no boxes around curly quotes; .cablelintrc.json opens as JSON with comments', async () => {
  // Every curly quote of a real cable would otherwise get a yellow box.
  assert.strictEqual(vscode.workspace.getConfiguration('editor', { languageId: 'cable' }).get('unicodeHighlight.ambiguousCharacters'), false);
  const config = await openWorkspaceFile('.cablelintrc.json');
  assert.strictEqual(config.languageId, 'jsonc');
});

test('the "cable: lint" task fills the Problems panel through the $cable problem matcher', async () => {
  const document = await sample();
  const tasks = await vscode.tasks.fetchTasks({ type: 'cable' });
  const lint = tasks.find((t) => t.name === 'lint' && t.definition.command === 'lint');
  assert.ok(lint, `tasks: ${tasks.map((t) => `${t.source}: ${t.name}`).join(', ')}`);
  const ended = new Promise((resolve) => {
    const subscription = vscode.tasks.onDidEndTaskProcess((e) => {
      if (e.execution.task.definition.type !== 'cable') return;
      subscription.dispose();
      resolve(e.exitCode);
    });
  });
  await vscode.tasks.executeTask(lint);
  const exitCode = await Promise.race([ended, new Promise((_, reject) => setTimeout(() => reject(new Error('the task did not end within 30 s')), 30_000))]);
  assert.ok(exitCode === 0 || exitCode === 1, `cable lint exited with ${exitCode}`);
  // The matcher's findings carry its source; the language server's carry 'cable'. The matcher
  // reads the task's output as it comes, so its findings arrive over a moment: wait until they
  // are as many as the server's (a different count at the deadline fails, with both counts).
  const fromTask = await waitFor(() => {
    const found = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'cable lint');
    const fromServer = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'cable');
    if (!found.length || found.length !== fromServer.length) throw new Error(`task: ${found.length}, server: ${fromServer.length}`);
    return found;
  }, 15_000, { message: `the Problems from the task on sample.cable to be the server's (cable lint exited with ${exitCode})` });
  const first = fromTask.find((d) => d.code === 'rendering-artifact');
  assert.ok(first, fromTask.map((d) => d.code).join(' '));
  assert.strictEqual(first.severity, vscode.DiagnosticSeverity.Warning);
}, { timeout: 60_000 });

test('the walkthrough\'s sample cable opens, untitled, and is checked', async () => {
  await vscode.commands.executeCommand('cable.openSample');
  const editor = await waitFor(() => {
    const e = vscode.window.activeTextEditor;
    return e && e.document.isUntitled && e.document.languageId === 'cable' ? e : undefined;
  }, 10_000, { message: 'the sample cable in an untitled editor' });
  assert.match(editor.document.getText(), /UNCLAS ASTANA 002361/);
  await waitForDiagnostics(editor.document.uri, (all) => all.some((d) => d.source === 'cable' && ((d.code && d.code.value) || d.code) === 'rendering-artifact'));
});
