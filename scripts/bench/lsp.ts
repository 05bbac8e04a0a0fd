/**
 * LSP latency through the stdio server, bundled and run by scripts/bench.mjs: for a
 * document, repeatedly change it (didChange) and pull its diagnostics, timing each round
 * trip from the change to the diagnostics. Also the index: time until workspace/symbol
 * answers, and the server's memory. Prints one JSON object.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

const [mode, server, ...rest] = process.argv.slice(2);

async function start(rootUri: string | null, onProgress: (params: unknown) => void = () => undefined) {
  const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  connection.onRequest('workspace/configuration', () => [{}]);
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  for (const method of ['textDocument/publishDiagnostics', 'window/logMessage']) connection.onNotification(method, () => undefined);
  connection.onNotification('$/progress', onProgress);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: rootUri ? [{ uri: rootUri, name: 'w' }] : null,
    capabilities: { textDocument: { diagnostic: {}, publishDiagnostics: {} }, workspace: { configuration: true }, window: { workDoneProgress: true } },
  });
  await connection.sendNotification('initialized', {});
  return { child, connection };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function memory(pid: number): { rssMB: number; peakMB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMB: kb('VmRSS') / 1024, peakMB: kb('VmHWM') / 1024 };
}

async function latency(file: string, rounds: number) {
  const { child, connection } = await start(null);
  const text = readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).toString();
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'cable', version: 1, text } });
  await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  const times: number[] = [];
  let diagnostics = 0;
  // Each change is what an editor sends when a character is typed at the end and then
  // deleted (the server asks for incremental changes), so every version parses again.
  const lines = text.split(/\r\n|\r|\n/);
  const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
  for (let k = 0; k < rounds; k++) {
    const change = k % 2 === 0 ? { range: { start: end, end }, text: ' ' } : { range: { start: end, end: { line: end.line, character: end.character + 1 } }, text: '' };
    const t = performance.now();
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: k + 2 }, contentChanges: [change] });
    const report = (await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: unknown[] };
    times.push(performance.now() - t);
    diagnostics = report.items.length;
  }
  // The baseline: the same round trip for a request the server answers without parsing.
  const baseline: number[] = [];
  for (let k = 0; k < rounds; k++) {
    const t = performance.now();
    await connection.sendRequest('cable/benchUnknownMethod', {}).catch(() => undefined);
    baseline.push(performance.now() - t);
  }
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  child.kill();
  return { chars: text.length, diagnostics, p50: percentile(times, 50), p95: percentile(times, 95), rounds, baselineP50: percentile(baseline, 50) };
}

async function index(folder: string, lastId: string, withView: boolean) {
  // The baseline: the memory of a server with no workspace.
  const idle = await start(null);
  await idle.connection.sendRequest('workspace/symbol', { query: '' });
  const baselineMB = memory(idle.child.pid!).rssMB;
  await idle.connection.sendRequest('shutdown');
  await idle.connection.sendNotification('exit');
  idle.child.kill();

  const t0 = performance.now();
  let indexed: (() => void) | undefined;
  const done = new Promise<void>((resolve) => (indexed = resolve));
  const { child, connection } = await start(pathToFileURL(folder).toString(), (params) => {
    if ((params as { value?: { kind?: string } }).value?.kind === 'end') indexed?.();
  });
  // Time to the first answer with cables in it: the index answers while it is being built.
  let first: number | undefined;
  for (;;) {
    const any = (await connection.sendRequest('workspace/symbol', { query: '' })) as unknown[];
    if (any.length) {
      first = performance.now() - t0;
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  await done;
  const completeMs = performance.now() - t0;
  // A query on the full index, and proof that the last cable written is in it.
  const q0 = performance.now();
  const found = (await connection.sendRequest('workspace/symbol', { query: lastId })) as unknown[];
  const queryMs = performance.now() - q0;
  // The index's memory, before the view's work (whose garbage would raise the peak).
  const mem = memory(child.pid!);
  // The view's answers, and the peak memory after them (only when the view's test runs).
  const view = withView ? { ...(await cablesViewFilter(connection)), viewPeakMB: memory(child.pid!).peakMB } : undefined;
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  child.kill();
  return { firstAnswerMs: first, completeMs, queryMs, lastIdFound: found.length > 0, baselineMB, ...view, ...mem };
}

/**
 * The Cables view's filter on the full index, as a user types: each keystroke of a few
 * filters is a new filter (nothing cached), answered with the top level of the view; then
 * each grouping. The baseline: the round trip of a request answered without work.
 */
async function cablesViewFilter(connection: Awaited<ReturnType<typeof start>>['connection']) {
  const typed = ['tag:PREL origin:rome', 'from:2008-01 to:2008-06 class:secret', 'nuclear iran', 'human rights'];
  const times: number[] = [];
  let matched = 0;
  for (const grouping of ['date', 'origin', 'classification', 'tags']) {
    for (const text of typed) {
      for (let k = 1; k <= text.length; k++) {
        const t = performance.now();
        const r = (await connection.sendRequest('cable/cablesView', { grouping, filter: text.slice(0, k), path: [] })) as { matched: number };
        times.push(performance.now() - t);
        matched = r.matched;
      }
    }
  }
  const baseline: number[] = [];
  for (let k = 0; k < 100; k++) {
    const t = performance.now();
    await connection.sendRequest('cable/benchUnknownMethod', {}).catch(() => undefined);
    baseline.push(performance.now() - t);
  }
  return { filterP50: percentile(times, 50), filterP95: percentile(times, 95), filterRounds: times.length, filterLastMatched: matched, filterBaselineP50: percentile(baseline, 50) };
}

(async () => {
  const result = mode === 'latency' ? await latency(rest[0], Number(rest[1] ?? 100)) : await index(rest[0], rest[1], rest[2] !== '--no-view');
  console.log(JSON.stringify(result));
  process.exit(0);
})();
