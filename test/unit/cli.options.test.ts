/**
 * The command line in CI and on other shells: short options, --quiet, --max-warnings,
 * --stdin-filename, colour, GitHub annotations, SARIF checked against the SARIF 2.1.0 schema,
 * quoted globs, .gitignore/.cableignore, and `cable parse --format csv`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { cableTaskArgs } from '../../client/src/taskArgs';
import { csvField } from '../../server/src/core/util/csv';
import { githubEscape } from '../../server/src/cli/lintCommand';
import { FIXTURES, ROOT, SEED, makeUnlistableFolder } from '../helpers/fixtures';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const DTG_INVALID = path.join(FIXTURES, 'rules', 'dtg-invalid.cable');
const scratch = mkdtempSync(path.join(tmpdir(), 'cable-cli-options-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function cable(args: string[], options: { input?: string; cwd?: string; env?: Record<string, string> } = {}): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, ...options.env };
  if (!options.env?.NO_COLOR) delete env.NO_COLOR;
  if (!options.env?.FORCE_COLOR) delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [CLI, ...args], { input: options.input, encoding: 'utf8', cwd: options.cwd ?? scratch, env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A folder tree of copies of the seed cable (10 warnings, no error) and of one with an error. */
function tree(name: string, files: Record<string, string>): string {
  const root = path.join(scratch, name);
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    copyFileSync(source, path.join(root, file));
  }
  return root;
}

const filesOf = (stdout: string): string[] => stdout.trim().split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { file: string }).file.split(path.sep).join('/'));

describe('cable lint options', () => {
  it('short options: -f FORMAT, -q, -c FILE, -j N', () => {
    const long = cable(['lint', '--format', 'jsonl', SEED]);
    assert.equal(cable(['lint', '-f', 'jsonl', SEED]).stdout, long.stdout);
    const copy = path.join(scratch, 'short-options-copy.cable');
    copyFileSync(SEED, copy);
    assert.equal(cable(['lint', '-f', 'jsonl', '-j', '2', SEED, copy]).stdout, long.stdout + long.stdout.replace(JSON.stringify(SEED), JSON.stringify(copy)));
    assert.equal(cable(['lint', '-f']).status, 2);
    assert.match(cable(['lint', '-x', SEED]).stderr, /unknown option -x/);
  });

  it('--quiet reports errors only', () => {
    const all = cable(['lint', DTG_INVALID]);
    const quiet = cable(['lint', '-q', DTG_INVALID]);
    assert.match(all.stdout, / information /);
    assert.doesNotMatch(quiet.stdout, / information /);
    assert.match(quiet.stdout, / error Invalid date-time group/);
    assert.equal(quiet.status, 1);
    assert.equal(cable(['lint', '--quiet', SEED]).stdout, '');
  });

  it('--max-warnings N fails the run above N warnings (the seed cable has 10)', () => {
    assert.equal(cable(['lint', '--max-warnings', '10', SEED]).status, 0);
    const over = cable(['lint', '--max-warnings', '9', SEED]);
    assert.equal(over.status, 1);
    assert.match(over.stderr, /10 warnings, more than --max-warnings 9/);
    assert.equal(cable(['lint', '--max-warnings', '-1', SEED]).status, 2);
    // --quiet: warnings are not shown, and do not count.
    assert.equal(cable(['lint', '--quiet', '--max-warnings', '0', SEED]).status, 0);
    assert.equal(cable(['lint', '--max-warnings', 'many', SEED]).status, 2);
  });

  it('--stdin-filename names standard input in the output and finds its config', () => {
    const root = tree('stdin-name', {});
    mkdirSync(path.join(root, 'drafts'), { recursive: true });
    writeFileSync(path.join(root, '.cablelintrc.json'), JSON.stringify({ rules: { 'rendering-artifact': 'error' }, ignore: ['drafts/**'] }));
    const input = readFileSync(SEED, 'utf8');
    const named = cable(['lint', '--stdin-filename', path.join(root, 'seed.cable'), '-'], { input });
    assert.match(named.stdout.split('\n')[0], new RegExp(`^${path.join(root, 'seed.cable').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:35:7 error `));
    assert.equal(named.status, 1, 'the config made the rule an error');
    assert.match(cable(['lint', '-'], { input }).stdout, /^<stdin>:35:7 warning /);
    const ignored = cable(['lint', '--stdin-filename', path.join(root, 'drafts', 'seed.cable'), '-'], { input });
    assert.equal(ignored.stdout, '', 'the config ignores drafts/');
    // fix: an ignored standard input comes back as it went in.
    const fixed = cable(['fix', '--stdin-filename', path.join(root, 'drafts', 'seed.cable'), '-'], { input });
    assert.equal(fixed.stdout, input);
    assert.equal(fixed.status, 0);
  });

  it('colour on a terminal or with --color; none in a pipe, with NO_COLOR or --no-color', () => {
    const escape = /\u001b\[/;
    assert.doesNotMatch(cable(['lint', SEED]).stdout, escape, 'a pipe');
    assert.match(cable(['lint', '--color', SEED]).stdout, escape);
    assert.match(cable(['lint', SEED], { env: { FORCE_COLOR: '1' } }).stdout, escape);
    assert.doesNotMatch(cable(['lint', SEED], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout, escape);
    assert.doesNotMatch(cable(['lint', '--color', '--no-color', SEED]).stdout, escape);
    // The colours wrap the same text.
    const plain = cable(['lint', SEED]).stdout;
    // eslint-disable-next-line no-control-regex
    assert.equal(cable(['lint', '--color', SEED]).stdout.replace(/\u001b\[\d+m/g, ''), plain);
  });

  it('text output: a message that holds a line break stays on one line', () => {
    // From 08ANKARA691 of the archive sample: "End\ncomment" is quoted in the message.
    const root = tree('newline-message', {});
    mkdirSync(root, { recursive: true });
    writeFileSync(path.join(root, 'x.cable'), 'UNCLAS ANKARA 000691\n\nSUBJECT: TEST\n\n1. (U) Text. End\ncomment.\n');
    const out = cable(['lint', '--format', 'jsonl', root]).stdout;
    const messages = JSON.parse(out).diagnostics.map((d: { message: string }) => d.message) as string[];
    const withBreak = messages.filter((m) => m.includes('\n'));
    assert.ok(withBreak.length > 0, `a message quoting "End\\ncomment": ${JSON.stringify(messages)}`);
    const text = cable(['lint', root]).stdout.trim().split('\n');
    assert.equal(text.length, messages.length, 'one line per finding');
    assert.ok(text.every((l) => /^.+:\d+:\d+ (error|warning|information|hint) .* \[[a-z-]+\]$/.test(l)), text.join('\n'));
  });

  it('--format github: one workflow annotation per finding, escaped', () => {
    const r = cable(['lint', '-f', 'github', DTG_INVALID]);
    const lines = r.stdout.trim().split('\n');
    const text = cable(['lint', DTG_INVALID]).stdout.trim().split('\n');
    assert.equal(lines.length, text.length);
    assert.match(lines.find((l) => l.startsWith('::error')) ?? '', /^::error file=[^,]*dtg-invalid\.cable,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=cable dtg-invalid::Invalid date-time group/);
    assert.ok(lines.every((l) => /^::(error|warning|notice) file=/.test(l)));
    assert.equal(r.status, 1);
    assert.equal(githubEscape('50% done\r\nnext'), '50%25 done%0D%0Anext');
    assert.equal(githubEscape('a:b,c', true), 'a%3Ab%2Cc');
  });
});

describe('globs walk only as deep as they reach', () => {
  it('a glob of one folder never lists the folders below it (one that cannot be listed is no error)', () => {
    // Root may list any folder, so the unlistable one has a path longer than the system allows.
    const root = tree('shallow', { 'top.cable': SEED });
    makeUnlistableFolder(root, readFileSync(SEED));
    const shallow = cable(['lint', '-f', 'jsonl', '*.cable'], { cwd: root });
    assert.equal(shallow.stderr, '');
    assert.deepEqual(filesOf(shallow.stdout), ['top.cable']);
    const deep = cable(['lint', '-f', 'jsonl', '**/*.cable'], { cwd: root });
    assert.equal(deep.status, 2, 'walking every folder meets the one that cannot be listed');
    assert.match(deep.stderr, /cannot be listed/);
    spawnSync('rm', ['-rf', root]);
  });
});

describe('fix, parse and the editor\'s tasks', () => {
  it('fix - takes standard input alone', () => {
    const r = cable(['fix', '-', SEED], { input: readFileSync(SEED, 'utf8') });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /fix - reads standard input alone/);
  });

  it('parse leaves out what the config ignores, as lint does; --no-ignore reads it', () => {
    const root = tree('parse-ignore', { 'a.cable': SEED, 'drafts/b.cable': SEED });
    writeFileSync(path.join(root, '.cablelintrc.json'), JSON.stringify({ ignore: ['drafts/**'] }));
    assert.deepEqual(filesOf(cable(['parse', '-f', 'jsonl', '.'], { cwd: root }).stdout), ['a.cable']);
    assert.deepEqual(filesOf(cable(['parse', '-f', 'jsonl', '--no-ignore', '.'], { cwd: root }).stdout).sort(), ['a.cable', 'drafts/b.cable']);
  });

  it('the command lines of the cable task types are ones the CLI accepts', () => {
    const root = tree('tasks', { 'a.cable': SEED });
    for (const definition of [
      { type: 'cable', command: 'lint' as const },
      { type: 'cable', command: 'fix' as const, args: ['--dry-run'] },
      { type: 'cable', command: 'lint' as const, args: ['--quiet'], paths: ['a.cable'] },
    ]) {
      const r = cable(cableTaskArgs(definition), { cwd: root });
      assert.notEqual(r.status, 2, `${cableTaskArgs(definition).join(' ')}: ${r.stderr}`);
    }
  });
});

describe('SARIF', () => {
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(path.join(FIXTURES, 'sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8')));
  const check = (stdout: string): { runs: { originalUriBaseIds: Record<string, { uri: string }>; results: { locations: { physicalLocation: { artifactLocation: Record<string, unknown> } }[] }[] }[] } => {
    assert.ok(validate(JSON.parse(stdout)), JSON.stringify(validate.errors?.slice(0, 3)));
    return JSON.parse(stdout);
  };

  it('is valid SARIF 2.1.0, with encoded URIs relative to %SRCROOT% (spaces, %, é), absolute file URIs outside it, and standard input', () => {
    const root = tree('sarif', { 'a b/x%y é.cable': SEED });
    const relative = check(cable(['lint', '-f', 'sarif', 'a b'], { cwd: root }).stdout);
    const run = relative.runs[0];
    assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, `file://${root.split(path.sep).map(encodeURIComponent).join('/')}/`);
    assert.deepEqual(run.results[0].locations[0].physicalLocation.artifactLocation, { uri: 'a%20b/x%25y%20%C3%A9.cable', uriBaseId: '%SRCROOT%' });
    const elsewhere = path.join(scratch, 'elsewhere');
    mkdirSync(elsewhere, { recursive: true });
    const outside = check(cable(['lint', '-f', 'sarif', path.join(root, 'a b')], { cwd: elsewhere }).stdout);
    const uri = outside.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri as string;
    assert.ok(uri.startsWith('file:///') && uri.endsWith('/a%20b/x%25y%20%C3%A9.cable'), uri);
    const stdin = check(cable(['lint', '-f', 'sarif', '-'], { input: readFileSync(SEED, 'utf8') }).stdout);
    assert.deepEqual(stdin.runs[0].results[0].locations[0].physicalLocation.artifactLocation, { description: { text: 'standard input' } });
  });

  it('the schema check fails on what the output used to hold', () => {
    const log = check(cable(['lint', '-f', 'sarif', SEED]).stdout);
    log.runs[0].results[0].locations[0].physicalLocation.artifactLocation = { uri: 'a b/x%y é.cable' };
    assert.equal(validate(log), false);
  });

  it('rules carry their help text', () => {
    const log = JSON.parse(cable(['lint', '-f', 'sarif', SEED]).stdout);
    for (const rule of log.runs[0].tool.driver.rules) {
      assert.ok(rule.help.text.length > 10 && rule.help.text.includes(rule.helpUri), rule.id);
    }
  });
});

describe('which files: quoted globs and ignore files', () => {
  const root = tree('globs', {
    'top.cable': SEED,
    'archive/2008/a.cable': SEED,
    'archive/2009/b.cable': SEED,
    'archive/drafts/c.cable': SEED,
    'archive/2009/keep.cable': SEED,
    'archive/skip.cable': SEED,
  });
  const lint = (args: string[], cwd = root): string[] => filesOf(cable(['lint', '-f', 'jsonl', ...args], { cwd }).stdout).sort();

  it('expands a quoted glob itself: ** across folders, * within one', () => {
    assert.deepEqual(lint(['archive/**/*.cable']), ['archive/2008/a.cable', 'archive/2009/b.cable', 'archive/2009/keep.cable', 'archive/drafts/c.cable', 'archive/skip.cable']);
    assert.deepEqual(lint(['*.cable']), ['top.cable']);
    assert.deepEqual(lint(['archive/200?/*.cable']), ['archive/2008/a.cable', 'archive/2009/b.cable', 'archive/2009/keep.cable']);
    assert.deepEqual(lint(['archive/{2008,drafts}/*.cable']), ['archive/2008/a.cable', 'archive/drafts/c.cable']);
    assert.equal(lint(['archive/**']).length, 5, '** alone crosses folders too');
    assert.equal(lint(['**/*.cable']).length, 6);
    const none = cable(['lint', 'nowhere/**/*.cable'], { cwd: root });
    assert.equal(none.status, 2);
    assert.equal(none.stderr, 'cable: nowhere/**/*.cable: no cable matches\n');
  });

  it('leaves out what .gitignore and .cableignore name, in folders walked and globs; a named file is read; --no-ignore reads all', (t) => {
    writeFileSync(path.join(root, 'archive', '.cableignore'), '# drafts are not checked\ndrafts/\nskip.cable\n');
    writeFileSync(path.join(root, 'archive', '2009', '.gitignore'), '*.cable\n!keep.cable\n');
    t.after(() => {
      rmSync(path.join(root, 'archive', '.cableignore'));
      rmSync(path.join(root, 'archive', '2009', '.gitignore'));
    });
    assert.deepEqual(lint(['archive']), ['archive/2008/a.cable', 'archive/2009/keep.cable']);
    assert.deepEqual(lint(['archive/**/*.cable']), ['archive/2008/a.cable', 'archive/2009/keep.cable']);
    assert.deepEqual(lint(['archive/skip.cable']), ['archive/skip.cable']);
    assert.equal(lint(['--no-ignore', 'archive']).length, 5);
    // From inside: the ignore files of the folders above count within a repository.
    assert.deepEqual(lint(['.'], path.join(root, 'archive', 'drafts')), ['c.cable'], 'no repository: only the folders walked');
    mkdirSync(path.join(root, '.git'));
    writeFileSync(path.join(root, '.gitignore'), 'archive/2008/\n');
    t.after(() => rmSync(path.join(root, '.git'), { recursive: true }));
    t.after(() => rmSync(path.join(root, '.gitignore')));
    assert.deepEqual(lint(['.'], path.join(root, 'archive')), ['2009/keep.cable'], 'the repository root\'s .gitignore leaves 2008/ out');
    // A folder named explicitly is read even when the files above leave it out (an archive kept out of git).
    assert.deepEqual(lint(['.'], path.join(root, 'archive', '2008')), ['a.cable']);
    assert.deepEqual(lint(['.'], path.join(root, 'archive', 'drafts')), ['c.cable']);
    // fix and parse walk the same way.
    assert.deepEqual(filesOf(cable(['parse', '-f', 'jsonl', 'archive'], { cwd: root }).stdout).sort(), ['archive/2009/keep.cable']);
    assert.match(cable(['fix', '--dry-run', 'archive'], { cwd: root }).stdout, /in 1 file\.$/m);
  });
});

describe('cable parse --format csv', () => {
  it('one row per cable, with a header, RFC 4180 quoting and formula-safe cells', () => {
    const root = tree('csv', { 'seed.cable': SEED });
    const r = cable(['parse', '-f', 'csv', root]);
    assert.equal(r.status, 0);
    const rows = r.stdout.split('\r\n');
    assert.equal(rows.at(-1), '');
    assert.equal(rows.length, 3);
    const header = rows[0].split(',');
    assert.deepEqual(header.slice(0, 5), ['file', 'id', 'idSource', 'date', 'classification']);
    const json = JSON.parse(cable(['parse', SEED]).stdout)[0];
    // The seed's subject holds no comma: the row splits on commas where the fields have none.
    const row = parseCsvRow(rows[1]);
    const field = (name: string): string => row[header.indexOf(name)];
    assert.equal(field('id'), json.id);
    assert.equal(field('tags'), json.tags.join('; '));
    assert.equal(field('subject'), json.subject);
    assert.equal(field('references'), json.references.flatMap((x: { ids: string[] }) => x.ids).join('; '));
    assert.equal(csvField('a "b", c'), '"a ""b"", c"');
    assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvField('-5'), "'-5");
    assert.equal(csvField(null), '');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
  });
});

/** An RFC 4180 row (quoted fields with doubled quotes). */
function parseCsvRow(row: string): string[] {
  const out: string[] = [];
  let k = 0;
  while (k <= row.length) {
    if (row[k] === '"') {
      let value = '';
      k++;
      while (k < row.length) {
        if (row[k] === '"' && row[k + 1] === '"') {
          value += '"';
          k += 2;
        } else if (row[k] === '"') {
          k++;
          break;
        } else value += row[k++];
      }
      out.push(value);
      k++;
    } else {
      const end = row.indexOf(',', k);
      out.push(row.slice(k, end < 0 ? row.length : end));
      k = end < 0 ? row.length + 1 : end + 1;
    }
  }
  return out;
}
