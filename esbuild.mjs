// Bundles the extension client, the language server and the CLI into dist/.
// `--production` minifies (for packaging); otherwise sourcemaps are written. `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
  define: { __CABLE_VERSION__: JSON.stringify(version) },
  // jsonc-parser's `main` is a UMD build whose requires esbuild cannot follow: bundle its ES modules.
  mainFields: ['module', 'main'],
};

const builds = [
  { entryPoints: { client: 'client/src/extension.ts' }, external: ['vscode'] },
  { entryPoints: { server: 'server/src/serverMain.ts' }, banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: { cli: 'server/src/cliMain.ts' }, banner: { js: '#!/usr/bin/env node' } },
];

/**
 * VS Code for the Web: the client as a browser module and the server as a web worker
 * (dist/web/). Node's modules are replaced: `path` by path-browserify, `url` by a small
 * shim, and the file, thread and OS modules by stubs that find no files (server/src/web/).
 */
const nodeStub = './server/src/web/nodeShims.ts';
const web = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
  alias: {
    'node:path': 'path-browserify',
    path: 'path-browserify',
    'node:url': './server/src/web/urlShim.ts',
    'node:fs': nodeStub,
    'node:os': nodeStub,
    'node:worker_threads': nodeStub,
    'node:stream': nodeStub,
    'vscode-languageserver/node': 'vscode-languageserver/browser',
  },
  inject: ['./server/src/web/processShim.ts'],
  outdir: 'dist/web',
};
const webBuilds = [
  { ...web, format: 'cjs', entryPoints: { client: 'client/src/browserExtension.ts' }, external: ['vscode'] },
  { ...web, format: 'iife', entryPoints: { server: 'server/src/webServerMain.ts' } },
];

/** The webviews' pages (reference graph, statistics): scripts and their stylesheets, for the browser (dist/webview/). */
const pages = { ...common, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: { graph: 'client/src/webview/graph.ts', stats: 'client/src/webview/stats.ts' }, outdir: 'dist/webview' };

const contexts = await Promise.all([...builds.map((b) => esbuild.context({ ...common, ...b, outdir: 'dist' })), ...[...webBuilds, pages].map((b) => esbuild.context(b))]);
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching for changes');
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
