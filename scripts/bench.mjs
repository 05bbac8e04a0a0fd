#!/usr/bin/env node
// `npm run bench [-- --quick] [-- --write]`: the performance figures of docs/performance.md.
// Every figure is printed next to a baseline measured in the same run on the same machine,
// because absolute times mean little across machines; the targets are those of the project.
//   --quick  skips the 250,000-cable index (it writes about 3 GB and takes minutes)
//   --write  writes the results and the machine to docs/performance.md
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const work = path.join(root, '.bench');
const corpus = path.join(root, 'test/fixtures/corpus');
const quick = process.argv.includes('--quick');
const write = process.argv.includes('--write');
const node = process.execPath;
mkdirSync(work, { recursive: true });

const log = (message) => process.stderr.write(`[bench] ${message}\n`);
const rows = [];
/** One result line: what, the figure, its baseline, and whether it meets the target. */
function report(group, name, value, baseline, target, ok) {
  rows.push({ group, name, value, baseline, target, ok });
  console.log(`${target === MEASURED ? 'info' : ok ? 'ok  ' : 'MISS'} ${group}: ${name}: ${value}${baseline ? ` | baseline ${baseline}` : ''} | target ${target}`);
}
/** The target of a figure that is measured, not held to one: shown, never counted as met. */
const MEASURED = 'none (measured)';
const ms = (x) => `${x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : Math.round(x)} ms`;
const pct = (x) => `${(x * 100).toFixed(1)}%`;
const json = (file, args, options = {}) => JSON.parse(execFileSync(node, [file, ...args], { cwd: root, maxBuffer: 1 << 26, ...options }).toString());

// --- Build: the production bundles and the .vsix, as users get them; the bench programs.
log('building the production bundles and the .vsix');
execFileSync('npm', ['run', 'package', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
await esbuild.build({
  entryPoints: { core: 'scripts/bench/core.ts', lsp: 'scripts/bench/lsp.ts', synthesize: 'scripts/bench/synthesize.ts', readSplit: 'scripts/bench/readSplit.ts' },
  absWorkingDir: root,
  outdir: work,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
});
const bench = (name) => path.join(work, `${name}.cjs`);
const server = path.join(root, 'dist/server.js');
const cli = path.join(root, 'dist/cli.js');
const synthesize = (count) => {
  log(`synthesizing ${count.toLocaleString('en')} cables`);
  return { dir: path.join(work, `corpus-${count}`), ...json(bench('synthesize'), [corpus, path.join(work, `corpus-${count}`), String(count)]) };
};

// --- Core throughput: parse, and parse + every rule, against reading and splitting lines.
log('core throughput');
const core = json(bench('core'), [corpus]);
const mbps = (x) => `${x.mbps.toFixed(1)} MB/s`;
report('core', `parse (${core.files} cables, ${(core.bytes / 1e6).toFixed(1)} MB)`, mbps(core.parse), `read + split ${mbps(core.baseline)} (${pct(core.parse.ratio)} of it)`, '>= 25% of baseline', core.parse.ratio >= 0.25);
report('core', 'parse + all rules', mbps(core.parseAndRules), `read + split ${mbps(core.baseline)} (${pct(core.parseAndRules.ratio)} of it)`, '>= 20% of baseline', core.parseAndRules.ratio >= 0.2);
report('core', 'parse + all rules, text in memory', mbps(core.inMemory), `split into lines ${mbps(core.split)} (${pct(core.inMemory.ratio)} of it)`, '>= 20% of baseline', core.inMemory.ratio >= 0.2);

// --- CLI: whole processes on the corpus copied 26 times (about 50 MB): `cable lint` and
// `cable parse` against a process that only reads, decodes and splits the same files, and
// `cable lint --jobs N` against `--jobs 1`.
const cores = os.availableParallelism();
const lintSet = synthesize(readdirSync(corpus).filter((f) => f.endsWith('.cable')).length * 26);
const lintArgs = (jobs, paths) => [cli, 'lint', '--format', 'jsonl', '--jobs', String(jobs), ...paths];
/** Runs Node processes at the same time (one or more); the time until the last has ended. */
const timeTogether = async (argsList, what) => {
  const t = performance.now();
  const codes = await Promise.all(argsList.map((args) => new Promise((resolve) => spawn(node, args, { stdio: ['ignore', 'ignore', 'inherit'] }).on('exit', (code, signal) => resolve(code ?? signal)))));
  if (codes.some((c) => c !== 0 && c !== 1)) throw new Error(`${what} failed (${codes.join(', ')})`);
  return performance.now() - t;
};
// The machine's own parallel speed, beside the --jobs figure: two separate `cable lint`
// processes at the same time, each on half of the files; two at once each on all the files
// (their throughput against one alone: what two processes can get out of this machine); the
// same with V8 held to one thread in each (`--single-threaded`: in a normal run V8 compiles the
// parser on a background thread, which keeps a second core busy); and an integer loop that
// allocates nothing (if two processes run it twice as fast as one, the cores themselves scale).
// The halves are lists of files (the folders hold 1,000 files each and one the rest): each
// process then stats its 2,522 arguments instead of walking folders, a few milliseconds.
const lintFolders = readdirSync(lintSet.dir).sort().map((f) => path.join(lintSet.dir, f)).filter((d) => statSync(d).isDirectory());
const filesIn = (dirs) => dirs.flatMap((dir) => readdirSync(dir).sort().filter((f) => f.endsWith('.cable')).map((f) => path.join(dir, f)));
const lintFiles = filesIn(lintFolders);
const halves = [lintFiles.slice(0, Math.ceil(lintFiles.length / 2)), lintFiles.slice(Math.ceil(lintFiles.length / 2))];
// The first two folders (2,000 files): with the whole set, two points of each run's time
// against its size, so a whole-process time splits into what a run pays once (Node's start,
// loading the bundle, V8 compiling the parser while it runs slowly) and its speed after that.
const partDirs = lintFolders.slice(0, 2);
const partFiles = filesIn(partDirs);
const partBytes = partFiles.reduce((n, f) => n + statSync(f).size, 0);
const loop = ['-e', 'let x = 0; for (let i = 0; i < 4e8; i++) x = (x + i * 7) | 0; if (x === 42) console.log(x);'];
const runs = {
  readSplit: () => timeTogether([[bench('readSplit'), lintSet.dir]], 'read + split'),
  readSplitPart: () => timeTogether([[bench('readSplit'), ...partDirs]], 'read + split, 2,000 files'),
  lint1: () => timeTogether([lintArgs(1, [lintSet.dir])], 'cable lint --jobs 1'),
  lint1Part: () => timeTogether([lintArgs(1, partDirs)], 'cable lint --jobs 1, 2,000 files'),
  // Every file unchanged since the run before (the first round writes the cache).
  lintCached: () => timeTogether([[...lintArgs(1, [lintSet.dir]), '--cache-location', path.join(work, 'lint-cache')]], 'cable lint --cache'),
  lint2: () => timeTogether([lintArgs(2, [lintSet.dir])], 'cable lint --jobs 2'),
  parse: () => timeTogether([[cli, 'parse', '--format', 'jsonl', lintSet.dir]], 'cable parse'),
  lintHalves: () => timeTogether(halves.map((half) => lintArgs(1, half)), 'two cable lint on halves'),
  lintTwice: () => timeTogether([0, 1].map(() => lintArgs(1, [lintSet.dir])), 'two cable lint'),
  lintOneThread: () => timeTogether([['--single-threaded', ...lintArgs(1, [lintSet.dir])]], 'cable lint, V8 on one thread'),
  lintTwiceOneThread: () => timeTogether([0, 1].map(() => ['--single-threaded', ...lintArgs(1, [lintSet.dir])]), 'two cable lint, V8 on one thread each'),
  loopOne: () => timeTogether([loop], 'integer loop'),
  loopTwo: () => timeTogether([loop, loop], 'two integer loops'),
};
/** The best time of each run over `rounds` rounds; runs alternate so that a busy moment of the machine does not fall on one kind. */
const bestOf = async (rounds, runsByName) => {
  const best = Object.fromEntries(Object.keys(runsByName).map((k) => [k, Infinity]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of Object.entries(runsByName)) best[name] = Math.min(best[name], await run());
  }
  return best;
};
log(`whole-process throughput and --jobs over ${lintSet.files} files`);
const best = await bestOf(5, runs);
{
  const size = `${lintSet.files} files, ${(lintSet.bytes / 1e6).toFixed(0)} MB`;
  const baseline = `read + decode + split, whole process ${ms(best.readSplit)}`;
  for (const [name, value] of [
    [`cable lint --format jsonl --jobs 1 (${size})`, best.lint1],
    [`cable parse --format jsonl (${size})`, best.parse],
  ]) {
    const ratio = best.readSplit / value;
    report('cli', name, `${ms(value)}, ${((lintSet.bytes / 1e6) / (value / 1000)).toFixed(1)} MB/s`, `${baseline} (${pct(ratio)} of its speed)`, '>= 50% of baseline', ratio >= 0.5);
  }
  // Time = once + size / speed, through the two points: what the 50% target leaves for the
  // parser once the start and the warm-up are paid.
  const split = (part, whole) => {
    const msPerByte = (whole - part) / (lintSet.bytes - partBytes);
    return { once: whole - msPerByte * lintSet.bytes, mbps: 1 / msPerByte / 1000 };
  };
  const lintSplit = split(best.lint1Part, best.lint1);
  const readSplitSplit = split(best.readSplitPart, best.readSplit);
  report(
    'cli',
    `cable lint --jobs 1: paid once (start, warm-up), then speed (${partFiles.length} files and ${lintSet.files})`,
    `${ms(lintSplit.once)}, then ${lintSplit.mbps.toFixed(1)} MB/s`,
    `read + decode + split ${ms(readSplitSplit.once)}, then ${readSplitSplit.mbps.toFixed(1)} MB/s; the 50% target on ${size}: ${ms(2 * best.readSplit)} in all`,
    MEASURED,
    true,
  );
  report(
    'cli',
    `cable lint --cache, every file unchanged (${size})`,
    `${ms(best.lintCached)}: ${(best.lint1 / best.lintCached).toFixed(1)}x as fast as without the cache`,
    `${baseline} (${pct(best.readSplit / best.lintCached)} of its speed)`,
    MEASURED,
    true,
  );
  const speedup = best.lint1 / best.lint2;
  report(
    'cli',
    `cable lint --jobs 2 (${size})`,
    `${ms(best.lint2)}: ${speedup.toFixed(2)}x --jobs 1 (${ms(best.lint1)})`,
    `this machine with 2 processes: two cable lint on halves ${(best.lint1 / best.lintHalves).toFixed(2)}x; two on all the files at once ${((2 * best.lint1) / best.lintTwice).toFixed(2)}x the throughput of one, ${((2 * best.lintOneThread) / best.lintTwiceOneThread).toFixed(2)}x with V8 on one thread each; an integer loop ${((2 * best.loopOne) / best.loopTwo).toFixed(2)}x`,
    'near-linear: >= 1.8x',
    speedup >= 1.8,
  );
}

// --- --jobs over 20,000 cables (about 190 MB). Each worker thread, like each process, runs
// the parser unoptimised until V8 has compiled it (here the first 1,500 files of a process
// take about 1.2 ms each, later ones 0.4 ms, and compiling takes about 0.7 s of a core): on 48 MB
// that warm-up is a third of the work and two workers gain nothing; on a larger set it is paid
// once per worker and shared by more files.
{
  const bigSet = synthesize(20_000);
  log(`--jobs over ${bigSet.files} files`);
  const bigBest = await bestOf(3, {
    lint1: () => timeTogether([lintArgs(1, [bigSet.dir])], 'cable lint --jobs 1'),
    lint2: () => timeTogether([lintArgs(2, [bigSet.dir])], 'cable lint --jobs 2'),
  });
  const speedup = bigBest.lint1 / bigBest.lint2;
  report(
    'cli',
    `cable lint --jobs 2 (${bigSet.files} files, ${(bigSet.bytes / 1e6).toFixed(0)} MB)`,
    `${ms(bigBest.lint2)}: ${speedup.toFixed(2)}x`,
    `--jobs 1 on the same files ${ms(bigBest.lint1)}`,
    'near-linear: >= 1.8x',
    speedup >= 1.8,
  );
}

// --- cable fix --dry-run on one large file (an archive dump of damaged cables: the seed's
// Markdown rendering, lines ending in a backslash, doubly escaped ampersands, tens of
// thousands of fixes per 10 MB): 40 MB against 10 MB, which a linear run takes 4 times as long.
{
  const seedText = readFileSync(path.join(root, 'test/fixtures/seed/08ASTANA2361.cable'), 'utf8');
  const damaged = `${seedText.split('\n').map((line) => (line.trim() ? `${line.replace(/ and /g, ' &amp;amp; ')} \\` : line)).join('\n')}\n`;
  const peakFile = path.join(work, 'peak.txt');
  const fixOnce = (mb) => {
    const file = path.join(work, `fix-${mb}MB.cable`);
    if (!existsSync(file)) writeFileSync(file, damaged.repeat(Math.round((mb * 1e6) / Buffer.byteLength(damaged))));
    const t = performance.now();
    const run = spawnSync(node, [path.join(root, 'scripts/bench/peak.cjs'), cli, 'fix', '--dry-run', file], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, PEAK_FILE: peakFile } });
    if (run.status !== 0) throw new Error(`cable fix --dry-run failed (${run.status ?? run.signal})`);
    return { ms: performance.now() - t, peakMB: Number(readFileSync(peakFile, 'utf8')) / 1024 };
  };
  log('cable fix --dry-run on 10 MB and 40 MB files');
  let small = { ms: Infinity };
  let large = { ms: Infinity };
  for (let round = 0; round < 3; round++) {
    const a = fixOnce(10);
    const b = fixOnce(40);
    if (a.ms < small.ms) small = a;
    if (b.ms < large.ms) large = b;
  }
  const ratio = large.ms / small.ms;
  report(
    'cli',
    'cable fix --dry-run, one file of 40 MB',
    `${ms(large.ms)} (${ratio.toFixed(2)}x the 10 MB file), peak ${Math.round(large.peakMB)} MB`,
    `one file of 10 MB ${ms(small.ms)}, peak ${Math.round(small.peakMB)} MB`,
    'linear: <= 4.4x the 10 MB time',
    ratio <= 4.4,
  );
}

// --- LSP latency through the stdio server: didChange to diagnostics.
const seed = path.join(root, 'test/fixtures/seed/08ASTANA2361.cable');
const corpusFiles = readdirSync(corpus).filter((f) => f.endsWith('.cable')).map((f) => path.join(corpus, f));
const largest = corpusFiles.reduce((a, b) => (statSync(b).size > statSync(a).size ? b : a));
const concat = path.join(work, 'concatenation-5MB.cable');
{
  // Whole cables one after another, as in archive dumps, up to 5,000,000 bytes (under the
  // 5 MiB default limit, above which features deliberately degrade).
  const parts = [];
  let size = 0;
  for (let k = 0; size < 5_000_000; k++) {
    const text = readFileSync(corpusFiles[k % corpusFiles.length], 'utf8');
    if (size + Buffer.byteLength(text) + 2 > 5_000_000) break;
    parts.push(text);
    size += Buffer.byteLength(text) + 2;
  }
  writeFileSync(concat, parts.join('\n\n'));
}
// The baseline: a request the server answers without parsing (an unknown method's error).
for (const [label, file, rounds, target] of [
  ['typical cable (the seed)', seed, 200, 10],
  [`largest corpus cable (${path.basename(largest)})`, largest, 200, 10],
  ['5 MB concatenation', concat, 30, 300],
]) {
  log(`LSP latency: ${label}`);
  const r = json(bench('lsp'), ['latency', server, file, String(rounds)]);
  report('lsp', `${label}, ${r.chars.toLocaleString('en')} chars, ${r.diagnostics} diagnostics`, `p50 ${ms(r.p50)}, p95 ${ms(r.p95)}`, `round trip without parsing p50 ${ms(r.baselineP50)}`, `p95 <= ${target} ms`, r.p95 <= target);
}

// --- Workspace index: time to the first workspace-symbol answer, to the full index, memory.
for (const [count, target] of [
  [7_000, 3_000],
  [250_000, 30_000],
]) {
  if (quick && count > 7_000) {
    log(`skipping the ${count.toLocaleString('en')}-cable index (--quick)`);
    continue;
  }
  const set = synthesize(count);
  log(`index of ${count.toLocaleString('en')} cables`);
  // Three runs, the median reported: the same build's 250,000-cable index took 22 to 32 s
  // from run to run on this machine. The Cables view's test runs after the last one only.
  const runs = [0, 1, 2].map((k) => json(bench('lsp'), ['index', server, set.dir, set.lastId, ...(k < 2 ? ['--no-view'] : [])]));
  const r = runs[2];
  const median = (key) => runs.map((run) => run[key]).sort((a, b) => a - b)[1];
  const completeMs = median('completeMs');
  const firstAnswerMs = median('firstAnswerMs');
  const peakMB = Math.max(...runs.map((run) => run.peakMB));
  const lastIdFound = runs.every((run) => run.lastIdFound);
  const ok = firstAnswerMs <= target && completeMs <= target && peakMB < 1024 && lastIdFound;
  report(
    'index',
    `${count.toLocaleString('en')} cables (${(set.bytes / 1e9).toFixed(2)} GB)`,
    `first answer ${ms(firstAnswerMs)}, complete ${ms(completeMs)} (median of ${runs.map((run) => ms(run.completeMs)).join(', ')}), query ${ms(median('queryMs'))}, server peak ${Math.round(peakMB)} MB${lastIdFound ? '' : ', LAST CABLE MISSING'}`,
    `server at rest ${Math.round(r.baselineMB)} MB`,
    `<= ${target / 1000} s, < 1 GB`,
    ok,
  );
  // The Cables view's filter as one types (a new filter per keystroke, each grouping).
  const viewTarget = count <= 7_000 ? 100 : undefined;
  report(
    'cables view',
    `filter answer, ${count.toLocaleString('en')} cables (${r.filterRounds} keystrokes)`,
    `p50 ${ms(r.filterP50)}, p95 ${ms(r.filterP95)}, server peak after it ${Math.round(r.viewPeakMB)} MB`,
    `round trip without work p50 ${ms(r.filterBaselineP50)}`,
    viewTarget ? `p95 <= ${viewTarget} ms` : MEASURED,
    viewTarget ? r.filterP95 <= viewTarget : true,
  );
}

// --- Extension activation (the bundled client, loaded with a stand-in `vscode` module) and size.
log('activation');
const activation = json(path.join(root, 'scripts/bench/activation.cjs'), [path.join(root, 'dist/client.js'), path.join(work, 'empty-extension.js')]);
report('extension', 'activation (load dist/client.js + activate)', ms(activation.activateMs), `an empty extension bundle loaded and activated ${ms(activation.baselineMs)}`, '<= 100 ms', activation.activateMs <= 100);
const vsix = statSync(path.join(root, 'dist/cable-tools.vsix')).size;
const contents = ['dist/client.js', 'dist/server.js', 'dist/cli.js'].reduce((n, f) => n + statSync(path.join(root, f)).size, 0);
report('extension', '.vsix size', `${(vsix / 1024).toFixed(0)} KB`, `its three bundles unpacked ${(contents / 1024).toFixed(0)} KB`, '< 1 MB', vsix < 1024 * 1024);

const targeted = rows.filter((r) => r.target !== MEASURED);
const missed = targeted.filter((r) => !r.ok).length;
console.log(`\n${targeted.length - missed} of ${targeted.length} figures with a target meet it`);

if (write) {
  const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${cores} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
  const table = rows.map((r) => `| ${r.group} | ${r.name} | ${r.value} | ${r.baseline ?? ''} | ${r.target} | ${r.target === MEASURED ? '' : r.ok ? 'yes' : '**no**'} |`).join('\n');
  const file = path.join(root, 'docs/performance.md');
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const notes = before.includes('<!-- notes -->') ? before.slice(before.indexOf('<!-- notes -->')) : '<!-- notes -->\n';
  writeFileSync(
    file,
    `# Performance\n\nMeasured by \`npm run bench\`${quick ? ' (`--quick`)' : ''} on ${new Date().toISOString().slice(0, 10)}.\n\nMachine: ${machine}.\n\n` +
      `| Group | Figure | Result | Baseline (same run) | Target | Met |\n|---|---|---|---|---|---|\n${table}\n\n${notes}`,
  );
  log(`wrote ${path.relative(root, file)}`);
}
process.exit(missed ? 1 : 0);
