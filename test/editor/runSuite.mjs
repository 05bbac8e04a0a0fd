#!/usr/bin/env node
// Runs an extension-host test suite inside code-server's real VS Code 1.100 extension host.
//
//   node test/editor/runSuite.mjs --extension-dev-path <abs dir> --suite <abs suite/index.js>
//        --workspace <abs dir> [--settings <json file>] [--vsix <file>] [--timeout <s>]
//        [--grep <text>] [--copy-workspace] [--verbose] [--keep]
//
// It starts code-server (fresh dirs, own process group), opens the workbench in headless
// Chromium with the `payload` that makes VS Code load the extension from
// --extension-dev-path and call `run()` of --suite, streams the suite's console output
// (through `codeAutomationLog`), waits for `codeAutomationExit(code)`, stops everything and
// exits with the suite's code. Its last line of output is the suite's `N passed, N failed`
// (or `0 passed, 1 failed` with the reason above it when the suite never finished).
//
// --vsix installs a packaged extension as well (for suites that test the packaged build
// next to, or instead of, the development one). --timeout is the overall limit (default
// 300 s). --grep sets CABLE_TEST_GREP for the harness. --verbose also prints the browser's
// console errors and code-server's log. --keep keeps the scratch folder even on success.

import { cpSync, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startCodeServer, delay } from './codeServer.mjs';
import { launchBrowser, screenshot } from './browser.mjs';

const usage =
  'usage: node test/editor/runSuite.mjs --extension-dev-path <abs dir> --suite <abs path to suite index.js> ' +
  '--workspace <abs dir> [--settings <json file>] [--vsix <file>] [--timeout <seconds>] [--grep <text>] ' +
  '[--copy-workspace] [--verbose] [--keep]';

const SUMMARY = /^(?:\w+: )?\d+ passed, \d+ failed(?:, \d+ skipped)?$/;

function fail(message, code = 2) {
  process.stderr.write(`runSuite: ${message}\n${usage}\n`);
  process.exit(code);
}

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      'extension-dev-path': { type: 'string' },
      suite: { type: 'string' },
      workspace: { type: 'string' },
      settings: { type: 'string' },
      vsix: { type: 'string', multiple: true },
      timeout: { type: 'string', default: '300' },
      grep: { type: 'string' },
      'copy-workspace': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }));
} catch (error) {
  fail(error.message);
}
if (args.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
for (const required of ['extension-dev-path', 'suite', 'workspace']) {
  if (!args[required]) fail(`--${required} is required`);
}
const extensionDevPath = path.resolve(args['extension-dev-path']);
let suitePath = path.resolve(args.suite);
let workspace = path.resolve(args.workspace);
if (!existsSync(path.join(extensionDevPath, 'package.json'))) fail(`no package.json in ${extensionDevPath}`);
if (existsSync(suitePath) && statSync(suitePath).isDirectory()) suitePath = path.join(suitePath, 'index.js');
if (!existsSync(suitePath)) fail(`no such suite: ${suitePath}`);
if (!existsSync(workspace) || !statSync(workspace).isDirectory()) fail(`no such workspace folder: ${workspace}`);
let settings = {};
if (args.settings) {
  try {
    settings = JSON.parse(readFileSync(path.resolve(args.settings), 'utf8'));
  } catch (error) {
    fail(`cannot read --settings ${args.settings}: ${error.message}`);
  }
}
const timeoutMs = Number(args.timeout) * 1000;
if (!(timeoutMs > 0)) fail(`--timeout must be a number of seconds, not ${args.timeout}`);

const started = Date.now();
const note = (message) => process.stderr.write(`[runSuite ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);

const SUITE_START = /^Running \d+ test/;
const NOISE = /getaddrinfo|ENOTFOUND|open-vsx|marketplace|Service Worker|ChatSessionStore/i;
let suiteStarted = false;
const heldBack = [];
let summaryLine = null;
const seen = { passed: 0, failed: 0 }; // ✓ / ✗ lines, for a summary when the suite never finished
let exitCode = null;
let failureReason = null;
let server;
let browser;

/** Prints one line of the suite's output; holds back the summary to print it last. */
function suiteLine(line) {
  if (line.startsWith('✓ ')) seen.passed++;
  else if (line.startsWith('✗ ')) seen.failed++;
  if (SUMMARY.test(line.trim())) {
    if (summaryLine) process.stdout.write(`${summaryLine}\n`);
    summaryLine = line.trim();
    return;
  }
  process.stdout.write(`${line}\n`);
}

function formatArg(value) {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

async function main() {
  const overall = setTimeout(() => {
    failureReason = `the suite did not finish within ${timeoutMs / 1000} s (--timeout)`;
    finish();
  }, timeoutMs);
  let finish;
  const finished = new Promise((resolve) => (finish = resolve));

  server = await startCodeServer({
    name: 'suite',
    settings,
    vsix: args.vsix,
    env: args.grep ? { CABLE_TEST_GREP: args.grep } : {},
    log: args.verbose ? (line) => note(`code-server: ${line}`) : undefined,
  });
  note(`code-server ${server.url} (pid ${server.pid}, scratch ${server.dirs.root})`);
  if (args['copy-workspace']) {
    const copy = path.join(server.dirs.root, 'workspace');
    cpSync(workspace, copy, { recursive: true });
    workspace = copy;
  }

  browser = await launchBrowser({ userDataDir: server.dirs.chromium, env: server.env });
  const { page } = browser;

  // Exposed before the page loads: the workbench calls them in automation mode.
  // The workbench sends its own log lines through the same function as the suite's console
  // output, with nothing to tell them apart. Until the suite's first line (index.js prints
  // "Running N test(s) ..."), info lines are held back (shown with --verbose, or when the
  // suite never starts); errors are shown, except the offline marketplace's lookups.
  await page.exposeFunction('codeAutomationLog', (type, logArgs) => {
    const parts = Array.isArray(logArgs) ? logArgs.map(formatArg) : [formatArg(logArgs)];
    const text = parts.join(' ');
    if (!suiteStarted && SUITE_START.test(text)) suiteStarted = true;
    if (!suiteStarted || NOISE.test(text)) {
      heldBack.push(`[workbench ${type}] ${text}`);
      if (heldBack.length > 200) heldBack.shift();
      if (args.verbose) note(`workbench ${type}: ${text}`);
      else if (type === 'error' && !NOISE.test(text)) process.stdout.write(`${text}\n`);
      return;
    }
    for (const line of text.split('\n')) suiteLine(line);
  });
  await page.exposeFunction('codeAutomationExit', (code) => {
    exitCode = Number(code);
    finish();
  });
  page.on('pageerror', (error) => args.verbose && note(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (args.verbose && message.type() === 'error') note(`browser console: ${message.text().slice(0, 300)}`);
  });
  page.on('crash', () => {
    failureReason = 'the browser page crashed';
    finish();
  });
  const serverWatch = setInterval(() => {
    if (server.exited) {
      failureReason = `code-server exited (${server.exited.code ?? server.exited.signal})`;
      finish();
    }
  }, 250);

  const payload = [
    ['extensionDevelopmentPath', server.remoteUri(extensionDevPath)],
    ['extensionTestsPath', server.remoteUri(suitePath)],
  ];
  const url = server.folderUrl(workspace, { payload: JSON.stringify(payload) });
  note(`opening ${url}`);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });

  await finished;
  clearTimeout(overall);
  clearInterval(serverWatch);
  if (exitCode === null && failureReason) {
    await screenshot(page, path.join(server.dirs.artifacts, 'failure.png')).then(
      (file) => note(`screenshot of the workbench: ${file}`),
      () => {},
    );
  }
}

async function cleanup() {
  if (browser) await browser.close().catch(() => {});
  if (server) await server.stop().catch(() => {});
}

let status;
try {
  await main();
} catch (error) {
  failureReason = error.stack || error.message;
} finally {
  await cleanup();
}
if (server && (args.keep || exitCode !== 0)) note(`scratch folder kept: ${server.dirs.root} (code-server.log)`);
else if (server) server.dirs.cleanup({ all: true }); // a passing run leaves nothing behind

/** The summary with at least one failure counted (for runs that failed outside the harness). */
function withFailure(summary) {
  const match = summary && /^(?:\w+: )?(\d+) passed, (\d+) failed(.*)$/.exec(summary);
  if (!match) return `${seen.passed} passed, ${seen.failed + 1} failed`;
  return Number(match[2]) > 0 ? summary : `${match[1]} passed, 1 failed${match[3]}`;
}

if (!suiteStarted && !args.verbose && heldBack.length) {
  process.stderr.write(`runSuite: the suite never printed its start line; the workbench's last messages:\n`);
  for (const line of heldBack.slice(-40)) process.stderr.write(`  ${line.slice(0, 500)}\n`);
}
if (exitCode === null) {
  status = 1;
  process.stdout.write(`runSuite: ${failureReason ?? 'the suite did not report an exit code'}\n`);
  summaryLine = withFailure(summaryLine);
} else {
  status = exitCode;
  if (!summaryLine) {
    // run() settled without the harness's summary (a suite without it, or it threw early).
    process.stdout.write(`runSuite: the suite printed no summary; its exit code is ${exitCode}\n`);
    summaryLine = exitCode === 0 ? '1 passed, 0 failed' : '0 passed, 1 failed';
  } else if (exitCode !== 0) {
    summaryLine = withFailure(summaryLine);
  }
}
note(`total ${((Date.now() - started) / 1000).toFixed(1)} s, exit code ${status}`);
await delay(0);
process.stdout.write(`${summaryLine}\n`);
process.exit(status);
