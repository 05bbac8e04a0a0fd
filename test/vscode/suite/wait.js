// Waiting helpers for tests inside the extension host: event-driven where VS Code has an
// event, short polling otherwise. No fixed sleeps.
'use strict';

const vscode = require('vscode');

/**
 * Resolves to the first truthy value of `predicate()` (may be async), polled every
 * `interval` ms; rejects after `timeout` ms with `message` (and the last error, if any).
 */
async function waitFor(predicate, timeout = 10_000, { interval = 50, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let lastError;
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const why = lastError ? ` (last error: ${lastError.message || lastError})` : '';
      throw new Error(`timed out after ${timeout} ms waiting for ${message}${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/**
 * Waits for an event: resolves to the first event value for which `predicate` is true
 * (checked also once immediately through `check()`, when given, so an event that
 * already happened is not missed).
 */
function waitForEvent(event, predicate = () => true, { timeout = 10_000, check, message = 'event' } = {}) {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (fn, value) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      subscription.dispose();
      fn(value);
    };
    const subscription = event((value) => {
      try {
        if (predicate(value)) finish(resolve, value);
      } catch (error) {
        finish(reject, error);
      }
    });
    const timer = setTimeout(() => finish(reject, new Error(`timed out after ${timeout} ms waiting for ${message}`)), timeout);
    if (check) {
      Promise.resolve()
        .then(check)
        .then((value) => value && finish(resolve, value), (error) => finish(reject, error));
    }
  });
}

function sameUri(a, b) {
  return a.toString() === b.toString();
}

/**
 * Resolves to the diagnostics of `uri` once `predicate(diagnostics)` holds (default: at
 * least one diagnostic). Listens to vscode.languages.onDidChangeDiagnostics and checks the
 * current state first.
 */
function waitForDiagnostics(uri, predicate = (diagnostics) => diagnostics.length > 0, timeout = 15_000) {
  const current = () => {
    const diagnostics = vscode.languages.getDiagnostics(uri);
    return predicate(diagnostics) ? diagnostics : undefined;
  };
  return waitForEvent(
    vscode.languages.onDidChangeDiagnostics,
    (event) => event.uris.some((u) => sameUri(u, uri)) && current() !== undefined,
    { timeout, check: current, message: `diagnostics of ${uri.toString()}` },
  ).then((value) => (Array.isArray(value) ? value : vscode.languages.getDiagnostics(uri)));
}

/** Waits until the extension is active; activates it when `activate` is true. */
async function waitForExtension(id, { timeout = 20_000, activate = false } = {}) {
  const extension = await waitFor(() => vscode.extensions.getExtension(id), timeout, { message: `extension ${id} to be installed` });
  if (activate && !extension.isActive) await extension.activate();
  await waitFor(() => extension.isActive, timeout, { message: `extension ${id} to be active` });
  return extension;
}

/**
 * Retries a command (e.g. 'vscode.executeDocumentSymbolProvider') until `accept(result)`
 * holds: language servers answer empty results until they have started. Retries are
 * spaced with a short back-off.
 */
async function retryCommand(command, args, accept = (result) => Array.isArray(result) && result.length > 0, timeout = 20_000) {
  let interval = 50;
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await vscode.commands.executeCommand(command, ...args);
      if (accept(last)) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${command} (last result: ${describe(last)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
    interval = Math.min(interval * 2, 500);
  }
}

function describe(value) {
  if (value instanceof Error) return value.message;
  try {
    return JSON.stringify(value)?.slice(0, 200);
  } catch {
    return String(value);
  }
}

/** Opens a workspace file (path relative to the first workspace folder) and shows it. */
async function openWorkspaceFile(relativePath, { show = true } = {}) {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  if (!folder) throw new Error('no workspace folder is open');
  const uri = vscode.Uri.joinPath(folder.uri, ...relativePath.split('/'));
  const document = await vscode.workspace.openTextDocument(uri);
  if (show) await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

module.exports = { waitFor, waitForEvent, waitForDiagnostics, waitForExtension, retryCommand, openWorkspaceFile };
