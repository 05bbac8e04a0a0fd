/**
 * The cable service (service/cableService.ts) over a workspace held in memory: it touches no
 * file itself, parses a document version once, lints and fixes through its workspace, keeps
 * `ignore`, and answers the cross-cable questions from its index. And `cable parse` reads each
 * file with its own folder's code tables, as lint does (it used the first path's before).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { indexEntry, type CableIndexEntry } from '../../server/src/core/features/workspace';
import { defaultSeverities } from '../../server/src/core/rules/engine';
import { builtinTables } from '../../server/src/core/tables/codeTables';
import { decodeBytes, encodeText } from '../../server/src/core/text/decode';
import type { FileEnvironment } from '../../server/src/node/fileEnvironment';
import { createCableService, type CableIndex, type CableWorkspace } from '../../server/src/service/cableService';
import { parseText, readText, ROOT, scratchDir, SEED } from '../helpers/fixtures';

function memoryWorkspace(files: Map<string, string>, ignored: Set<string> = new Set()) {
  const writes: string[] = [];
  const env = (file?: string): FileEnvironment => ({ tables: builtinTables(), severities: defaultSeverities(), ignored: !!file && ignored.has(file), errors: [], settingsErrors: [], tableFiles: [] });
  const workspace: CableWorkspace = {
    environment: async (file) => env(file),
    readCable: (file) => {
      const text = files.get(file);
      if (text === undefined) throw new Error(`${file}: no such file`);
      const bytes = encodeText(text, 'utf-8', false);
      return { ...decodeBytes(bytes), bytes };
    },
    writeCable: async (file, bytes) => {
      writes.push(file);
      files.set(file, decodeBytes(bytes).text);
    },
    describeError: (error) => (error as Error).message,
  };
  return { workspace, writes, env };
}

describe('the cable service', () => {
  const seed = readText(SEED);

  it('parses a document version once, and again for a new version or new tables', () => {
    const { workspace, env } = memoryWorkspace(new Map());
    const service = createCableService({ workspace });
    let reads = 0;
    const text = (): string => {
      reads++;
      return seed;
    };
    const e = env('a.cable');
    const first = service.analyze('a', 1, text, e);
    assert.equal(service.analyze('a', 1, text, e), first);
    assert.equal(reads, 1);
    assert.equal(service.problems(first), service.problems(first), 'problems are found once');
    assert.notEqual(service.analyze('a', 2, text, e), first);
    const second = service.analyze('a', 2, text, e);
    assert.notEqual(service.analyze('a', 2, text, { ...e }), second, 'another environment (settings or config changed)');
    service.forget('a');
    service.analyze('a', 2, text, e);
    assert.equal(reads, 4);
  });

  it('lints and fixes through its workspace: ignored files skipped, fixes written once', async () => {
    const files = new Map([
      ['seed.cable', seed],
      ['drafts/seed.cable', seed],
    ]);
    const { workspace, writes } = memoryWorkspace(files, new Set(['drafts/seed.cable']));
    const service = createCableService({ workspace });
    const linted = await service.lintFile('seed.cable', {});
    assert.ok(linted.diagnostics.length > 5, `${linted.diagnostics.length} findings on the seed cable`);
    assert.deepEqual(await service.lintFile('drafts/seed.cable', {}), { file: 'drafts/seed.cable', diagnostics: [], ignored: true });
    assert.equal((await service.lintFile('gone.cable', {})).error, 'gone.cable: no such file');

    const only = await service.lintFile('seed.cable', { only: new Set(['rendering-artifact']) });
    assert.ok(only.diagnostics.length && only.diagnostics.every((d) => d.code === 'rendering-artifact'));

    const dry = await service.fixFile('seed.cable', { dryRun: true });
    assert.ok(dry.changed && dry.applied.length > 0);
    assert.deepEqual(writes, [], 'a dry run writes nothing');
    const fixed = await service.fixFile('seed.cable', {});
    assert.deepEqual(writes, ['seed.cable']);
    assert.equal(fixed.applied.length, dry.applied.length);
    assert.notEqual(files.get('seed.cable'), seed);
    const again = await service.fixFile('seed.cable', {});
    assert.equal(again.changed, false, 'fixing twice changes nothing');
    assert.deepEqual(writes, ['seed.cable']);
    assert.equal((await service.fixFile('drafts/seed.cable', {})).changed, false);
    assert.equal(files.get('drafts/seed.cable'), seed, 'an ignored file is not fixed');
  });

  it('answers the cross-cable questions from its index', () => {
    const { workspace } = memoryWorkspace(new Map());
    const cited = indexEntry(parseText(seed, '08ASTANA2361.cable'), 'file:///w/08ASTANA2361.cable');
    const citing: CableIndexEntry = { ...cited, uri: 'file:///w/citing.cable', id: '08ASTANA9999', cites: [cited.id as string], citedLines: [12], searchText: '08astana9999 citing' };
    const entries = [cited, citing];
    const index: CableIndex = {
      complete: true,
      version: 1,
      all: () => entries,
      get: (uri) => entries.find((e) => e.uri === uri),
      filesOf: (id) => entries.filter((e) => e.id === id).map((e) => e.uri),
      citing: (id) => entries.filter((e) => e.cites.includes(id)),
    };
    const service = createCableService({ workspace, index });
    assert.equal(cited.id, '08ASTANA2361');
    assert.deepEqual(service.cableLocations('08ASTANA2361'), [{ uri: cited.uri, range: cited.range }]);
    assert.deepEqual(service.cableLocations('08NOWHERE1'), []);
    assert.deepEqual(service.citingCables('08ASTANA2361').map((e) => e.uri), [citing.uri]);
    assert.deepEqual(service.citingCables('08ASTANA2361', citing.uri), []);
    // Where: the line that cites it (a peek opens the citing cable there).
    assert.deepEqual(service.citingLocations('08ASTANA2361'), [{ uri: citing.uri, range: { start: { line: 12, character: 0 }, end: { line: 12, character: 0 } } }]);
    assert.deepEqual(service.workspaceSymbols('ASTANA9999').map((s) => s.location.uri), [citing.uri]);
    assert.deepEqual(service.findCables('astana2361', 10).map((s) => s.uri), [cited.uri]);
  });
});

describe('cable parse and the code tables', () => {
  it('reads each file with its own folder\'s tables, whatever path comes first', (t) => {
    // A station only a user table knows: the REF item is a cable id only with that table.
    const cable = `R 011200Z JAN 08\nFM AMEMBASSY QUITO\nTO SECSTATE WASHDC 0001\nBT\nUNCLAS QUITO 000264\n\nSIPDIS\n\nE.O. 12958: N/A\nTAGS: PGOV\nSUBJECT: TEST\n\nREF: A. ZZPOST 123 B. STATE 5\n\n1. (U) Text.\n`;
    const root = scratchDir(t, 'cable-parse-tables-');
    for (const folder of ['a-without', 'b-with-table']) {
      mkdirSync(path.join(root, folder), { recursive: true });
      writeFileSync(path.join(root, folder, 'x.cable'), cable);
    }
    writeFileSync(path.join(root, 'b-with-table', '.cablelintrc.json'), JSON.stringify({ codeTables: ['stations-extra.tsv'] }));
    writeFileSync(path.join(root, 'b-with-table', 'stations-extra.tsv'), 'station\tcanonical\nZZPOST\tZZPOST\n');
    const out = execFileSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'parse', '--format', 'jsonl', path.join(root, 'a-without'), path.join(root, 'b-with-table')], { encoding: 'utf8' });
    const ids = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { file: string; references: { ids?: string[] }[] })
      .map((r) => [path.basename(path.dirname(r.file)), r.references.flatMap((x) => x.ids ?? [])]);
    assert.deepEqual(ids, [
      ['a-without', ['08STATE5']],
      ['b-with-table', ['08ZZPOST123', '08STATE5']],
    ]);
  });
});
