#!/usr/bin/env node
// `npm run test:editor`: the extension as packaged (dist/cable-tools.vsix, unzipped) in a real
// VS Code (code-server), running test/vscode/suite; then the UI checks in the browser
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

// UI checks in the browser on the installed .vsix: hover, outline, Problems panel with the
// quick-fix menu, and the grammar's scopes on a token; the screenshots go to a scratch folder
// (`npm run screenshots` writes the ones the README shows, in docs/images).
const shots = spawnSync(process.execPath, [path.join(here, 'screenshots.mjs'), '--out', path.join(here, '.work', 'screenshots'), '--vsix', vsix], { stdio: 'inherit' });
process.exit(shots.status ?? 1);
