// A tiny test framework for suites that run inside VS Code's extension host (no mocha).
//
//   const { test } = require('./harness');
//   test('name', async () => { ... }, { timeout: 20000 });
//
// Tests run one after another in registration order. Each prints `✓ name` or
// `✗ name: error`; the run ends with `N passed, N failed` (`, N skipped` when some were
// filtered out) and rejects when any test failed, so the runner's exit code is non-zero.
//
// Environment (set on the runner, inherited by the extension host):
//   CABLE_TEST_TIMEOUT  default per-test timeout in ms (30000)
//   CABLE_TEST_GREP     only run tests whose name contains this text (case-insensitive)
'use strict';

const tests = [];

function test(name, fn, options = {}) {
  if (typeof name !== 'string' || typeof fn !== 'function') {
    throw new TypeError('test(name, fn[, { timeout }])');
  }
  tests.push({ name, fn, timeout: options.timeout, skip: !!options.skip });
}

test.skip = (name, fn, options = {}) => test(name, fn, { ...options, skip: true });

function withTimeout(promise, ms, name) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describeError(error) {
  if (!(error instanceof Error)) return String(error);
  const message = String(error.message)
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim())
    .join('\n    ');
  // Where in the test files it failed: the first stack frames outside node and the harness.
  const frames = String(error.stack || '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line) && !/node:internal|harness\.js/.test(line))
    .slice(0, 2)
    .map((line) => `    ${line.trim()}`);
  return [message, ...frames].join('\n');
}

async function run({ log = (line) => console.log(line) } = {}) {
  // A browser's web-worker extension host has no `process`.
  const env = (typeof process === 'object' && process.env) || {};
  const defaultTimeout = Number(env.CABLE_TEST_TIMEOUT) || 30_000;
  const grep = (env.CABLE_TEST_GREP || '').toLowerCase();
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const failures = [];
  for (const t of tests) {
    if (t.skip || (grep && !t.name.toLowerCase().includes(grep))) {
      skipped++;
      continue;
    }
    const started = Date.now();
    try {
      await withTimeout(Promise.resolve().then(() => t.fn()), t.timeout ?? defaultTimeout, t.name);
      passed++;
      log(`✓ ${t.name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed++;
      failures.push(t.name);
      log(`✗ ${t.name}: ${describeError(error)}`);
    }
  }
  log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  if (failed > 0) {
    throw new Error(`${failed} test(s) failed: ${failures.join('; ')}`);
  }
  if (passed === 0) {
    throw new Error('no test ran');
  }
  return { passed, failed, skipped };
}

/** Clears the registered tests (for running a suite twice in one host). */
function reset() {
  tests.length = 0;
}

module.exports = { test, run, reset, tests };
