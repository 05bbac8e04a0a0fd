#!/usr/bin/env node
// `npm run demo`: builds and packages the extension, then opens it in a real VS Code with
// sample cables: your own VS Code when `code` is on PATH (the .vsix is installed there),
// otherwise VS Code in the browser (code-server on 127.0.0.1, installed on first use by
// test/editor/install.sh). Arguments are passed on to test/editor/demo.mjs (e.g. --port 8080).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const hasCode = spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;

execFileSync('npm', ['run', 'package', '--silent'], { cwd: root, stdio: 'inherit' });
if (!hasCode && !existsSync(path.join(root, 'test', 'editor', 'node_modules', 'code-server'))) {
  console.log('VS Code (`code`) is not on PATH: installing code-server to show the extension in the browser (about a minute, once).');
  execFileSync('bash', [path.join(root, 'test', 'editor', 'install.sh')], { stdio: 'inherit' });
}
const run = spawnSync(process.execPath, [path.join(root, 'test', 'editor', 'demo.mjs'), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 0);
