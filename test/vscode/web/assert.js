// The few `assert` functions the web suite uses, for the browser bundle (Node's module is not there).
'use strict';

class AssertionError extends Error {}

function ok(value, message) {
  if (!value) throw new AssertionError(message || `expected a truthy value, got ${String(value)}`);
}

function strictEqual(actual, expected, message) {
  if (!Object.is(actual, expected)) throw new AssertionError(message || `${JSON.stringify(actual)} !== ${JSON.stringify(expected)}`);
}

function match(text, pattern, message) {
  if (!pattern.test(text)) throw new AssertionError(message || `${JSON.stringify(String(text).slice(0, 300))} does not match ${pattern}`);
}

module.exports = Object.assign(ok, { ok, strictEqual, match, AssertionError });
