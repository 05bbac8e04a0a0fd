// Starter tests: the extension activates on a .cable file and its language server answers.
// Each test opens what it needs itself, so any one of them can run alone (CABLE_TEST_GREP).
'use strict';

const assert = require('assert');
const vscode = require('vscode');
const { test } = require('./harness');
const { waitForExtension, retryCommand, openWorkspaceFile } = require('./wait');

const EXTENSION_ID = 'cable-tools.cable-tools';
const sample = () => openWorkspaceFile('sample.cable');

test('opens sample.cable from the workspace', async () => {
  const document = await sample();
  assert.ok(document.lineCount > 10, `sample.cable has only ${document.lineCount} lines`);
  assert.ok(document.getText().includes('DE RUEHTA #2361'), 'sample.cable is not the Astana seed cable');
  assert.strictEqual(vscode.window.activeTextEditor && vscode.window.activeTextEditor.document, document);
});

test('the document has the cable language', async () => {
  const document = await sample();
  assert.strictEqual(document.languageId, 'cable');
});

test(`extension ${EXTENSION_ID} is active`, async () => {
  await sample(); // activationEvents: onLanguage:cable
  const extension = await waitForExtension(EXTENSION_ID, { timeout: 20_000 });
  assert.strictEqual(extension.packageJSON.name, 'cable-tools');
  assert.ok(extension.isActive);
});

test('the language server returns document symbols', async () => {
  const document = await sample();
  const symbols = await retryCommand('vscode.executeDocumentSymbolProvider', [document.uri], undefined, 20_000);
  assert.ok(symbols.length > 0, 'no symbols');
  const names = symbols.map((s) => s.name);
  assert.ok(names.includes('Header'), `top-level symbols: ${names.join(', ')}`);
});
