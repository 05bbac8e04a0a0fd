#!/usr/bin/env node
// Runs the extension-host suite (test/vscode/suite) in VS Code desktop with
// @vscode/test-electron, for machines that can download VS Code from Microsoft's update
// server. (The project's own machines cannot: there, use test/editor/runSuite.mjs, which
// runs the same suite in code-server.)
//
//   node test/vscode/runElectron.mjs [--vscode-version stable|1.100.3|...] [--grep <text>]
//        [--extension-dev-path <dir>] [--suite <dir or index.js>] [--workspace <dir>]
//
// Needs the devDependency "@vscode/test-electron": "2.5.2" (the 2.x line runs on Node 20;
// 3.x needs Node 22). Exit codes: the suite's (0 = all passed), 2 when @vscode/test-electron
// is missing or VS Code cannot be downloaded (no internet), 1 on other failures.
// On Linux without a display, run it under xvfb-run.

import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');

const { values: args } = parseArgs({
  options: {
    'vscode-version': { type: 'string', default: process.env.VSCODE_TEST_VERSION || 'stable' },
    'extension-dev-path': { type: 'string', default: repoRoot },
    suite: { type: 'string', default: path.join(here, 'suite', 'index.js') },
    workspace: { type: 'string', default: path.join(here, 'workspace') },
    grep: { type: 'string' },
  },
  strict: true,
});

let testElectron;
try {
  testElectron = await import('@vscode/test-electron');
} catch (error) {
  console.error(
    'runElectron: @vscode/test-electron is not installed. Add it to the root devDependencies:\n' +
      '  npm install --save-dev --save-exact @vscode/test-electron@2.5.2\n' +
      `(${error.message.split('\n')[0]})`,
  );
  process.exit(2);
}
const { downloadAndUnzipVSCode, runTests, TestRunFailedError } = testElectron;

const extensionDevelopmentPath = path.resolve(args['extension-dev-path']);
const extensionTestsPath = path.resolve(args.suite);
const workspace = path.resolve(args.workspace);
for (const [what, p] of [
  ['extension', path.join(extensionDevelopmentPath, 'package.json')],
  ['suite', extensionTestsPath],
  ['workspace', workspace],
]) {
  if (!existsSync(p)) {
    console.error(`runElectron: no ${what} at ${p}`);
    process.exit(1);
  }
}
if (!existsSync(path.join(extensionDevelopmentPath, 'dist', 'client.js'))) {
  console.error('runElectron: dist/client.js is missing; run `npm run build` first');
  process.exit(1);
}

// Downloads land in .vscode-test/ at the repository root (gitignored).
const cachePath = path.join(repoRoot, '.vscode-test');
mkdirSync(cachePath, { recursive: true });

let vscodeExecutablePath;
try {
  vscodeExecutablePath = await downloadAndUnzipVSCode({
    version: args['vscode-version'],
    cachePath,
    extensionDevelopmentPath,
    timeout: 30_000,
  });
} catch (error) {
  console.error(
    `runElectron: could not download VS Code ${args['vscode-version']} (${error.message.split('\n')[0]}).\n` +
      'This machine cannot reach Microsoft\'s update server. Run the same suite in code-server instead:\n' +
      '  bash test/editor/install.sh && node test/editor/runSuite.mjs --extension-dev-path "$PWD" ' +
      '--suite "$PWD/test/vscode/suite/index.js" --workspace "$PWD/test/vscode/workspace"',
  );
  process.exit(2);
}

try {
  const code = await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath,
    extensionTestsPath,
    extensionTestsEnv: args.grep ? { CABLE_TEST_GREP: args.grep } : undefined,
    // The workspace folder first (VS Code opens it), and no other installed extensions.
    launchArgs: [workspace, '--disable-extensions', '--disable-telemetry', '--skip-welcome', '--skip-release-notes'],
  });
  process.exit(code);
} catch (error) {
  if (TestRunFailedError && error instanceof TestRunFailedError) {
    // The suite has already printed its `N passed, N failed`.
    process.exit(typeof error.code === 'number' && error.code !== 0 ? error.code : 1);
  }
  console.error(`runElectron: ${error.stack || error.message}`);
  process.exit(1);
}
