// Entry point of the suite in the browser's web-worker extension host (VS Code for the Web):
// bundled for the browser by test/editor/runTests.mjs (esbuild: `assert` is ./assert.js) and
// run by code-server with the extension as a UI extension, so its `browser` entry is used.
'use strict';

const harness = require('../suite/harness');
require('./web.test.js');

async function run() {
  console.log(`Running ${harness.tests.length} test(s) in the web-worker extension host of VS Code ${require('vscode').version}`);
  await harness.run();
}

module.exports = { run };
