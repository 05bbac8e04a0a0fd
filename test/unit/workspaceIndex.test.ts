/**
 * What the workspace index reads of a file (lsp/workspaceIndex.ts: the head, up to paragraph
 * 1, at most 16 KB): the same index fields as the whole cable gives, on every corpus cable.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { indexEntry } from '../../server/src/core/features/workspace';
import { parse } from '../../server/src/core/parser/parse';
import { builtinTables } from '../../server/src/core/tables/codeTables';
import type { CableIndexEntry } from '../../server/src/core/features/workspace';
import { parseHead, readHeadSync, WorkspaceIndex, type IndexWorkers } from '../../server/src/node/workspaceIndex';
import { pathToFileURL } from 'node:url';
import { corpusFiles, parseText, readText, ROOT, scratchDir, SEED } from '../helpers/fixtures';

const scratch = mkdtempSync(path.join(tmpdir(), 'cable-index-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const headEntry = (file: string) => indexEntry(parseHead(readHeadSync(file), file), 'file:///x');
const wholeEntry = (file: string) => indexEntry(parseText(readText(file), file), 'file:///x');

describe('the index reads the head of a file', () => {
  it('and its shortened parse gives every index field a full parse gives, on every corpus cable, head and whole text', () => {
    const station = builtinTables().station;
    for (const file of [...corpusFiles(), SEED]) {
      for (const text of [readHeadSync(file), readText(file)]) {
        const forIndex = parse(text, { station, fileName: file, forIndex: true });
        const full = parse(text, { station, fileName: file });
        assert.deepEqual(indexEntry(forIndex, 'file:///x'), indexEntry(full, 'file:///x'), path.basename(file));
      }
    }
  });

  it('and gets the id, subject, origin, date, classification and REF ids the whole cable gives, on every corpus cable', () => {
    for (const file of corpusFiles()) {
      const head = headEntry(file);
      const whole = wholeEntry(file);
      const name = path.basename(file);
      assert.deepEqual(
        { id: head.id, subject: head.subject, origin: head.origin, date: head.date, classification: head.classification },
        { id: whole.id, subject: whole.subject, origin: whole.origin, date: whole.date, classification: whole.classification },
        name,
      );
      // REF ids all come before paragraph 1; ids cited in the body are the whole cable's only.
      const doc = parseText(readText(file), file);
      const refIds = new Set((doc.textHeader.refs?.items ?? []).flatMap((i) => i.cables.map((c) => c.id)).filter((id) => id && id !== doc.id));
      for (const id of refIds) assert.ok(head.cites.includes(id as string), `${name}: REF id ${id}`);
      for (const id of head.cites) assert.ok(whole.cites.includes(id), `${name}: ${id} is not cited by the whole cable`);
    }
  });

  it('stops before paragraph 1, also past the first 4 KB and in Windows-1252', () => {
    const seed = readFileSync(SEED, 'utf8');
    const paragraphOne = seed.indexOf('\n¶1.');
    assert.ok(paragraphOne > 0);
    // A long INFO list pushes paragraph 1 past 4 KB: the subject and REF list are still read.
    const longList = Array.from({ length: 150 }, (_, k) => `RUEHZZ${String(k).padStart(3, '0')}/AMEMBASSY NOWHERE ${k}`).join('\n');
    const long = seed.replace('\nINFO ', `\nINFO ${longList}\n`);
    const longFile = path.join(scratch, 'long.cable');
    writeFileSync(longFile, long);
    const head = readHeadSync(longFile);
    assert.ok(Buffer.byteLength(long.slice(0, long.indexOf('\n¶1.'))) > 4096);
    assert.equal(head, long.slice(0, long.indexOf('\n¶1.')));
    assert.equal(headEntry(longFile).subject, wholeEntry(SEED).subject);
    // A pilcrow paragraph in Windows-1252 (one byte, B6) and in UTF-8 (C2 B6); and `1. (`.
    const pilcrow = `${seed.slice(0, paragraphOne)}\n¶1. (SBU) Text.\n`;
    const numbered = path.join(scratch, 'numbered.cable');
    writeFileSync(numbered, `${seed.slice(0, paragraphOne)}\n1. (SBU) Text.\n`);
    assert.equal(readHeadSync(numbered), seed.slice(0, paragraphOne));
    for (const [name, bytes] of [
      ['cp1252.cable', Buffer.from(pilcrow.replace('¶', '\u00b6'), 'latin1')],
      ['utf8.cable', Buffer.from(pilcrow, 'utf8')],
    ] as const) {
      const file = path.join(scratch, name);
      writeFileSync(file, bytes);
      assert.equal(readHeadSync(file), seed.slice(0, paragraphOne), name);
    }
  });

  it('reads at most 16 KB, cut at a line break', () => {
    const file = path.join(scratch, 'big.cable');
    const line = `${'X'.repeat(99)}\n`;
    writeFileSync(file, `UNCLAS STATE 000001\n${line.repeat(400)}`);
    const head = readHeadSync(file);
    assert.ok(head.length <= 16 * 1024 && head.length > 15 * 1024, String(head.length));
    assert.ok(head.endsWith('\n'));
  });

  it('gives a short file only its own bytes after a long one (the read buffer is reused)', () => {
    const big = path.join(scratch, 'big-first.cable');
    writeFileSync(big, `UNCLAS STATE 000001\n${`${'Y'.repeat(99)}\n`.repeat(400)}`);
    const small = path.join(scratch, 'small-after.cable');
    writeFileSync(small, 'UNCLAS STATE 000002\nSUBJECT: SHORT\n');
    const cp1252 = path.join(scratch, 'cp1252-after.cable');
    writeFileSync(cp1252, Buffer.from('UNCLAS STATE 000003\nSUBJECT: CAF\u00c9\n', 'latin1'));
    assert.ok(readHeadSync(big).length > 15 * 1024);
    assert.equal(readHeadSync(small), 'UNCLAS STATE 000002\nSUBJECT: SHORT\n');
    assert.equal(readHeadSync(cp1252), 'UNCLAS STATE 000003\nSUBJECT: CAF\u00c9\n');
    assert.equal(readHeadSync(small), 'UNCLAS STATE 000002\nSUBJECT: SHORT\n');
  });
});

describe('a large workspace', () => {
  // 900 files in folders of 100: the first 512 are read in this thread, the rest by workers.
  const workspace = path.join(scratch, 'large');
  const corpus = corpusFiles();
  for (let k = 0; k < 900; k++) {
    const dir = path.join(workspace, String(Math.floor(k / 100)));
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${k}-${path.basename(corpus[k % corpus.length])}`), readFileSync(corpus[k % corpus.length]));
  }
  const entriesOf = async (workers?: IndexWorkers): Promise<{ entries: CableIndexEntry[]; index: WorkspaceIndex }> => {
    const index = new WorkspaceIndex(undefined, workers);
    await index.start([workspace]);
    return { entries: [...index.all()].sort((a, b) => a.uri.localeCompare(b.uri)), index };
  };
  // The server bundle runs the index worker when started as one (npm run build makes it).
  const SERVER = path.join(ROOT, 'dist', 'server.js');

  it('is indexed by worker threads after the first files, with the entries this thread gives', async () => {
    const inThread = await entriesOf();
    const withWorkers = await entriesOf({ script: SERVER, count: 2 });
    assert.equal(inThread.entries.length, 900);
    assert.deepEqual(inThread.index.lastScan, { files: 900, byWorkers: 0 });
    // About 512 in this thread (whole batches of 32), the rest by the workers.
    assert.equal(withWorkers.index.lastScan?.files, 900);
    assert.ok((withWorkers.index.lastScan?.byWorkers ?? 0) > 350, JSON.stringify(withWorkers.index.lastScan));
    assert.deepEqual(withWorkers.entries, inThread.entries);
  });

  it('is still indexed whole when the workers fail', async () => {
    const broken = path.join(scratch, 'broken-worker.js');
    writeFileSync(broken, "throw new Error('this worker fails as it starts');\n");
    const inThread = await entriesOf();
    const afterFailure = await entriesOf({ script: broken, count: 2 });
    assert.deepEqual(afterFailure.index.lastScan, { files: 900, byWorkers: 0 });
    assert.deepEqual(afterFailure.entries, inThread.entries);
  });
});

describe('the code tables a folder is checked with', () => {
  // A station only a user table knows: a REF item naming it is a cable id only with that table.
  const cable = `R 011200Z JAN 08\nFM AMEMBASSY QUITO\nTO SECSTATE WASHDC 0001\nBT\nUNCLAS QUITO 000264\n\nSIPDIS\n\nE.O. 12958: N/A\nTAGS: PGOV\nSUBJECT: TEST\n\nREF: A. ZZPOST 123 B. STATE 5\n\n1. (U) Text.\n`;
  const SERVER = path.join(ROOT, 'dist', 'server.js');
  const build = (name: string, files: number): string => {
    const root = path.join(scratch, name);
    for (const folder of ['with-table', 'without']) {
      mkdirSync(path.join(root, folder), { recursive: true });
      for (let k = 0; k < files; k++) writeFileSync(path.join(root, folder, `${k}.cable`), cable.replace('000264', String(264 + k).padStart(6, '0')));
    }
    writeFileSync(path.join(root, 'with-table', '.cablelintrc.json'), JSON.stringify({ codeTables: ['stations-extra.tsv'] }));
    writeFileSync(path.join(root, 'with-table', 'stations-extra.tsv'), 'station\tcanonical\nZZPOST\tZZPOST\n');
    return root;
  };
  const citesOf = (index: WorkspaceIndex, folder: string): string[][] =>
    [...index.all()].filter((e) => e.uri.includes(`/${folder}/`)).map((e) => e.cites);

  it('are the ones the index reads the cables with, in this thread and in workers', async () => {
    for (const [name, files, workers] of [['small', 3, undefined], ['large', 400, { script: SERVER, count: 2 }]] as const) {
      const root = build(name, files);
      const index = new WorkspaceIndex(undefined, workers);
      await index.start([root]);
      if (workers) assert.ok((index.lastScan?.byWorkers ?? 0) > 0, 'some files were read by workers');
      const withTable = citesOf(index, 'with-table');
      const without = citesOf(index, 'without');
      assert.equal(withTable.length, files);
      assert.ok(withTable.every((c) => c.includes('08ZZPOST123') && c.includes('08STATE5')), `${name}: ${JSON.stringify(withTable[0])}`);
      assert.ok(without.every((c) => !c.includes('08ZZPOST123') && c.includes('08STATE5')), name);
      assert.ok(index.isTableFile(path.join(root, 'with-table', 'stations-extra.tsv')), 'the table is known, so a change to it reads the cables again');
    }
  });

  it('include the editor settings\' tables', async () => {
    const root = build('settings', 2);
    writeFileSync(path.join(root, 'mine.tsv'), 'station\tcanonical\nZZPOST\tZZPOST\n');
    const index = new WorkspaceIndex();
    await index.start([root], undefined, { codeTables: ['mine.tsv'], base: root });
    assert.ok(citesOf(index, 'without').every((c) => c.includes('08ZZPOST123')));
  });
});

describe('the index version (what the Cables view groups by)', () => {
  it('changes when an entry does, not when an open cable is re-read the same, and the tags are kept', async (t) => {
    const dir = scratchDir(t, 'cable-index-version-');
    const seedText = readText(SEED);
    writeFileSync(path.join(dir, 'seed.cable'), seedText);
    const index = new WorkspaceIndex();
    const v0 = index.version;
    await index.start([dir]);
    assert.ok(index.version > v0, 'a scan that adds cables changes it');
    const uri = pathToFileURL(path.join(dir, 'seed.cable')).toString();
    assert.deepEqual(index.get(uri)?.tags, ['PGOV', 'PREL', 'SOCI', 'KDEM', 'KZ']);
    const v1 = index.version;
    // The same text, as the editor has it: the same fields, the same version.
    index.updateFromDocument(uri, parseText(seedText, 'seed.cable'));
    assert.equal(index.version, v1);
    // A blank line above the classification line moves it, but groups the same; the index keeps the new position.
    index.updateFromDocument(uri, parseText(`\n${seedText}`, 'seed.cable'));
    assert.equal(index.version, v1);
    const classificationLine = (text: string): number => {
      const doc = parseText(text);
      return doc.lines.lineAt(doc.textHeader.classification!.span.start);
    };
    assert.equal(index.get(uri)?.range.start.line, classificationLine(seedText) + 1);
    // A new subject: a new version.
    index.updateFromDocument(uri, parseText(seedText.replace('ALMATY NOTES', 'ASTANA NOTES'), 'seed.cable'));
    assert.equal(index.version, v1 + 1);
    index.remove(uri);
    assert.equal(index.version, v1 + 2);
    index.remove(uri);
    assert.equal(index.version, v1 + 2, 'removing what is not there changes nothing');
  });
});
