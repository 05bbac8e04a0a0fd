#!/usr/bin/env node
// Try the packaged extension by hand.
//
//   npm run package && node test/editor/demo.mjs [--vsix dist/cable-tools.vsix]
//        [--folder test/vscode/workspace] [--port 8080] [--dev] [--code-server]
//
// With VS Code (`code`) on PATH: installs the .vsix with `code --install-extension` and opens
// the folder with `code`, then exits. Otherwise (or with --code-server): starts code-server
// on 127.0.0.1 with fresh directories and the .vsix installed, prints the URL to open
// (http://127.0.0.1:PORT/?folder=...) and runs until Ctrl+C, which stops its process group.
// --dev loads the extension from the repository (extensionDevelopmentPath, after
// `npm run build`) instead of installing the .vsix (code-server only).

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot, startCodeServer } from './codeServer.mjs';

const { values: args } = parseArgs({
  options: {
    vsix: { type: 'string', default: path.join(repoRoot, 'dist', 'cable-tools.vsix') },
    folder: { type: 'string', default: path.join(repoRoot, 'test', 'vscode', 'workspace') },
    port: { type: 'string' },
    dev: { type: 'boolean', default: false },
    'code-server': { type: 'boolean', default: false },
  },
  strict: true,
});
const vsix = path.resolve(args.vsix);
const folder = path.resolve(args.folder);
if (!existsSync(folder)) {
  console.error(`demo: no such folder ${folder}`);
  process.exit(1);
}
if (!args.dev && !existsSync(vsix)) {
  console.error(`demo: no ${vsix}; build it first with: npm run package`);
  process.exit(1);
}

function onPath(command) {
  const which = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : null;
}

const code = !args['code-server'] && !args.dev ? onPath('code') : null;
if (code) {
  console.log(`VS Code found at ${code}: installing ${path.relative(process.cwd(), vsix) || vsix}`);
  const install = spawnSync(code, ['--install-extension', vsix, '--force'], { stdio: 'inherit' });
  if (install.status !== 0) process.exit(install.status ?? 1);
  const open = spawnSync(code, [folder], { stdio: 'inherit' });
  console.log(`Opened ${folder} in VS Code. (Remove the extension with: code --uninstall-extension cable-tools.cable-tools)`);
  process.exit(open.status ?? 0);
}

const server = await startCodeServer({
  name: 'demo',
  vsix: args.dev ? undefined : vsix,
  port: args.port ? Number(args.port) : undefined,
  settings: { 'workbench.startupEditor': 'none' },
});
let url = server.folderUrl(folder);
if (args.dev) {
  const payload = [['extensionDevelopmentPath', server.remoteUri(repoRoot)]];
  url = server.folderUrl(folder, { payload: JSON.stringify(payload) });
}
console.log(`code-server (VS Code 1.100.3) is running with ${args.dev ? `the extension from ${repoRoot}` : path.basename(vsix)}.`);
console.log(`Open: ${url}`);
console.log(`(scratch folder ${server.dirs.root}; log in code-server.log there)`);
console.log('Press Ctrl+C to stop.');

// Runs until SIGINT/SIGTERM: codeServer.mjs's handlers stop the process group and exit.
const watch = setInterval(() => {
  if (server.exited) {
    console.error(`code-server exited (${server.exited.code ?? server.exited.signal}); see ${server.logFile}`);
    clearInterval(watch);
    server.stop().finally(() => process.exit(1));
  }
}, 500);
