// Activation time of the bundled client: the time to load dist/client.js and run activate(),
// with a stand-in for the `vscode` module (every property a callable stand-in), in a fresh
// process each round. The baseline is the floor of that measurement: an empty extension
// bundle (an `activate` that does nothing) loaded and activated the same way.
// Prints {"activateMs","baselineMs"}.
// Run by scripts/bench.mjs: node activation.cjs CLIENT_JS EMPTY_JS  (or --once FILE internally).
const { execFileSync } = require('node:child_process');
const Module = require('node:module');

function standIn() {
  const target = function () {};
  return new Proxy(target, {
    get(_t, key) {
      if (key === 'then') return undefined; // not a promise
      if (key === Symbol.toPrimitive) return () => '';
      if (key === Symbol.iterator) return function* () {};
      return standIn();
    },
    // Assignments are taken and forgotten (a status item's `name`, `text`…).
    set: () => true,
    apply: () => standIn(),
    construct: () => standIn(),
  });
}

// The names the real module exports, read from its type declarations, so that bundled
// ES-module interop (which copies a module's own keys) sees them.
function vscodeModule() {
  const declarations = require('node:fs').readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  const names = new Set([...declarations.matchAll(/^\t?export (?:class|enum|namespace|function|const|let) (\w+)/gm)].map((m) => m[1]));
  const module = {};
  for (const name of names) module[name] = standIn();
  return module;
}

async function once(client) {
  const vscode = vscodeModule();
  const load = Module._load;
  Module._load = function (request, ...rest) {
    return request === 'vscode' ? vscode : load.call(this, request, ...rest);
  };
  const t = performance.now();
  const extension = require(client);
  const subscriptions = [];
  await extension.activate({ subscriptions, extensionPath: __dirname, extensionUri: vscode, asAbsolutePath: (p) => p, globalState: standIn(), workspaceState: standIn() });
  return performance.now() - t;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
if (process.argv[2] === '--once') {
  once(process.argv[3]).then((ms) => {
    process.stdout.write(String(ms));
    process.exit(0);
  });
} else {
  const [client, empty] = process.argv.slice(2);
  require('node:fs').writeFileSync(empty, "'use strict';\nexports.activate = async function activate() {};\n");
  const run = (file) => Number(execFileSync(process.execPath, [__filename, '--once', file]).toString());
  const activate = [];
  const baseline = [];
  for (let k = 0; k < 11; k++) {
    activate.push(run(client));
    baseline.push(run(empty));
  }
  process.stdout.write(JSON.stringify({ activateMs: median(activate), baselineMs: median(baseline) }));
}
