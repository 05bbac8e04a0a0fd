#!/usr/bin/env node
// `npm run test:editor`: the extension as packaged (dist/cable-tools.vsix, unzipped) in a real
// VS Code (code-server), running test/vscode/suite; then its browser build in the web-worker
// extension host, running test/vscode/web; then the UI checks in the browser
// (test/editor/uiChecks.mjs). Installs what it needs first (test/editor/install.sh).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const vsix = path.join(root, 'dist', 'cable-tools.vsix');

// On a fresh machine: code-server, Chromium, unzip and Neovim (install.sh is idempotent).
if (!existsSync(path.join(here, 'node_modules', 'code-server')) || spawnSync('unzip', ['-v'], { stdio: 'ignore' }).error || spawnSync('nvim', ['--version'], { stdio: 'ignore' }).error) {
  execFileSync('bash', [path.join(here, 'install.sh')], { stdio: 'inherit' });
}
if (!existsSync(vsix) || process.argv.includes('--package')) execFileSync('npm', ['run', 'package', '--silent'], { cwd: root, stdio: 'inherit' });

// The packaged extension, exactly as VS Code installs it: the vsix's `extension/` folder.
const unpacked = path.join(here, '.work', 'packaged');
rmSync(unpacked, { recursive: true, force: true });
mkdirSync(unpacked, { recursive: true });
execFileSync('unzip', ['-q', vsix, 'extension/*', '-d', unpacked]);

const run = spawnSync(
  process.execPath,
  [
    path.join(here, 'runSuite.mjs'),
    '--extension-dev-path', path.join(unpacked, 'extension'),
    '--suite', path.join(root, 'test', 'vscode', 'suite', 'index.js'),
    '--workspace', path.join(root, 'test', 'vscode', 'workspace'),
    '--copy-workspace',
    ...process.argv.slice(2).filter((a) => a !== '--package'),
  ],
  { stdio: 'inherit' },
);
if (run.status !== 0) process.exit(run.status ?? 1);

// VS Code for the Web: the same extension in the browser's web-worker extension host. A
// remote extension runs there when its kind is `web` (the user setting below) and it has a
// `browser` entry; the suite (test/vscode/web, bundled for the browser) runs in the host of
// the extension whose folder holds it, so it goes inside the unpacked extension.
const webSuite = path.join(unpacked, 'extension', 'web-suite', 'index.js');
const esbuild = await import('esbuild');
await esbuild.build({
  entryPoints: [path.join(root, 'test', 'vscode', 'web', 'index.js')],
  bundle: true,
  platform: 'browser',
  format: 'cjs',
  external: ['vscode'],
  alias: { assert: path.join(root, 'test', 'vscode', 'web', 'assert.js') },
  outfile: webSuite,
  logLevel: 'warning',
});
const webRun = spawnSync(
  process.execPath,
  [
    path.join(here, 'runSuite.mjs'),
    '--extension-dev-path', path.join(unpacked, 'extension'),
    '--suite', webSuite,
    '--workspace', path.join(root, 'test', 'vscode', 'workspace'),
    '--settings', path.join(root, 'test', 'vscode', 'web', 'settings.json'),
    '--copy-workspace',
    ...process.argv.slice(2).filter((a) => a !== '--package'),
  ],
  { stdio: 'inherit' },
);
if (webRun.status !== 0) process.exit(webRun.status ?? 1);

// UI checks in the browser on the installed .vsix: hover, outline, Problems panel with the
// quick-fix menu, the grammar's scopes on a token, the status items, the Cables view, the
// reference graph and the statistics; the screenshots go to a scratch folder (`npm run
// screenshots` writes the ones the README shows, in docs/images). Then the Cables view and the
// graph again in a light theme (the pages take their colours from the theme).
const shots = spawnSync(process.execPath, [path.join(here, 'screenshots.mjs'), '--out', path.join(here, '.work', 'screenshots'), '--vsix', vsix], { stdio: 'inherit' });
if (shots.status !== 0) process.exit(shots.status ?? 1);
const light = spawnSync(
  process.execPath,
  [path.join(here, 'screenshots.mjs'), '--out', path.join(here, '.work', 'screenshots-light'), '--vsix', vsix, '--steps', 'cables,graph', '--theme', 'Default Light Modern'],
  { stdio: 'inherit' },
);
process.exit(light.status ?? 1);
