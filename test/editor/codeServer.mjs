// Starts and stops code-server (VS Code 1.100.3 in the browser, with a normal Node extension
// host) for the editor tests, the screenshots and the demo.
//
// Every run gets fresh directories under test/editor/.work/runs/<name>-<time>-<pid>/:
//   user-data/ (settings in user-data/User/settings.json), extensions/, xdg/{config,data,cache}/,
//   tmp/, and chromium/ for the browser profile (see browser.mjs).
// code-server runs in its own process group (spawn detached = setsid); stop() kills the whole
// group, so its extension hosts and language servers never linger. Groups still running
// when this Node process exits (normal exit, error, SIGINT, SIGTERM, SIGHUP) are killed too.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const editorDir = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(editorDir, '..', '..');
export const workRoot = path.join(editorDir, '.work');
export const codeServerEntry = path.join(editorDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** Settings every run starts with; a caller's settings are merged over them. */
export const defaultSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'files.autoSave': 'off',
  'files.hotExit': 'off',
  'chat.commandCenter.enabled': false,
  'window.restoreWindows': 'none',
};

// ---------------------------------------------------------------------------------------
// Process-group bookkeeping: every group started here is killed when this process ends.

const liveGroups = new Set();
const liveTmpDirs = new Set();
let handlersInstalled = false;

function killGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    if (error.code === 'ESRCH') return false;
    throw error;
  }
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Cleanup callbacks (browsers etc.) run before the groups are killed on a signal. */
const signalCleanups = new Set();
export function onSignalCleanup(fn) {
  signalCleanups.add(fn);
  return () => signalCleanups.delete(fn);
}

export function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // Last resort, synchronous: whatever is still registered dies with SIGKILL.
  process.on('exit', () => {
    for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
    liveGroups.clear();
    for (const dir of liveTmpDirs) rmSync(dir, { recursive: true, force: true });
  });
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.on(signal, async () => {
      process.stderr.write(`\n[editor] ${signal}: stopping code-server and the browser…\n`);
      const force = setTimeout(() => process.exit(code), 5000);
      force.unref();
      for (const fn of [...signalCleanups]) {
        try {
          await fn();
        } catch {
          // ignore: we are exiting
        }
      }
      await Promise.all([...liveGroups].map((pgid) => stopGroup(pgid)));
      process.exit(code);
    });
  }
}

async function stopGroup(pgid, graceMs = 3000) {
  if (!killGroup(pgid, 'SIGTERM')) {
    liveGroups.delete(pgid);
    return;
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && groupAlive(pgid)) await delay(50);
  if (groupAlive(pgid)) killGroup(pgid, 'SIGKILL');
  const hardDeadline = Date.now() + 2000;
  while (Date.now() < hardDeadline && groupAlive(pgid)) await delay(50);
  liveGroups.delete(pgid);
}

// ---------------------------------------------------------------------------------------

export function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A free TCP port on 127.0.0.1 (asks the kernel for one, then releases it). */
export async function freePort() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

// Unix socket paths are limited to 107 bytes. code-server puts one in the user-data dir,
// and the extension host, the language client's IPC transport and Chromium put theirs in
// TMPDIR. So TMPDIR is always a short folder in the system temp dir, and the run folder
// moves there too when the clone's path is too long for a socket inside it.
const SOCKET_SLACK = 'user-data/code-server-ipc.sock'.length + 2;
const MAX_SOCKET_PATH = 100;

/**
 * Fresh scratch directories for one run, under test/editor/.work/runs/ (old runs beyond
 * `keep` are removed). `dirs.tmp` is a short folder in the system temp dir; `dirs.cleanup()`
 * removes it (and the run folder too with { all: true }).
 */
export function makeRunDirs(name = 'run', { keep = 8 } = {}) {
  const runsDir = path.join(workRoot, 'runs');
  mkdirSync(runsDir, { recursive: true });
  pruneOldRuns(runsDir, keep);
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  let root = path.join(runsDir, `${name}-${stamp}-${process.pid}`);
  if (root.length + SOCKET_SLACK > MAX_SOCKET_PATH) {
    root = mkdtempSync(path.join(os.tmpdir(), `ce-${name}-`));
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ce-tmp-'));
  liveTmpDirs.add(tmp);
  installExitHandlers();
  const dirs = {
    root,
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    xdgConfig: path.join(root, 'xdg', 'config'),
    xdgData: path.join(root, 'xdg', 'data'),
    xdgCache: path.join(root, 'xdg', 'cache'),
    tmp,
    chromium: path.join(root, 'chromium'),
    artifacts: path.join(root, 'artifacts'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  Object.defineProperty(dirs, 'cleanup', {
    enumerable: false,
    value: ({ all = false } = {}) => {
      rmSync(tmp, { recursive: true, force: true });
      liveTmpDirs.delete(tmp);
      if (all) rmSync(root, { recursive: true, force: true });
    },
  });
  return dirs;
}

function pruneOldRuns(runsDir, keep) {
  let entries;
  try {
    entries = readdirSync(runsDir)
      .map((name) => ({ name, mtime: statSync(path.join(runsDir, name)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
  } catch {
    return;
  }
  for (const { name } of entries.slice(keep)) {
    // Only folders whose owner process is gone (the pid is the last part of the name).
    const pid = Number(name.split('-').pop());
    if (Number.isInteger(pid) && pid !== process.pid && processAlive(pid)) continue;
    rmSync(path.join(runsDir, name), { recursive: true, force: true });
  }
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** The environment code-server (and its extension host) runs with. */
export function scratchEnv(dirs, extra = {}) {
  const env = { ...process.env };
  // Variables of an enclosing VS Code / Electron would confuse code-server's extension host.
  for (const key of Object.keys(env)) {
    if (/^(VSCODE_|ELECTRON_)/.test(key)) delete env[key];
  }
  return {
    ...env,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
    TMPDIR: dirs.tmp,
    ...extra,
  };
}

/** Writes user settings (defaults + `settings`) to <user-data>/User/settings.json. */
export function writeUserSettings(userDataDir, settings = {}) {
  const userDir = path.join(userDataDir, 'User');
  mkdirSync(userDir, { recursive: true });
  const file = path.join(userDir, 'settings.json');
  writeFileSync(file, JSON.stringify({ ...defaultSettings, ...settings }, null, 2) + '\n');
  return file;
}

function checkInstalled() {
  if (!existsSync(codeServerEntry)) {
    throw new Error(`code-server is not installed (${codeServerEntry} is missing): run bash test/editor/install.sh`);
  }
}

/** Runs code-server's CLI once (e.g. --install-extension) in its own process group. */
async function runCodeServerCli(args, { env, timeoutMs = 120_000, log = () => {} } = {}) {
  checkInstalled();
  const child = spawn(process.execPath, [codeServerEntry, ...args], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  liveGroups.add(child.pid);
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), timeoutMs);
  const [code, signal] = await once(child, 'exit');
  clearTimeout(timer);
  await stopGroup(child.pid, 500);
  log(output.trim());
  if (code !== 0) {
    throw new Error(`code-server ${args.join(' ')} failed (${code ?? signal}):\n${output}`);
  }
  return output;
}

/** Installs a .vsix into `extensionsDir` (code-server --install-extension). */
export async function installVsix(vsixPath, { dirs, env = scratchEnv(dirs), log } = {}) {
  const vsix = path.resolve(vsixPath);
  if (!existsSync(vsix)) throw new Error(`no such .vsix: ${vsix} (run: npm run package)`);
  const output = await runCodeServerCli(
    ['--install-extension', vsix, '--force', '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData],
    { env, log },
  );
  if (!/successfully installed/i.test(output)) {
    throw new Error(`installing ${vsix} did not report success:\n${output}`);
  }
  return output;
}

/**
 * Starts code-server. Options:
 *   name       label of the scratch folder (default 'run')
 *   dirs       scratch dirs from makeRunDirs() (made when omitted)
 *   settings   user settings merged over defaultSettings
 *   vsix       a .vsix (or a list of them) to install into the fresh extensions dir first
 *   port       a port (a free one when omitted)
 *   env        extra environment for code-server and its extension host
 *   log        function(line) for code-server's own output (default: dropped, kept in server.log)
 *   extraArgs  more code-server arguments
 * Resolves to { url, port, dirs, pid, folderUrl(dir), stop(), logFile }.
 */
export async function startCodeServer(options = {}) {
  checkInstalled();
  installExitHandlers();
  const dirs = options.dirs ?? makeRunDirs(options.name ?? 'run');
  const env = scratchEnv(dirs, options.env);
  writeUserSettings(dirs.userData, options.settings);
  for (const vsix of [options.vsix ?? []].flat()) await installVsix(vsix, { dirs, env, log: options.log });

  const port = options.port ?? (await freePort());
  const args = [
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(options.extraArgs ?? []),
  ];
  const logFile = path.join(dirs.root, 'code-server.log');
  const child = spawn(process.execPath, [codeServerEntry, ...args], {
    detached: true, // setsid: its own process group, killed as a whole in stop()
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
    cwd: dirs.root,
  });
  liveGroups.add(child.pid);
  const logLines = [];
  const onData = (chunk) => {
    const text = chunk.toString();
    logLines.push(text);
    writeFileSync(logFile, text, { flag: 'a' });
    if (options.log) for (const line of text.split('\n')) if (line.trim()) options.log(line);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let exited = null;
  child.once('exit', (code, signal) => (exited = { code, signal }));

  const url = `http://127.0.0.1:${port}`;
  let stopped = false;
  const handle = {
    url,
    port,
    dirs,
    pid: child.pid,
    logFile,
    env,
    /** http://127.0.0.1:PORT/?folder=/abs/dir */
    folderUrl(dir, query = {}) {
      // Slashes stay readable in the folder path; everything else is encoded.
      const folder = encodeURIComponent(path.resolve(dir)).replace(/%2F/g, '/');
      const rest = new URLSearchParams(query).toString();
      return `${url}/?folder=${folder}${rest ? `&${rest}` : ''}`;
    },
    /** vscode-remote://127.0.0.1:PORT/abs/path: how the workbench names a server-side path. */
    remoteUri(absPath) {
      return `vscode-remote://127.0.0.1:${port}${path.resolve(absPath).split(path.sep).map(encodeURIComponent).join('/')}`;
    },
    get exited() {
      return exited;
    },
    /** Kills code-server's process group; `keepTmp` keeps TMPDIR for a browser still running. */
    async stop({ keepTmp = false } = {}) {
      if (!stopped) {
        stopped = true;
        await stopGroup(child.pid);
      }
      if (!keepTmp) dirs.cleanup?.();
    },
  };

  try {
    await waitHealthy(url, () => exited, options.startTimeoutMs ?? 60_000);
  } catch (error) {
    await handle.stop();
    error.message += `\ncode-server output:\n${logLines.join('').slice(-4000)}`;
    throw error;
  }
  return handle;
}

async function waitHealthy(url, exitedFn, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    const exited = exitedFn();
    if (exited) throw new Error(`code-server exited before it was healthy (${exited.code ?? exited.signal})`);
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) {
        const body = await response.json().catch(() => ({}));
        if (!body.status || body.status === 'alive' || body.status === 'expired') return body;
      }
      lastError = new Error(`/healthz answered ${response.status}`);
    } catch (error) {
      lastError = error;
    }
    await delay(100);
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs} ms: ${lastError?.message}`);
}
