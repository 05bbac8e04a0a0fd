/** The `cable` command: help, version, usage errors, parse/lint/fix formats and exit codes. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { CORPUS, ROOT, SEED, makeUnlistableFolder } from '../helpers/fixtures';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'cable-cli-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function cable(args: string[], input?: string | Buffer): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', cwd: scratch });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cable CLI', () => {
  it('prints help and version', () => {
    const help = cable(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /cable lint/);
    for (const command of ['parse', 'lint', 'fix']) {
      const sub = cable([command, '--help']);
      assert.equal(sub.status, 0, `${command} --help`);
      assert.match(sub.stdout, /cable fix/);
    }
    const version = cable(['--version']);
    assert.equal(version.status, 0);
    assert.equal(version.stdout.trim(), JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('exits 2 with a usage message on bad arguments', () => {
    for (const args of [[], ['frobnicate'], ['lint'], ['lint', '--format', 'xml', SEED], ['lint', '--bogus', SEED], ['lint', '--jobs', '0', SEED], ['fix', '--rules', 'no-such-rule', SEED]]) {
      const r = cable(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /Usage:/);
    }
  });

  describe('parse', () => {
    it('prints the model as JSON', () => {
      const r = cable(['parse', SEED]);
      assert.equal(r.status, 0);
      const [doc] = JSON.parse(r.stdout);
      assert.equal(doc.file, SEED);
      assert.equal(doc.id, '08ASTANA2361');
      assert.equal(doc.classification, 'UNCLASSIFIED');
      assert.equal(doc.origin, 'ASTANA');
      assert.equal(doc.serial, '002361');
      assert.equal(doc.section, null);
      assert.equal(doc.precedence, 'IMMEDIATE');
      assert.equal(doc.dtg, '2008-11-26T09:15Z');
      assert.deepEqual(doc.to, [{ ri: 'RUEHC', name: 'SECSTATE WASHDC', precedence: 'IMMEDIATE', mcn: '3985', office: null }]);
      assert.equal(doc.info.length, 12);
      assert.deepEqual(doc.captions, ['SENSITIVE', 'SIPDIS']);
      assert.equal(doc.eo.kind, 'N/A');
      assert.deepEqual(doc.tags, ['PGOV', 'PREL', 'SOCI', 'KDEM', 'KZ']);
      assert.equal(doc.subject, 'KAZAKHSTAN: ALMATY NOTES, NOVEMBER 10 - NOVEMBER 21, 2008');
      assert.deepEqual(doc.references, []);
      assert.equal(doc.classifiedBy, null);
      assert.equal(doc.paragraphs, 7);
      assert.equal(doc.signature, 'HOAGLAND');
    });

    it('walks folders and prints one object per line with jsonl', () => {
      const r = cable(['parse', '--format', 'jsonl', CORPUS]);
      assert.equal(r.status, 0);
      const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
      assert.equal(lines.length, 194);
      const quito = lines.find((l) => l.file.endsWith('08QUITO264.cable'));
      assert.deepEqual(quito.references.map((x: { id: string }) => x.id), ['08QUITO263', '08QUITO251', '08QUITO248']);
    });

    it('reads standard input', () => {
      const r = cable(['parse', '--format', 'jsonl', '-'], readFileSync(SEED));
      assert.equal(r.status, 0);
      assert.equal(JSON.parse(r.stdout).file, '<stdin>');
    });

    it('reports unreadable and binary files and still prints the others; exit 2', () => {
      const binary = path.join(scratch, 'binary.cable');
      writeFileSync(binary, Buffer.from([0, 1, 2, 3, 0, 255]));
      const r = cable(['parse', '--format', 'jsonl', path.join(scratch, 'missing.cable'), binary, SEED]);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /missing\.cable: no such file or directory/);
      assert.match(r.stderr, /binary\.cable: is a binary file/);
      assert.equal(r.stdout.trim().split('\n').length, 1);
    });

    it('never waits on a FIFO named *.cable: named or found in a folder, it is reported, and the other cables are read', () => {
      const dir = mkdtempSync(path.join(scratch, 'fifo-'));
      const fifo = path.join(dir, 'pipe.cable');
      spawnSync('mkfifo', [fifo]);
      copyFileSync(SEED, path.join(dir, 'seed.cable'));
      for (const command of ['parse', 'lint', 'fix']) {
        const named = spawnSync(process.execPath, [CLI, command, fifo], { encoding: 'utf8', timeout: 20_000 });
        assert.equal(named.status, 2, `${command}: ${named.stderr}`);
        assert.match(named.stderr, /pipe\.cable: is not a regular file \(a FIFO, socket or device\); not read/);
      }
      for (const command of ['parse', 'lint', 'fix', 'stats']) {
        const folder = spawnSync(process.execPath, [CLI, command, ...(command === 'parse' ? ['--format', 'jsonl'] : []), dir], { encoding: 'utf8', timeout: 20_000 });
        assert.equal(folder.status, 2, `${command}: ${folder.stderr}`);
        assert.match(folder.stderr, /pipe\.cable: is not a regular file \(a FIFO, socket or device\); not read/, command);
        if (command === 'parse') assert.equal(folder.stdout.trim().split('\n').length, 1);
        if (command === 'stats') assert.match(folder.stdout, /\b1 cable\b/);
      }
    });

    it('reads a link named *.cable in a folder (the cable it leads to), and a file named twice once', () => {
      const dir = mkdtempSync(path.join(scratch, 'links-'));
      mkdirSync(path.join(dir, 'store'));
      mkdirSync(path.join(dir, 'by-year'));
      copyFileSync(SEED, path.join(dir, 'store', 'seed.cable'));
      symlinkSync(path.join('..', 'store', 'seed.cable'), path.join(dir, 'by-year', 'seed.cable'));
      // A link named *.cable to a folder, and one to nothing: passed over, not errors.
      symlinkSync(path.join('..', 'store'), path.join(dir, 'by-year', 'folder.cable'));
      symlinkSync('nowhere.cable', path.join(dir, 'by-year', 'dangling.cable'));
      const linked = cable(['lint', '--format', 'jsonl', path.join(dir, 'by-year')]);
      assert.equal(linked.status, 0, linked.stderr);
      assert.equal(linked.stderr, '');
      assert.equal(linked.stdout.trim().split('\n').length, 1, linked.stderr);
      assert.match(linked.stdout, /by-year\/seed\.cable/);
      // The cable and a link to it, both walked: read once (as the first met).
      const both = cable(['lint', '--format', 'jsonl', path.join(dir, 'store'), path.join(dir, 'by-year')]);
      assert.equal(both.stdout.trim().split('\n').length, 1, both.stdout);
      assert.match(both.stdout, /store\/seed\.cable/);
      assert.match(cable(['stats', dir]).stdout, /^1 cable \(/);
      // Named twice, or named and in a folder named: linted, counted and fixed once.
      const store = path.join(dir, 'store');
      const twice = cable(['lint', '--format', 'jsonl', store, store, path.join(store, 'seed.cable'), `${store}/`]);
      assert.equal(twice.stdout.trim().split('\n').length, 1);
      assert.match(cable(['stats', store, store]).stdout, /\b1 cable\b/);
      assert.match(cable(['fix', '--dry-run', store, path.join(store, 'seed.cable')]).stdout, /in 1 file\.\n$/);
    });
  });

  describe('folders that cannot be listed', () => {
    it('are reported (exit 2) by parse, lint and fix, and the other cables are still read', () => {
      // Root may list any folder, so the unlistable one is one whose path is longer than the
      // system allows: made one short relative step at a time, listed by its long full path.
      const dir = mkdtempSync(path.join(scratch, 'unlistable-'));
      copyFileSync(SEED, path.join(dir, 'seed.cable'));
      makeUnlistableFolder(dir, readFileSync(SEED));
      for (const command of ['parse', 'lint', 'fix']) {
        const r = cable([command, dir]);
        assert.equal(r.status, 2, `${command}: ${r.stderr}`);
        assert.match(r.stderr, /d{250}: cannot be listed \(the path is too long\); the cables in it were not (read|fixed)\n/);
      }
      assert.match(cable(['parse', '--format', 'jsonl', dir]).stdout, /seed\.cable/);
      spawnSync('rm', ['-rf', dir]);
    });
  });

  describe('lint', () => {
    it('gives unreadable, binary and UTF-16 files a clear error each, reads Windows-1252, and lints the rest (also in workers)', () => {
      const dir = mkdtempSync(path.join(scratch, 'mixed-'));
      writeFileSync(path.join(dir, 'binary.cable'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 2, 1, 1]));
      writeFileSync(path.join(dir, 'utf16.cable'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(SEED, 'utf8'), 'utf16le')]));
      mkdirSync(path.join(dir, 'folder.cable', 'inner'), { recursive: true });
      copyFileSync(path.join(CORPUS, '09PARIS1007.cable'), path.join(dir, 'cp1252.cable'));
      copyFileSync(SEED, path.join(dir, 'seed.cable'));
      for (const jobs of ['1', '2']) {
        const r = cable(['lint', '--jobs', jobs, '--format', 'jsonl', path.join(dir, 'binary.cable'), path.join(dir, 'utf16.cable'), path.join(dir, 'folder.cable', 'inner', 'gone.cable'), path.join(dir, 'cp1252.cable'), path.join(dir, 'seed.cable')]);
        assert.equal(r.status, 2, 'I/O errors exit 2');
        assert.match(r.stderr, /binary\.cable: is a binary file, not a cable/);
        assert.match(r.stderr, /utf16\.cable: is UTF-16 text; .*save it as UTF-8/);
        assert.match(r.stderr, /gone\.cable: no such file or directory/);
        const linted = r.stdout.trim().split('\n').map((l) => JSON.parse(l).file as string);
        assert.deepEqual(linted.map((f) => path.basename(f)), ['cp1252.cable', 'seed.cable']);
      }
    });

    it('text: file:line:col severity message [id], exit 0 without errors', () => {
      const r = cable(['lint', SEED]);
      assert.equal(r.status, 0);
      const lines = r.stdout.trim().split('\n');
      assert.equal(lines.length, 10);
      assert.match(lines[0], new RegExp(`^${SEED.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:35:7 warning .*\\[rendering-artifact\\]$`));
    });

    it('exits 1 when there are errors', () => {
      const r = cable(['lint', path.join(ROOT, 'test', 'fixtures', 'rules', 'dtg-invalid.cable')]);
      assert.equal(r.status, 1);
      assert.match(r.stdout, /error Invalid date-time group/);
    });

    it('json and jsonl give 0-based LSP ranges', () => {
      const json = JSON.parse(cable(['lint', '--format', 'json', SEED]).stdout);
      assert.equal(json.length, 1);
      const d = json[0].diagnostics[0];
      assert.deepEqual(Object.keys(d).sort(), ['code', 'message', 'range', 'severity']);
      assert.deepEqual(d.range.start, { line: 34, character: 6 });
      const jsonl = cable(['lint', '--format', 'jsonl', SEED]).stdout.trim().split('\n');
      assert.equal(jsonl.length, 1);
      assert.deepEqual(JSON.parse(jsonl[0]).diagnostics, json[0].diagnostics);
    });

    it('sarif is SARIF 2.1.0 with rule metadata', () => {
      const sarif = JSON.parse(cable(['lint', '--format', 'sarif', SEED]).stdout);
      assert.equal(sarif.version, '2.1.0');
      const run = sarif.runs[0];
      assert.ok(run.tool.driver.rules.some((r: { id: string }) => r.id === 'pilcrow-misread'));
      const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'pilcrow-misread');
      assert.equal(result.level, 'warning');
      assert.equal(result.locations[0].physicalLocation.region.startLine, 55);
    });

    it('gives the same results with worker threads', () => {
      const one = cable(['lint', '--format', 'jsonl', CORPUS]);
      const four = cable(['lint', '--format', 'jsonl', '--jobs', '3', CORPUS]);
      assert.equal(four.stdout, one.stdout);
      assert.equal(four.status, one.status);
      // The workers get the run's options whole: --rules holds there too.
      const onlyOne = cable(['lint', '--format', 'jsonl', '--rules', 'rendering-artifact', CORPUS]);
      const onlyThree = cable(['lint', '--format', 'jsonl', '--rules', 'rendering-artifact', '--jobs', '3', CORPUS]);
      assert.equal(onlyThree.stdout, onlyOne.stdout);
      const codes = new Set(onlyThree.stdout.trim().split('\n').flatMap((l) => (JSON.parse(l) as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code)));
      assert.deepEqual([...codes], ['rendering-artifact']);
    });

    it('follows .cablelintrc.json: severities, overrides, ignore, code tables', () => {
      const dir = mkdtempSync(path.join(scratch, 'cfg-'));
      copyFileSync(SEED, path.join(dir, 'seed.cable'));
      copyFileSync(path.join(ROOT, 'test', 'fixtures', 'rules', 'tag-unknown.cable'), path.join(dir, 'tags.cable'));
      writeFileSync(path.join(dir, 'extra-tags.tsv'), 'tag\tmeaning\tkind\nXQZT\tA tag of our project\tsubject\n');
      writeFileSync(
        path.join(dir, '.cablelintrc.json'),
        JSON.stringify({ rules: { 'rendering-artifact': 'off' }, overrides: [{ files: ['tags.cable'], rules: { 'tag-unknown': 'error' } }], codeTables: ['extra-tags.tsv'] }),
      );
      const r = cable(['lint', dir]);
      assert.doesNotMatch(r.stdout, /rendering-artifact/);
      assert.match(r.stdout, /tags\.cable:\d+:\d+ error Unknown tag "PTERPGOV"/);
      assert.doesNotMatch(r.stdout, /XQZT/);
      assert.equal(r.status, 1);
      writeFileSync(path.join(dir, '.cablelintrc.json'), JSON.stringify({ ignore: ['tags.cable'] }));
      assert.doesNotMatch(cable(['lint', dir]).stdout, /tags\.cable/);
      writeFileSync(path.join(dir, '.cablelintrc.json'), JSON.stringify({ rules: { 'no-such-rule': 'off' } }));
      const bad = cable(['lint', dir]);
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /unknown rule "no-such-rule"/);
    });

    it('lints standard input', () => {
      const r = cable(['lint', '-'], readFileSync(SEED));
      assert.match(r.stdout, /^<stdin>:35:7 warning/m);
    });
  });

  it('stops quietly when the reader of its output goes away (cable lint DIR | head -1)', () => {
    // Output larger than a pipe holds (the CLI writes in 64 KB chunks; a small output would
    // fit in the pipe before the reader leaves, and end with the usual exit status).
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" lint --format json "${CORPUS}" "${CORPUS}" "${CORPUS}" | head -1 > /dev/null; echo "\${PIPESTATUS[0]}"`], { encoding: 'utf8', cwd: scratch });
    assert.equal(r.stdout.trim(), '0', r.stderr);
    assert.doesNotMatch(r.stderr, /EPIPE|Unhandled/);
  });

  it('escapes control characters in file names, so a name cannot forge an output line', () => {
    const dir = mkdtempSync(path.join(scratch, 'names-'));
    const forged = 'a.cable\nforged.cable:1:1 error fake finding [x]\nb.cable';
    copyFileSync(SEED, path.join(dir, forged));
    const r = cable(['lint', dir]);
    assert.doesNotMatch(r.stdout, /^forged\.cable/m);
    assert.match(r.stdout, /a\.cable\\nforged\.cable:1:1 error fake finding \[x\]\\nb\.cable:\d+:\d+ /);
  });

  describe('fix', () => {
    it('fixes in place, keeps encoding and line ends, and a second run changes nothing', () => {
      const file = path.join(scratch, 'seed.cable');
      copyFileSync(SEED, file);
      const r = cable(['fix', file]);
      assert.equal(r.status, 0);
      assert.match(r.stdout, /Fixed 10 problems in 1 file\./);
      const fixed = readFileSync(file, 'utf8');
      assert.match(fixed, /TAGS: PGOV PREL SOCI KDEM KZ/);
      assert.match(fixed, /¶5\. \(U\)/);
      const again = cable(['fix', file]);
      assert.match(again.stdout, /Fixed 0 problems in 0 files\./);
      assert.equal(readFileSync(file, 'utf8'), fixed);
      assert.doesNotMatch(cable(['lint', file]).stdout, /./);
    });

    it('keeps a Windows-1252, CRLF file as it was apart from the fixes', () => {
      const file = path.join(scratch, 'paris.cable');
      const original = readFileSync(path.join(CORPUS, '09PARIS1007.cable'));
      writeFileSync(file, Buffer.concat([original, Buffer.from('\r\nTAGS test: [PGOV](#)\r\n', 'latin1')]));
      // Only the appended artifact: the cable's own mangled apostrophes (Sarkozy,s) are another rule's.
      cable(['fix', '--rules', 'rendering-artifact', file]);
      const after = readFileSync(file);
      assert.ok(after.includes(Buffer.from([0xb6])), 'the pilcrow is still one cp1252 byte');
      assert.ok(after.includes(Buffer.from('\r\n')), 'CRLF kept');
      assert.equal(after.subarray(0, original.length - 10).toString('latin1'), original.subarray(0, original.length - 10).toString('latin1'));
    });

    it('never writes a character a Windows-1252 file cannot hold (as `?`): that fix is left, and said so', () => {
      const file = path.join(scratch, 'kovacic.cable');
      // Café in Windows-1252 (é is 0xE9), then references to č, ć (not in Windows-1252), ’ and É (in it).
      const bytes = Buffer.from('UNCLAS ROME 000123\n\nE.O. 12958: N/A\nTAGS: PREL IT\nSUBJECT: X\n\n1. (U) Caf\xe9 Kova&#269;i&#263; and Rome&#146;s &Eacute;.\n\n2. (U) B.\nSMITH\n', 'latin1');
      writeFileSync(file, bytes);
      const r = cable(['fix', file]);
      assert.equal(r.status, 0);
      assert.equal(readFileSync(file).toString('latin1'), bytes.toString('latin1').replace('&#146;', '\x92').replace('&Eacute;', '\xc9'));
      assert.match(r.stdout, /replace "&#146;" with "’" \[rendering-artifact\]/);
      assert.match(r.stderr, /kovacic\.cable:7: not fixed, the file's encoding cannot hold the text: replace "&#269;" with "č" \[rendering-artifact\]/);
      assert.match(r.stderr, /kovacic\.cable:7: not fixed, the file's encoding cannot hold the text: replace "&#263;" with "ć" \[rendering-artifact\]/);
      // The same text in UTF-8 takes every fix.
      const utf8 = path.join(scratch, 'kovacic-utf8.cable');
      writeFileSync(utf8, bytes.toString('latin1'), 'utf8');
      assert.equal(cable(['fix', utf8]).stderr, '');
      assert.match(readFileSync(utf8, 'utf8'), /Café Kovačić and Rome’s É\./);
    });

    it('exits 1 and says so when fixes are still left after the last pass; the next run goes on', () => {
      const file = path.join(scratch, 'nested.cable');
      let link = 'PGOV';
      for (let i = 0; i < 12; i++) link = `[${link}](#)`;
      writeFileSync(file, `UNCLAS ROME 000001\nTAGS: PREL\nSUBJECT: X\n\n1. (U) Text ${link} more.\n`);
      const r = cable(['fix', file]);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /nested\.cable: fixes were still left after 10 passes; run cable fix again/);
      const again = cable(['fix', file]);
      assert.equal(again.status, 0);
      assert.equal(again.stderr, '');
      assert.match(readFileSync(file, 'utf8'), /Text PGOV more\./);
    });

    it('--dry-run changes nothing; --rules limits the fixes', () => {
      const file = path.join(scratch, 'dry.cable');
      copyFileSync(SEED, file);
      const before = readFileSync(file, 'utf8');
      const r = cable(['fix', '--dry-run', file]);
      assert.match(r.stdout, /would replace/);
      assert.equal(readFileSync(file, 'utf8'), before);
      cable(['fix', '--rules', 'pilcrow-misread', file]);
      const after = readFileSync(file, 'utf8');
      assert.match(after, /¶5\. \(U\)/);
      assert.match(after, /\[PGOV\]\(#\)/);
    });

    it('over every corpus cable: a second run changes nothing, and no letter is lost or moved', () => {
      const dir = path.join(scratch, 'corpus');
      cpSync(CORPUS, dir, { recursive: true });
      copyFileSync(SEED, path.join(dir, 'seed.cable'));
      const files = readdirSync(dir).filter((f) => f.endsWith('.cable'));
      const before = new Map(files.map((f) => [f, readFileSync(path.join(dir, f))]));
      const first = cable(['fix', dir]);
      assert.equal(first.status, 0, first.stderr);
      const fixedCount = Number(/in (\d+) files?\./.exec(first.stdout)?.[1]);
      assert.ok(fixedCount >= 10, first.stdout);
      // (In this corpus the tag fixes only separate tags run together, `VTPREL` → `VT, PREL`: no
      // letter changes; a misspelt tag fixed, `UNDESCO` → `UNESCO`, would fail the check below.)
      const second = cable(['fix', dir]);
      assert.match(second.stdout, /Fixed 0 problems in 0 files\./);
      // The safe fixes remove or add only marks (backslashes, pilcrows, Markdown, parentheses,
      // digits of misread pilcrows): the letters of every file stay the same, in order.
      const letters = (bytes: Buffer): string => bytes.toString('latin1').replace(/[^A-Za-z]+/g, '');
      let changed = 0;
      for (const f of files) {
        const after = readFileSync(path.join(dir, f));
        if (!after.equals(before.get(f)!)) changed++;
        assert.equal(letters(after), letters(before.get(f)!), `${f}: letters changed`);
      }
      assert.equal(changed, fixedCount);
    });

    it('never overwrites a file that changed on disk after it was read', async () => {
      const { writeAtomically } = await import('../../server/src/node/safeWrite');
      const dir = mkdtempSync(path.join(scratch, 'atomic-'));
      const file = path.join(dir, 'edited.cable');
      writeFileSync(file, 'what the user saved meanwhile\n');
      await assert.rejects(writeAtomically(file, Buffer.from('the fixed text\n'), Buffer.from('what was read\n')), /changed on disk while it was being fixed/);
      assert.equal(readFileSync(file, 'utf8'), 'what the user saved meanwhile\n');
      assert.deepEqual(readdirSync(dir), ['edited.cable'], 'no temporary file left behind');
      await writeAtomically(file, Buffer.from('the fixed text\n'), Buffer.from('what the user saved meanwhile\n'));
      assert.equal(readFileSync(file, 'utf8'), 'the fixed text\n');
      assert.deepEqual(readdirSync(dir), ['edited.cable']);
    });

    it('fixes nothing when the configuration is broken (a rule turned off may be among it), like lint fails: exit 2', () => {
      const dir = mkdtempSync(path.join(scratch, 'badconfig-'));
      // Not JSON: the closing brace is missing (a trailing comma is accepted, as VS Code's JSONC does).
      writeFileSync(path.join(dir, '.cablelintrc.json'), '{"rules": {"rendering-artifact": "off"}');
      copyFileSync(SEED, path.join(dir, 'seed.cable'));
      const before = readFileSync(path.join(dir, 'seed.cable'));
      const broken = cable(['fix', dir]);
      assert.equal(broken.status, 2);
      // Where: line 1, column 40 (the end of the text, where the brace is missing).
      assert.match(broken.stderr, /\.cablelintrc\.json:1:40: not JSON: close brace expected/);
      assert.match(broken.stderr, /seed\.cable: not fixed: its configuration has errors\n/);
      assert.ok(readFileSync(path.join(dir, 'seed.cable')).equals(before), 'the file is untouched');
      const missing = cable(['fix', '--config', path.join(dir, 'nonexistent.json'), path.join(dir, 'seed.cable')]);
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /nonexistent\.json/);
      assert.match(missing.stderr, /seed\.cable: not fixed: its configuration has errors\n/);
      assert.ok(readFileSync(path.join(dir, 'seed.cable')).equals(before), 'the file is untouched');
    });

    it('parse and stats report a broken configuration once (exit 2), as lint does, and still read the files', () => {
      const dir = mkdtempSync(path.join(scratch, 'badconfig-parse-'));
      // An object left open inside another: jsonc-parser gives the same error twice; it is said once.
      writeFileSync(path.join(dir, '.cablelintrc.json'), '{ "rules": { "rendering-artifact": "off" ');
      copyFileSync(SEED, path.join(dir, 'a.cable'));
      copyFileSync(SEED, path.join(dir, 'b.cable'));
      const error = /\.cablelintrc\.json:1:42: not JSON: close brace expected/g;
      for (const args of [['parse', '--format', 'jsonl', dir], ['stats', dir], ['lint', '--format', 'jsonl', dir]]) {
        const r = cable(args);
        assert.equal(r.status, 2, `${args[0]}: ${r.stderr}`);
        assert.equal(r.stderr.match(error)?.length, 1, `${args[0]}: ${r.stderr}`);
        if (args[0] === 'stats') assert.match(r.stdout, /^2 cables/);
        else assert.equal(r.stdout.trim().split('\n').length, 2, args[0]);
      }
      // fix names the error once too, and says for each file that it was not fixed.
      const fix = cable(['fix', dir]);
      assert.equal(fix.status, 2);
      assert.equal(fix.stderr.match(error)?.length, 1, fix.stderr);
      assert.equal(fix.stderr.match(/not fixed: its configuration has errors\n/g)?.length, 2, fix.stderr);
    });

    it('keeps the encoding and byte order mark of standard input; refuses binary and UTF-16 input as it does files', () => {
      // Windows-1252 bytes (é is 0xE9), a BOM and CRLF: only the Markdown link changes.
      const input = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('UNCLAS ROME 000001\r\nTAGS: [PGOV](#)\r\n', 'latin1'), Buffer.from([0xe9, 0x74, 0xe9, 0x0d, 0x0a])]);
      const r = spawnSync(process.execPath, [CLI, 'fix', '-'], { input, cwd: scratch });
      assert.equal(r.status, 0, r.stderr.toString());
      assert.deepEqual([...r.stdout], [...Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('UNCLAS ROME 000001\r\nTAGS: PGOV\r\n', 'latin1'), Buffer.from([0xe9, 0x74, 0xe9, 0x0d, 0x0a])])]);
      for (const command of ['lint', 'fix', 'parse']) {
        const nul = cable([command, '-'], Buffer.concat([Buffer.from('UNCLAS ROME 000001\n'), Buffer.alloc(9000, 0x20), Buffer.from([0]), Buffer.from('x\n')]));
        assert.equal(nul.status, 2, `${command}: a NUL after the first 8 KiB`);
        assert.match(nul.stderr, /<stdin>: is a binary file/);
        const utf16 = cable([command, '-'], Buffer.from([0xff, 0xfe, 0x55, 0x00]));
        assert.equal(utf16.status, 2, `${command}: UTF-16`);
        assert.match(utf16.stderr, /<stdin>: is UTF-16 text/);
      }
    });

    it('writes stdin to stdout', () => {
      const r = cable(['fix', '-'], readFileSync(SEED));
      assert.match(r.stdout, /TAGS: PGOV PREL SOCI KDEM KZ/);
      assert.match(r.stderr, /pilcrow-misread/);
    });

    it('reports a file it cannot write and goes on', () => {
      // Root can write anything: as root (CI), the CLI runs as the user nobody instead.
      const dir = mkdtempSync(path.join(tmpdir(), 'cable-ro-'));
      const file = path.join(dir, 'seed.cable');
      const other = path.join(dir, 'other.cable');
      copyFileSync(SEED, file);
      copyFileSync(SEED, other);
      chmodSync(file, 0o644);
      chmodSync(other, 0o644);
      chmodSync(dir, 0o555);
      const asRoot = process.getuid?.() === 0;
      // nobody may not be able to read the checkout (a clone in a private folder): a copy of
      // the CLI bundle (one self-contained file) in a folder anyone can read.
      const bin = mkdtempSync(path.join(tmpdir(), 'cable-bin-'));
      const cli = path.join(bin, 'cli.js');
      copyFileSync(CLI, cli);
      chmodSync(bin, 0o755);
      chmodSync(cli, 0o644);
      const command = asRoot ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, cli, 'fix', file, other]] as const : [process.execPath, [cli, 'fix', file, other]] as const;
      const r = spawnSync(command[0], command[1], { encoding: 'utf8', cwd: dir });
      chmodSync(dir, 0o700);
      rmSync(bin, { recursive: true, force: true });
      try {
        assert.equal(r.status, 2, r.stderr);
        for (const f of [file, other]) {
          assert.match(r.stderr, new RegExp(`${path.basename(f)}: not writable by this user; not fixed`));
          assert.equal(readFileSync(f, 'utf8'), readFileSync(SEED, 'utf8'));
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
