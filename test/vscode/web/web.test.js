// VS Code for the Web: the extension's browser build (client and language server in web
// workers, no files) gives hovers, the outline, diagnostics and a quick fix on a real cable.
'use strict';

const assert = require('assert');
const vscode = require('vscode');
const { test } = require('../suite/harness');
const { waitForDiagnostics, waitForExtension, retryCommand, openWorkspaceFile } = require('../suite/wait');

const codeOf = (d) => (d.code && d.code.value) || d.code;

test('the extension runs in the web-worker extension host, from its browser entry', async () => {
  const extension = await waitForExtension('cable-tools.cable-tools', { activate: true });
  assert.strictEqual(extension.packageJSON.browser, './dist/web/client.js');
  // The suite runs in the extension host of the extension under test (VS Code picks it by the
  // suite's location, inside the extension): it is a browser worker (`WorkerGlobalScope`), not Node.
  assert.strictEqual(typeof WorkerGlobalScope, 'function', `a browser worker, not Node (process: ${typeof process}, navigator: ${typeof navigator}, extensionKind: ${extension.extensionKind})`);
  assert.ok(self instanceof WorkerGlobalScope);
});

test('hovers decode RUEHTA and the DTG', async () => {
  const document = await openWorkspaceFile('sample.cable');
  const at = (needle, offset) => document.positionAt(document.getText().indexOf(needle) + offset);
  const text = async (position) => (await retryCommand('vscode.executeHoverProvider', [document.uri, position])).map((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n')).join('\n').replace(/\\(.)/g, '$1');
  assert.match(await text(at('DE RUEHTA', 4)), /AMEMBASSY ASTANA/);
  assert.match(await text(at('260915Z NOV 08', 1)), /2008-11-26T09:15Z/);
});

test('the outline holds the subject and the headings', async () => {
  const document = await openWorkspaceFile('sample.cable');
  const symbols = await retryCommand('vscode.executeDocumentSymbolProvider', [document.uri]);
  const names = symbols.map((s) => s.name);
  assert.ok(names.includes('KAZAKHSTAN: ALMATY NOTES, NOVEMBER 10 - NOVEMBER 21, 2008'), names.join(' | '));
  assert.strictEqual(symbols.filter((s) => s.kind === vscode.SymbolKind.Namespace && s.name !== 'Header').length, 6);
});

test('diagnostics appear, and a quick fix applies and clears one', async () => {
  const document = await openWorkspaceFile('sample.cable');
  const diagnostics = await waitForDiagnostics(document.uri, (all) => all.filter((d) => codeOf(d) === 'pilcrow-misread').length === 3);
  const pilcrow = diagnostics.find((d) => codeOf(d) === 'pilcrow-misread');
  const line = pilcrow.range.start.line;
  const actions = await retryCommand('vscode.executeCodeActionProvider', [document.uri, pilcrow.range, vscode.CodeActionKind.QuickFix.value]);
  const fix = actions.find((a) => a.isPreferred);
  assert.ok(fix && fix.edit, actions.map((a) => a.title).join(' | '));
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  await waitForDiagnostics(document.uri, (all) => !all.some((d) => d.range.start.line === line && codeOf(d) === 'pilcrow-misread'));
  await vscode.commands.executeCommand('undo');
});
