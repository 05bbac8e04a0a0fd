/**
 * `cable stats` over the corpus, checked against what `cable parse` and `cable lint` say of the
 * same files (each count recomputed here from their output, not copied from a run).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CORPUS, ROOT } from '../helpers/fixtures';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const run = (args: string[]): { status: number | null; stdout: string } => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout };
};
const jsonl = <T>(text: string): T[] => text.trim().split('\n').map((l) => JSON.parse(l) as T);

interface Count {
  key: string;
  label?: string;
  count: number;
}

describe('cable stats', () => {
  const corpus = path.relative(ROOT, CORPUS);
  const stats = JSON.parse(run(['stats', '-f', 'json', '--top', '100000', corpus]).stdout);
  const parsed = jsonl<{ file: string; id: string | null; classification: string | null; origin: string | null; dtg: string | null; tags: string[]; references: { ids: string[] }[] }>(run(['parse', '-f', 'jsonl', corpus]).stdout);
  const linted = jsonl<{ file: string; diagnostics: { severity: string }[] }>(run(['lint', '-f', 'jsonl', corpus]).stdout);
  const tally = (keys: string[]): Map<string, number> => keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>());
  const asMap = (counts: Count[]): Map<string, number> => new Map(counts.map((c) => [c.key, c.count]));

  it('counts every cable once, by classification, origin and TAGS as cable parse reads them', () => {
    assert.equal(stats.cables, parsed.length);
    assert.equal(stats.withId, parsed.filter((p) => p.id).length);
    for (const field of ['byYear', 'byOrigin', 'byClassification'] as const) {
      assert.equal((stats[field] as Count[]).reduce((n, c) => n + c.count, 0), parsed.length, field);
    }
    assert.deepEqual(asMap(stats.byClassification), tally(parsed.map((p) => p.classification ?? 'unknown')));
    assert.deepEqual(asMap(stats.byOrigin), tally(parsed.map((p) => p.origin ?? 'unknown')));
    assert.deepEqual(asMap(stats.byTag), tally(parsed.flatMap((p) => [...new Set(p.tags)])));
    // Years: from the date-time group where there is one.
    const years = asMap(stats.byYear);
    for (const [year, n] of tally(parsed.filter((p) => p.dtg).map((p) => p.dtg!.slice(0, 4)))) assert.ok((years.get(year) ?? 0) >= n, year);
    // Months: from the date-time group only (no day, no month).
    assert.deepEqual(asMap(stats.byMonth), tally(parsed.map((p) => p.dtg?.slice(0, 7) ?? 'unknown')));
    assert.deepEqual(
      stats.byMonth.map((c: Count) => c.key),
      stats.byMonth.map((c: Count) => c.key).sort(),
    );
  });

  it('names posts and tags from the code tables, most frequent first', () => {
    const origin = (stats.byOrigin as Count[]).find((c) => c.key === 'ASTANA');
    assert.equal(origin?.label, 'AMEMBASSY ASTANA');
    const pgov = (stats.byTag as Count[]).find((c) => c.key === 'PGOV');
    assert.equal(pgov?.label, 'Internal Governmental Affairs');
    const counts = (stats.byTag as Count[]).map((c) => c.count);
    assert.deepEqual(counts, [...counts].sort((a, b) => b - a));
  });

  it('finds the cables the set cites most and the files with the most findings, as lint reports them', () => {
    const ids = new Set(parsed.map((p) => p.id));
    const refCiting = tally(parsed.flatMap((p) => [...new Set(p.references.flatMap((r) => r.ids))]));
    for (const c of stats.mostCited as Count[]) {
      // REF items, and ids in the text too: at least as many as the REF lists name it.
      assert.ok(c.count >= (refCiting.get(c.key) ?? 0), c.key);
      assert.equal(c.label, ids.has(c.key) ? 'in this set' : 'not in this set');
    }
    assert.equal(stats.findings, linted.reduce((n, r) => n + r.diagnostics.length, 0));
    const most = [...linted].sort((a, b) => b.diagnostics.length - a.diagnostics.length || a.file.localeCompare(b.file))[0];
    assert.equal(stats.mostFindings[0].key, most.file);
    assert.equal(stats.mostFindings[0].count, most.diagnostics.length);
    assert.equal(stats.mostFindings[0].errors, most.diagnostics.filter((d) => d.severity === 'error').length);
  });

  it('as CSV (one row per count) and as text', () => {
    const csv = run(['stats', '-f', 'csv', corpus]).stdout.trim().split('\r\n');
    assert.equal(csv[0], 'section,key,label,count');
    assert.ok(csv.includes(`total,cables,,${stats.cables}`));
    const years = csv.filter((r) => r.startsWith('year,'));
    assert.equal(years.length, stats.byYear.length);
    assert.equal(csv.filter((r) => r.startsWith('month,')).length, stats.byMonth.length);
    const text = run(['stats', '--top', '3', corpus]);
    assert.equal(text.status, 0);
    assert.match(text.stdout, new RegExp(`^${stats.cables} cables \\(${stats.withId} with an id\\), ${stats.findings} findings`));
    assert.match(text.stdout, /By TAGS:\n +\d+ +PREL +Political Affairs--External Political Relations\n/);
    assert.match(text.stdout, /… \d+ more \(--top N, or --format json\)/);
  });
});
