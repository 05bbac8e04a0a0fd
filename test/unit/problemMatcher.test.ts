/**
 * The `$cable` problem matcher (package.json `problemMatchers`), which turns the text output
 * of `cable lint` into Problems when it runs as a task: it must read every line the CLI
 * writes, with the same file, position, severity, message and rule as the JSON output.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CORPUS, ROOT } from '../helpers/fixtures';

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const matcher = manifest.contributes.problemMatchers.find((m: { name: string }) => m.name === 'cable');
const pattern = new RegExp(matcher.pattern.regexp);
const CLI = path.join(ROOT, 'dist', 'cli.js');
const run = (args: string[]): string => spawnSync(process.execPath, [CLI, 'lint', ...args], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } }).stdout;

/** What VS Code's problem matcher makes of a severity group ('info' and 'hint' both become Info). */
const VSCODE_SEVERITY: Record<string, string> = { error: 'error', warning: 'warning', info: 'information', hint: 'hint' };

describe('the $cable problem matcher', () => {
  it('reads every finding of the corpus as the JSON output gives it', () => {
    const corpus = path.relative(ROOT, CORPUS);
    const lines = run([corpus]).trim().split('\n');
    const json = run(['--format', 'jsonl', corpus])
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { file: string; diagnostics: { code: string; severity: string; message: string; range: { start: { line: number; character: number } } }[] })
      .flatMap((r) => r.diagnostics.map((d) => ({ ...d, file: r.file })));
    assert.equal(lines.length, json.length);
    assert.ok(lines.length > 100, `${lines.length} findings`);
    const severities = new Set<string>();
    lines.forEach((line, k) => {
      const m = pattern.exec(line);
      assert.ok(m, `not matched: ${line}`);
      const d = json[k];
      const get = (group: string): string => m[matcher.pattern[group]];
      assert.equal(get('file'), d.file);
      assert.equal(Number(get('line')), d.range.start.line + 1);
      assert.equal(Number(get('column')), d.range.start.character + 1);
      assert.equal(VSCODE_SEVERITY[get('severity')], d.severity, line);
      assert.equal(get('code'), d.code);
      assert.equal(get('message'), d.message.replace(/\n/g, '\\n'));
      severities.add(d.severity);
    });
    assert.deepEqual([...severities].sort(), ['error', 'information', 'warning']);
  });

  it('reads Windows paths and messages holding brackets', () => {
    const m = pattern.exec('C:\\cables\\a b.cable:12:3 information Tag "[X]" is not known [tag-unknown]');
    assert.ok(m);
    assert.deepEqual([m[1], m[2], m[3], m[4], m[5], m[6]], ['C:\\cables\\a b.cable', '12', '3', 'info', 'Tag "[X]" is not known', 'tag-unknown']);
  });

  it('is the matcher of the lint task the extension provides', () => {
    const client = readFileSync(path.join(ROOT, 'client', 'src', 'extension.ts'), 'utf8');
    assert.match(client, /definition\.command === 'lint' \? \['\$cable'\]/);
    assert.ok(manifest.contributes.taskDefinitions.some((d: { type: string }) => d.type === 'cable'));
  });
});
