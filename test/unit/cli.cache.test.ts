/**
 * `cable lint --cache`: a second run prints what a run without the cache prints, takes the
 * findings of unchanged files from the cache, and lints again every file whose text,
 * configuration, code tables or asked-for rules changed.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { CORPUS, ROOT, SEED } from '../helpers/fixtures';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'cable-cache-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function cable(cwd: string, args: string[], input?: Buffer): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', input });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A folder with the seed, a cable with an unknown tag, and a few corpus cables. */
function corpusFolder(): string {
  const dir = mkdtempSync(path.join(scratch, 'set-'));
  copyFileSync(SEED, path.join(dir, 'seed.cable'));
  copyFileSync(path.join(ROOT, 'test', 'fixtures', 'rules', 'tag-unknown.cable'), path.join(dir, 'tags.cable'));
  for (const name of ['00HARARE5461.cable', '01STATE176819.cable', '05NEWDELHI2550.cable']) copyFileSync(path.join(CORPUS, name), path.join(dir, name));
  return dir;
}

/** The cache file: a header line, then a line per file (its path as JSON, its key, its findings as JSON, tab-separated). */
interface CacheFile {
  program: string;
  entries: Record<string, { key: string; findings: { diagnostics: { code: string; message: string }[] } }>;
}
function readCache(file: string): CacheFile {
  const [header, ...lines] = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const entries: CacheFile['entries'] = {};
  for (const line of lines) {
    const [name, key, findings] = line.split('\t');
    entries[JSON.parse(name) as string] = { key, findings: JSON.parse(findings) };
  }
  return { program: (JSON.parse(header) as { program: string }).program, entries };
}
function writeCache(file: string, cache: CacheFile): void {
  const lines = Object.entries(cache.entries).map(([name, e]) => `${JSON.stringify(name)}\t${e.key}\t${JSON.stringify(e.findings)}\n`);
  writeFileSync(file, `${JSON.stringify({ format: 2, program: cache.program })}\n${lines.join('')}`);
}

/** Makes the cache say something no rule says for `cable`, so that output can tell where findings came from. */
function plantMarker(cacheFile: string, cable: string): void {
  const cache = readCache(cacheFile);
  const entry = cache.entries[cable];
  assert.ok(entry, `no entry for ${cable}`);
  entry.findings.diagnostics = [{ code: 'from-cache', severity: 'error', message: 'MARKER FROM THE CACHE', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } } as never];
  writeCache(cacheFile, cache);
}

describe('cable lint --cache', () => {
  it('prints what a run without it prints, and takes unchanged files from the cache', () => {
    const dir = corpusFolder();
    const plain = cable(dir, ['lint', '--format', 'jsonl', '.']);
    const first = cable(dir, ['lint', '--format', 'jsonl', '--cache', '.']);
    const second = cable(dir, ['lint', '--format', 'jsonl', '--cache', '.']);
    assert.equal(first.stdout, plain.stdout);
    assert.equal(second.stdout, plain.stdout);
    assert.equal(second.status, plain.status);
    const cacheFile = path.join(dir, '.cablelintcache');
    assert.deepEqual(Object.keys(readCache(cacheFile).entries).sort(), ['00HARARE5461.cable', '01STATE176819.cable', '05NEWDELHI2550.cable', 'seed.cable', 'tags.cable'].map((f) => path.join(dir, f)));

    // The findings of an unchanged file come from the cache…
    plantMarker(cacheFile, path.join(dir, 'seed.cable'));
    assert.match(cable(dir, ['lint', '--cache', 'seed.cable']).stdout, /MARKER FROM THE CACHE/);
    // …and a file whose text changed is linted again.
    appendFileSync(path.join(dir, 'seed.cable'), '\nA line added at the end.\n');
    const changed = cable(dir, ['lint', '--format', 'jsonl', '--cache', '.']);
    assert.doesNotMatch(changed.stdout, /MARKER/);
    assert.equal(changed.stdout, cable(dir, ['lint', '--format', 'jsonl', '.']).stdout);
  });

  it('lints again when the configuration, its code tables or the rules asked for change', () => {
    const dir = corpusFolder();
    const cacheFile = path.join(dir, '.cablelintcache');
    const tags = path.join(dir, 'tags.cable');
    writeFileSync(path.join(dir, 'extra-tags.tsv'), 'tag\tmeaning\tkind\nXQZT\tA tag of our project\tsubject\n');
    writeFileSync(path.join(dir, '.cablelintrc.json'), JSON.stringify({ codeTables: ['extra-tags.tsv'] }));
    const sameAsPlain = (args: string[]): string => {
      const cached = cable(dir, ['lint', '--format', 'jsonl', '--cache', ...args, 'tags.cable']).stdout;
      assert.doesNotMatch(cached, /MARKER/, args.join(' '));
      assert.equal(cached, cable(dir, ['lint', '--format', 'jsonl', ...args, 'tags.cable']).stdout, args.join(' '));
      return cached;
    };
    const before = sameAsPlain([]);
    assert.match(before, /tag-unknown/);

    // A severity changed in the config.
    plantMarker(cacheFile, tags);
    assert.match(cable(dir, ['lint', '--cache', 'tags.cable']).stdout, /MARKER/);
    writeFileSync(path.join(dir, '.cablelintrc.json'), JSON.stringify({ codeTables: ['extra-tags.tsv'], rules: { 'tag-unknown': 'error' } }));
    assert.match(sameAsPlain([]), /"severity":"error"/);

    // The code table the config names: the tag it did not know is now a known one.
    plantMarker(cacheFile, tags);
    writeFileSync(path.join(dir, 'extra-tags.tsv'), 'tag\tmeaning\tkind\nXQZT\tA tag of our project\tsubject\nPTERPGOV\tNamed here\tsubject\n');
    assert.doesNotMatch(sameAsPlain([]), /PTERPGOV/);

    // Other rules asked for, and --no-ignore; a list of no rule is a mistake.
    plantMarker(cacheFile, tags);
    sameAsPlain(['--rules', 'tag-unknown']);
    const none = cable(dir, ['lint', '--cache', '--rules', ' , ', 'tags.cable']);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /--rules needs a comma-separated list of rule ids/);
    plantMarker(cacheFile, tags);
    sameAsPlain(['--no-ignore']);
  });

  it('is the same with --jobs 2, and --cache-location names the file or its folder', () => {
    const dir = corpusFolder();
    const plain = cable(dir, ['lint', '--format', 'jsonl', '.']).stdout;
    const place = path.join(scratch, 'caches');
    mkdirSync(place, { recursive: true });
    const inFolder = cable(dir, ['lint', '--format', 'jsonl', '--jobs', '2', '--cache-location', place, '.']);
    assert.equal(inFolder.stdout, plain);
    const cacheFile = path.join(place, '.cablelintcache');
    assert.equal(Object.keys(readCache(cacheFile).entries).length, 5);
    // The workers take each file's entry with it.
    plantMarker(cacheFile, path.join(dir, 'seed.cable'));
    const again = cable(dir, ['lint', '--format', 'jsonl', '--jobs', '2', '--cache-location', place, '.']);
    assert.match(again.stdout, /MARKER FROM THE CACHE/);
    assert.equal(again.stdout.split('\n').filter((l) => !l.includes('seed.cable')).join('\n'), plain.split('\n').filter((l) => !l.includes('seed.cable')).join('\n'));
    // A file that is gone leaves the cache at its next write; the others stay.
    rmSync(path.join(dir, '00HARARE5461.cable'));
    appendFileSync(path.join(dir, 'tags.cable'), '\nA line added.\n');
    cable(dir, ['lint', '--cache-location', place, 'tags.cable']);
    assert.deepEqual(Object.keys(readCache(cacheFile).entries).sort(), ['01STATE176819.cable', '05NEWDELHI2550.cable', 'seed.cable', 'tags.cable'].map((f) => path.join(dir, f)));
    // One line per file: the file linted again is not also kept with its old entry.
    assert.equal(readFileSync(cacheFile, 'utf8').split('\n').filter(Boolean).length, 1 + 4);
    const named = path.join(scratch, 'named-cache.json');
    assert.equal(cable(dir, ['lint', '--format', 'jsonl', '--cache-location', named, '.']).stdout, cable(dir, ['lint', '--format', 'jsonl', '.']).stdout);
    assert.ok(existsSync(named));
    assert.ok(!existsSync(path.join(dir, '.cablelintcache')));
  });

  it('starts anew from a cache another build wrote, and never writes over a file that is not a cache', () => {
    const dir = corpusFolder();
    const cacheFile = path.join(dir, '.cablelintcache');
    const plain = cable(dir, ['lint', '--format', 'jsonl', '.']).stdout;
    // An empty file is taken as a cache not written yet.
    writeFileSync(cacheFile, '');
    assert.equal(cable(dir, ['lint', '--format', 'jsonl', '--cache', '.']).stdout, plain);
    assert.equal(Object.keys(readCache(cacheFile).entries).length, 5);

    // Another build of cable (here: the same program with a comment added) starts anew.
    plantMarker(cacheFile, path.join(dir, 'seed.cable'));
    const rebuilt = path.join(dir, 'rebuilt-cli.js');
    writeFileSync(rebuilt, `${readFileSync(CLI, 'utf8')}\n// another build\n`);
    const fromRebuilt = spawnSync(process.execPath, [rebuilt, 'lint', '--format', 'jsonl', '--cache', '.'], { cwd: dir, encoding: 'utf8' });
    assert.equal(fromRebuilt.stdout, plain);
    plantMarker(cacheFile, path.join(dir, 'seed.cable'));
    const cache = readCache(cacheFile);
    cache.program = 'another build of cable';
    writeCache(cacheFile, cache);
    assert.equal(cable(dir, ['lint', '--format', 'jsonl', '--cache', '.']).stdout, plain);

    // Entries edited by hand into something that is not findings: linted again, without an error.
    for (const findings of [{ diagnostics: 'not a list' }, { diagnostics: [null] }, { diagnostics: [{ code: 'x', severity: 'loud', message: 'm', range: {} }] }]) {
      const edited = readCache(cacheFile);
      edited.entries[path.join(dir, 'seed.cable')].findings = findings as never;
      writeCache(cacheFile, edited);
      const afterEdit = cable(dir, ['lint', '--format', 'jsonl', '--cache', '.']);
      assert.equal(afterEdit.stdout, plain, JSON.stringify(findings));
      assert.equal(afterEdit.stderr, '');
    }

    // A line that cannot be read: that file is linted again, the others still come from the cache.
    plantMarker(cacheFile, path.join(dir, 'tags.cable'));
    writeFileSync(cacheFile, readFileSync(cacheFile, 'utf8').replace(JSON.stringify(path.join(dir, 'seed.cable')), '"unterminated'));
    const oneLineBroken = cable(dir, ['lint', '--format', 'jsonl', '--cache', '.']).stdout;
    assert.match(oneLineBroken, /"file":"tags.cable".*MARKER/);
    assert.doesNotMatch(oneLineBroken, /"file":"seed.cable".*MARKER/);
    // A cache of another layout is started anew, even with lines that look like entries.
    plantMarker(cacheFile, path.join(dir, 'seed.cable'));
    writeFileSync(cacheFile, readFileSync(cacheFile, 'utf8').replace('{"format":2,', '{"format":1,'));
    assert.equal(cable(dir, ['lint', '--format', 'jsonl', '--cache', '.']).stdout, plain);
    assert.equal(Object.keys(readCache(cacheFile).entries).length, 5);
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);

    // A file that is not a cache (a mistyped --cache-location) is read as none, and left as it is.
    const notes = path.join(dir, 'notes.txt');
    writeFileSync(notes, 'My notes on these cables.\n');
    const mistyped = cable(dir, ['lint', '--format', 'jsonl', '--cache-location', notes, '.']);
    assert.equal(mistyped.stdout, plain);
    assert.match(mistyped.stderr, /^cable: warning: .*notes\.txt is not a cable lint cache: it was left as it is/);
    assert.equal(readFileSync(notes, 'utf8'), 'My notes on these cables.\n');
    // A FIFO at the cache's place is refused, not waited on.
    const fifo = path.join(dir, 'fifo-cache');
    spawnSync('mkfifo', [fifo]);
    const fromFifo = spawnSync(process.execPath, [CLI, 'lint', '--cache-location', fifo, 'seed.cable'], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    assert.equal(fromFifo.signal, null, 'the run waited on the FIFO');
    assert.match(fromFifo.stderr, /fifo-cache cannot be read \(is not a regular file/);
    writeFileSync(notes, '{"some": "json"}');
    assert.match(cable(dir, ['lint', '--cache-location', notes, '.']).stderr, /is not a cable lint cache/);
    assert.equal(readFileSync(notes, 'utf8'), '{"some": "json"}');
  });

  it('keys an entry to the config file that applies, not only to its text', () => {
    // The same config text in another folder reads the file's path otherwise: its override no longer applies.
    const dir = corpusFolder();
    mkdirSync(path.join(dir, 'a'));
    copyFileSync(path.join(dir, 'tags.cable'), path.join(dir, 'a', 'tags.cable'));
    const config = JSON.stringify({ overrides: [{ files: ['a/tags.cable'], rules: { 'tag-unknown': 'error' } }] });
    writeFileSync(path.join(dir, '.cablelintrc.json'), config);
    const tags = path.join(dir, 'a', 'tags.cable');
    assert.match(cable(dir, ['lint', '--format', 'jsonl', '--cache', tags]).stdout, /"severity":"error"/);
    plantMarker(path.join(dir, '.cablelintcache'), tags);
    rmSync(path.join(dir, '.cablelintrc.json'));
    writeFileSync(path.join(dir, 'a', '.cablelintrc.json'), config);
    const moved = cable(dir, ['lint', '--format', 'jsonl', '--cache', tags]).stdout;
    assert.doesNotMatch(moved, /MARKER|"severity":"error"/);
    assert.equal(moved, cable(dir, ['lint', '--format', 'jsonl', tags]).stdout);
  });

  it('stops at Ctrl-C, and the next run removes the temporary file a killed run left', async () => {
    const dir = mkdtempSync(path.join(scratch, 'signal-'));
    const names = readdirSync(CORPUS).filter((f) => f.endsWith('.cable'));
    for (let copy = 0; copy < 6; copy++) for (const name of names) copyFileSync(path.join(CORPUS, name), path.join(dir, `${copy}-${name}`));
    const run = spawn(process.execPath, [CLI, 'lint', '--format', 'jsonl', '--cache', '.'], { cwd: dir, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => run.on('exit', (_code, signal) => resolve(signal)));
    const temporary = (): string[] => readdirSync(dir).filter((f) => f.endsWith('.tmp'));
    // The new cache is written while the run goes: wait for it, then interrupt.
    for (let waited = 0; !temporary().length && waited < 10_000; waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(temporary().length, 1, 'the run wrote no temporary cache file');
    run.kill('SIGINT');
    assert.equal(await exited, 'SIGINT', 'the run went on after Ctrl-C');
    assert.ok(!existsSync(path.join(dir, '.cablelintcache')));
    // A temporary file of a run still going (this test's own process stands for one) is left alone.
    const live = `.cablelintcache.${process.pid}.tmp`;
    writeFileSync(path.join(dir, live), '');
    const next = cable(dir, ['lint', '--format', 'jsonl', '--cache', '0-00HARARE5461.cable']);
    assert.equal(next.stdout, cable(dir, ['lint', '--format', 'jsonl', '0-00HARARE5461.cable']).stdout);
    assert.deepEqual(temporary(), [live]);
  });

  it('reads a cache an editor saved with a byte order mark, writes through a link to it, and writes a file named twice once', () => {
    const dir = corpusFolder();
    const target = path.join(dir, 'real-cache');
    const link = path.join(dir, 'cache-link');
    symlinkSync(target, link);
    const plain = cable(dir, ['lint', '--format', 'jsonl', '.']).stdout;
    assert.equal(cable(dir, ['lint', '--format', 'jsonl', '--cache-location', link, '.']).stdout, plain);
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(Object.keys(readCache(target).entries).length, 5);
    plantMarker(target, path.join(dir, 'seed.cable'));
    writeFileSync(target, `\ufeff${readFileSync(target, 'utf8')}`);
    assert.match(cable(dir, ['lint', '--cache-location', link, 'seed.cable']).stdout, /MARKER FROM THE CACHE/);
    appendFileSync(path.join(dir, 'seed.cable'), '\nA line added.\n');
    cable(dir, ['lint', '--cache-location', link, 'seed.cable', './seed.cable', path.join(dir, 'seed.cable')]);
    const lines = readFileSync(target, 'utf8').split('\n').filter((l) => l.startsWith(JSON.stringify(path.join(dir, 'seed.cable'))));
    assert.equal(lines.length, 1);
  });

  it('keeps no standard input and no file whose config has errors; a cache it cannot write is a warning', () => {
    const dir = corpusFolder();
    const cacheFile = path.join(dir, '.cablelintcache');
    cable(dir, ['lint', '--cache', '-'], readFileSync(SEED));
    assert.ok(!existsSync(cacheFile));
    writeFileSync(path.join(dir, '.cablelintrc.json'), JSON.stringify({ codeTables: ['missing.tsv'] }));
    const broken = cable(dir, ['lint', '--cache', 'seed.cable']);
    assert.equal(broken.status, 2);
    assert.ok(!existsSync(cacheFile));
    rmSync(path.join(dir, '.cablelintrc.json'));

    const plain = cable(dir, ['lint', 'seed.cable']);
    const unwritable = cable(dir, ['lint', '--cache-location', path.join(dir, 'no-such-folder', 'cache'), 'seed.cable']);
    assert.equal(unwritable.stdout, plain.stdout);
    assert.equal(unwritable.status, plain.status);
    assert.match(unwritable.stderr, /^cable: warning: could not write the cache .*no-such-folder/);
  });
});
