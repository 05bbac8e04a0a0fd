// Entry point of the extension-host test suite: `extensionTestsPath` points here.
// Loads every *.test.js file of this folder (sorted by name), then runs the registered
// tests with the harness. Used by test/editor/runSuite.mjs (code-server) and by
// test/vscode/runElectron.mjs (@vscode/test-electron), and by anything else that calls
// `run()` inside VS Code's extension host.
'use strict';

const fs = require('fs');
const path = require('path');
const harness = require('./harness');

async function run() {
  const files = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  if (!files.length) throw new Error(`no *.test.js files in ${__dirname}`);
  for (const file of files) {
    const full = path.join(__dirname, file);
    delete require.cache[require.resolve(full)];
    require(full);
  }
  console.log(`Running ${harness.tests.length} test(s) from ${files.join(', ')} in VS Code ${require('vscode').version}`);
  await harness.run();
}

module.exports = { run };
