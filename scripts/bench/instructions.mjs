#!/usr/bin/env node
// `npm run bench:instructions [-- --against REF] [-- --dir DIR]`: how many machine
// instructions parsing (and parsing + all rules) take, this tree against REF (default HEAD).
//
// Why: on a shared 2-core virtual machine the same build's timings vary by 10-20% from run
// to run, so a change worth 2-5% cannot be seen in `npm run bench`. Instructions counted by
// valgrind, with V8 held to one thread (`--single-threaded --predictable-gc-schedule`), do
// not depend on the machine's load: the same tree twice agrees within 0.3% (first passes)
// and 1.2% (optimised pass). Whole garbage collections fall where they fall, so between trees
// that allocate differently trust the first passes (docs/performance.md). Instructions are
// not time (memory stalls and allocation count for more), so a change must still be timed.
//
// Two figures per tree:
//   steady: one pass over the corpus once V8 has optimised the code, the difference between
//           16 and 8 passes divided by 8 (what a long `cable lint` run pays per pass);
//   cold:   the first 2 passes, start-up included (V8's compilation and unoptimised code: what
//           a short run, and each --jobs worker, pays).
// Needs valgrind (Debian: apt-get install valgrind). Takes a few minutes.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));
const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
};
const against = option('--against', 'HEAD');
const corpus = path.resolve(option('--dir', path.join(root, 'test/fixtures/corpus')));
const log = (message) => process.stderr.write(`[instructions] ${message}\n`);

try {
  execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
} catch {
  console.error('valgrind is not installed (Debian: apt-get install valgrind)');
  process.exit(2);
}

const work = path.join(root, '.bench', 'instructions');
mkdirSync(work, { recursive: true });
const baseTree = mkdtempSync(path.join(os.tmpdir(), 'cable-instructions-'));
execFileSync('git', ['worktree', 'add', '--detach', '--force', baseTree, against], { cwd: root, stdio: 'ignore' });
try {
  // The baseline tree has no node_modules of its own: esbuild resolves packages from ours.
  const bundle = async (tree, name) => {
    const outfile = path.join(work, `${name}.cjs`);
    await esbuild.build({
      entryPoints: [path.join(tree, 'scripts/bench/instructionsDriver.ts')],
      nodePaths: [path.join(root, 'node_modules')],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'warning',
    });
    return outfile;
  };
  // A baseline older than this script has no driver: use ours, pointed at its sources.
  const baseDriver = path.join(baseTree, 'scripts/bench/instructionsDriver.ts');
  if (!existsSync(baseDriver)) copyFileSync(path.join(root, 'scripts/bench/instructionsDriver.ts'), baseDriver);
  const trees = { current: await bundle(root, 'current'), [against]: await bundle(baseTree, 'baseline') };

  const count = (file, rounds, mode) =>
    new Promise((resolve, reject) => {
      const child = spawn('valgrind', ['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', process.execPath, '--single-threaded', '--predictable-gc-schedule', file, corpus, String(rounds), mode]);
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      child.on('close', (code) => {
        const m = /I\s+refs:\s+([\d,]+)/.exec(err);
        if (code !== 0 || !m) reject(new Error(`valgrind failed (${code}): ${err.slice(-500)}`));
        else resolve(Number(m[1].replace(/,/g, '')));
      });
    });
  // Two at a time: one per core of the machines this runs on; counts do not depend on it.
  const queue = [];
  for (const [tree, file] of Object.entries(trees)) {
    for (const mode of ['parse', 'lint']) for (const rounds of [2, 8, 16]) queue.push({ tree, file, mode, rounds });
  }
  const results = new Map();
  const next = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      log(`${job.tree}: ${job.mode}, ${job.rounds} passes`);
      results.set(`${job.tree} ${job.mode} ${job.rounds}`, await count(job.file, job.rounds, job.mode));
    }
  };
  await Promise.all([next(), next()]);

  const M = (x) => `${(x / 1e6).toFixed(1)} M`;
  const figure = (tree, mode) => ({
    steady: (results.get(`${tree} ${mode} 16`) - results.get(`${tree} ${mode} 8`)) / 8,
    cold: results.get(`${tree} ${mode} 2`),
  });
  console.log(`Instructions over ${corpus} (valgrind; V8 single-threaded), this tree against ${against}:`);
  for (const mode of ['parse', 'lint']) {
    const now = figure('current', mode);
    const base = figure(against, mode);
    console.log(`  ${mode === 'parse' ? 'parse' : 'parse + all rules'}: steady ${M(now.steady)} a pass (${against}: ${M(base.steady)}, ratio ${(now.steady / base.steady).toFixed(3)}); cold, 2 passes ${M(now.cold)} (${against}: ${M(base.cold)}, ratio ${(now.cold / base.cold).toFixed(3)})`);
  }
} finally {
  execFileSync('git', ['worktree', 'remove', '--force', baseTree], { cwd: root, stdio: 'ignore' });
  rmSync(baseTree, { recursive: true, force: true });
}
