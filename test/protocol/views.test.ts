/**
 * The requests behind the Cables view, the reference graph and the corpus statistics, through
 * the stdio server over a workspace (the corpus, the seed, and a cable made to cite another),
 * and the notification that tells the client the index changed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CablesViewResult, ReferenceGraph } from '../../common/protocol';
import { CORPUS, ROOT, SEED, readText } from '../helpers/fixtures';
import { fileUri, startClient, waitFor, type TestClient } from '../helpers/lspClient';

const workspace = mkdtempSync(path.join(tmpdir(), 'cable-views-'));
cpSync(CORPUS, workspace, { recursive: true, filter: (src) => !src.endsWith('.tsv') && !src.endsWith('.md') });
cpSync(SEED, path.join(workspace, 'seed.cable'));
// Made from 08NAPLES37 by stated changes (serial 37 → 40, its REF line) so that it cites 08NAPLES38.
const napoli37 = readText(path.join(CORPUS, '08NAPLES37.cable'));
writeFileSync(
  path.join(workspace, '08NAPLES40.cable'),
  napoli37.replace(/NAPLES 0+37\b/g, 'NAPLES 000040').replace('#0037/', '#0040/').replace('REF: (A) NAPLES 36 (B) 07 NAPLES 119', 'REF: (A) NAPLES 38'),
);
after(() => rmSync(workspace, { recursive: true, force: true }));

const CLI = path.join(ROOT, 'dist', 'cli.js');
const parsed = spawnSync(process.execPath, [CLI, 'parse', '-f', 'jsonl', workspace], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  .stdout.trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { file: string; id: string | null; dtg: string | null; tags: string[] });

describe('the views\' requests over stdio, with a workspace', () => {
  let client: TestClient;
  let indexChanged = 0;
  before(async () => {
    client = await startClient(undefined, { rootUri: fileUri(workspace), env: { CABLE_STATUS_INTERVAL_MS: '0' } });
    client.connection.onNotification('cable/indexChanged', () => {
      indexChanged++;
    });
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
  });
  const view = (grouping: string, filter: string, pathKeys: string[] = []) => client.connection.sendRequest('cable/cablesView', { grouping, filter, path: pathKeys }) as Promise<CablesViewResult>;
  const indexed = () => waitFor(() => view('date', ''), (r) => r.complete && r.total === parsed.length);

  it('cable/cablesView: the cables by date, with counts that add up, once indexed', async () => {
    const years = await indexed();
    assert.equal(years.total, parsed.length);
    assert.ok(indexChanged > 0, 'the client was told the index changed');
    assert.equal(years.nodes.reduce((n, g) => n + (g.count ?? 0), 0), parsed.length);
    const in2008 = years.nodes.find((g) => g.key === '2008');
    assert.equal(in2008?.count, parsed.filter((p) => p.dtg?.startsWith('2008')).length);
    const months = await view('date', '', ['2008']);
    assert.equal(months.nodes.reduce((n, g) => n + (g.count ?? 0), 0), in2008?.count);
    const november = await view('date', '', ['2008', '2008-11']);
    const seed = november.nodes.find((n) => n.cable?.id === '08ASTANA2361');
    assert.equal(seed?.kind, 'cable');
    assert.equal(seed?.cable?.uri, fileUri(path.join(workspace, 'seed.cable')));
    assert.equal(seed?.cable?.origin, 'ASTANA');
  });

  it('filters and groups by TAGS with meanings; says what it could not read', async () => {
    await indexed();
    const prel = await view('tags', 'tag:prel');
    assert.equal(prel.matched, parsed.filter((p) => p.tags.includes('PREL')).length);
    assert.equal(prel.nodes.find((n) => n.key === 'PREL')?.description, 'Political Affairs--External Political Relations');
    const bad = await view('origin', 'to:2008-13');
    assert.deepEqual(bad.problems, ['to:2008-13 is not a date (YYYY, YYYY-MM or YYYY-MM-DD)']);
    assert.equal(bad.matched, parsed.length);
    // A grouping it does not know is by date; a missing filter is none.
    const odd = (await client.connection.sendRequest('cable/cablesView', { grouping: 'colour' })) as CablesViewResult;
    assert.deepEqual(odd.nodes.map((n) => n.key), (await view('date', '')).nodes.map((n) => n.key));
  });

  it('cable/cablesViewPath: the groups down to a cable; null when the filter leaves it out', async () => {
    await indexed();
    const uri = fileUri(path.join(workspace, 'seed.cable'));
    assert.deepEqual(await client.connection.sendRequest('cable/cablesViewPath', { grouping: 'date', filter: '', uri }), ['2008', '2008-11']);
    assert.deepEqual(await client.connection.sendRequest('cable/cablesViewPath', { grouping: 'origin', filter: 'origin:rome', uri }), null);
  });

  it('cable/referenceGraph: what a cable cites and what cites it, an open cable as the editor has it', async () => {
    await indexed();
    const uri = fileUri(path.join(workspace, '08NAPLES38.cable'));
    const graph = (await client.connection.sendRequest('cable/referenceGraph', { uri })) as ReferenceGraph;
    const node = (key: string) => graph.nodes.find((n) => n.key === key);
    assert.equal(graph.center, '08NAPLES38');
    assert.equal(node('08NAPLES37')?.uri, fileUri(path.join(workspace, '08NAPLES37.cable')));
    assert.equal(node('08NAPLES37')?.hop, -1);
    assert.equal(node('08NAPLES36')?.archiveUrl, 'https://wikileaks.org/plusd/cables/08NAPLES36_a.html');
    assert.equal(node('08NAPLES40')?.hop, 1);
    assert.ok(graph.edges.some((e) => e.from === '08NAPLES40' && e.to === '08NAPLES38'));
    // Opened with a REF list of its own: the graph reads the open text.
    const text = readText(path.join(workspace, '08NAPLES38.cable')).replace(/REF: .*/, 'REF: (A) ASTANA 2361');
    await client.open(uri, text);
    const edited = (await client.connection.sendRequest('cable/referenceGraph', { uri })) as ReferenceGraph;
    assert.deepEqual(edited.nodes.filter((n) => n.hop === -1).map((n) => n.key), ['08ASTANA2361']);
    // Closed without saving: the file on disk again.
    await client.close(uri);
    const closed = await waitFor(
      () => client.connection.sendRequest('cable/referenceGraph', { uri }) as Promise<ReferenceGraph>,
      (g) => g.nodes.some((n) => n.key === '08NAPLES37'),
    );
    assert.ok(closed.nodes.some((n) => n.key === '08NAPLES37'));
    assert.equal(await client.connection.sendRequest('cable/referenceGraph', { uri: 'file:///not/here.cable' }), null);
  });

  it('an untitled cable is not one of the workspace\'s; a new file is, and the client is told', async () => {
    await indexed();
    await client.open('untitled:Untitled-1', readText(SEED).replace('ASTANA 002361', 'ASTANA 007777'));
    await new Promise((r) => setTimeout(r, 200));
    assert.equal((await view('date', '')).total, parsed.length);
    const before = indexChanged;
    const added = path.join(workspace, 'added.cable');
    writeFileSync(added, readText(SEED).replace('ASTANA 002361', 'ASTANA 009999'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(added), type: 1 }] });
    const grown = await waitFor(() => view('date', '08ASTANA9999'), (r) => r.matched === 1);
    assert.equal(grown.total, parsed.length + 1);
    await waitFor(async () => indexChanged, (n) => n > before);
    assert.ok(indexChanged > before, 'cable/indexChanged after the file was added');
    unlinkSync(added);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(added), type: 3 }] });
    await waitFor(() => view('date', ''), (r) => r.total === parsed.length);
  });

  it('cable/corpusStats: the statistics of the index; findings when asked, as cable lint counts them', async () => {
    await indexed();
    const plain = (await client.connection.sendRequest('cable/corpusStats', {})) as { stats: { cables: number; findings: number | null; byMonth: { key: string; count: number }[] }; csv: string };
    assert.equal(plain.stats.cables, parsed.length);
    assert.equal(plain.stats.findings, null);
    assert.ok(plain.csv.startsWith(`section,key,label,count\r\ntotal,cables,,${parsed.length}\r\n`));
    assert.ok(!plain.csv.includes('total,findings'));
    const months = new Map<string, number>();
    for (const p of parsed) months.set(p.dtg?.slice(0, 7) ?? 'unknown', (months.get(p.dtg?.slice(0, 7) ?? 'unknown') ?? 0) + 1);
    assert.deepEqual(new Map(plain.stats.byMonth.map((c) => [c.key, c.count])), months);
    const linted = spawnSync(process.execPath, [CLI, 'lint', '-f', 'jsonl', workspace], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { diagnostics: unknown[] });
    const counted = (await client.connection.sendRequest('cable/corpusStats', { findings: true })) as { stats: { findings: number }; csv: string };
    assert.equal(counted.stats.findings, linted.reduce((n, r) => n + r.diagnostics.length, 0));
    assert.match(counted.csv, new RegExp(`\r\ntotal,findings,,${counted.stats.findings}\r\n`));
  });
});

describe('the Cables view while the index is read', () => {
  it('answers at once with what is indexed so far (complete: false), then all of it; the client is told as it grows', async (t) => {
    const folder = mkdtempSync(path.join(tmpdir(), 'cable-views-big-'));
    t.after(() => rmSync(folder, { recursive: true, force: true }));
    const seed = readText(SEED);
    const count = 3000;
    for (let k = 0; k < count; k++) writeFileSync(path.join(folder, `c${k}.cable`), seed.replace('ASTANA 002361', `ASTANA ${String(10000 + k).padStart(6, '0')}`));
    let told = 0;
    const client = await startClient(undefined, { rootUri: fileUri(folder), env: { CABLE_STATUS_INTERVAL_MS: '0' } });
    // As the client does: each notification asks the view again. The last must find the index complete.
    const asked: Promise<CablesViewResult>[] = [];
    client.connection.onNotification('cable/indexChanged', () => {
      told++;
      asked.push(client.connection.sendRequest('cable/cablesView', { grouping: 'date', filter: '', path: [] }) as Promise<CablesViewResult>);
    });
    try {
      const seen: { total: number; complete: boolean }[] = [];
      for (;;) {
        const r = (await client.connection.sendRequest('cable/cablesView', { grouping: 'date', filter: '', path: [] })) as CablesViewResult;
        seen.push({ total: r.total, complete: r.complete });
        if (r.complete) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      assert.equal(seen.at(-1)?.total, count);
      const partial = seen.filter((s) => !s.complete && s.total > 0 && s.total < count);
      assert.ok(partial.length > 0, `an answer while indexing: ${JSON.stringify(seen.slice(0, 5))}`);
      // The counts only grow while it is read.
      for (let k = 1; k < seen.length; k++) assert.ok(seen[k].total >= seen[k - 1].total);
      assert.ok(told >= 2, `told ${told} times`);
      const afterTold = await waitFor(async () => Promise.all(asked), (answers) => answers.some((a) => a.complete && a.total === count), 5000);
      assert.ok(afterTold.some((a) => a.complete && a.total === count), 'a notification after the scan finished');
      // A config changed: the folder is read again; no cable changes, but the client hears the scan start and finish.
      asked.length = 0;
      const before = told;
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(path.join(folder, '.cablelintrc.json')), type: 1 }] });
      const again = await waitFor(async () => Promise.all(asked), (answers) => told > before + 1 && answers.some((a) => a.complete), 10_000);
      assert.ok(told > before + 1, `told ${told - before} times during the second scan`);
      assert.ok(again.at(-1)?.complete, 'the last notification finds the index complete');
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });
});
