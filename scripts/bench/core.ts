/**
 * Core throughput over the corpus, bundled and run by scripts/bench.mjs. Each figure is
 * measured in this process next to its baseline: reading the same files (bytes from disk,
 * decoded) and splitting the text into lines. Prints one JSON object.
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from '../../server/src/core/parser/parse';
import { lint } from '../../server/src/core/rules/engine';
import { builtinTables } from '../../server/src/core/tables/codeTables';
import { decodeBytes } from '../../server/src/core/text/decode';

const dir = process.argv[2];
const files = readdirSync(dir).filter((f) => f.endsWith('.cable')).map((f) => path.join(dir, f));
const tables = builtinTables();
const bytes = files.reduce((n, f) => n + readFileSync(f).length, 0);

const read = (f: string): string => decodeBytes(readFileSync(f)).text;
const baseline = (): void => {
  for (const f of files) read(f).split(/\r\n|\r|\n/);
};
const parseOnly = (): void => {
  for (const f of files) parse(read(f), { station: tables.station });
};
const parseAndRules = (): void => {
  for (const f of files) lint(parse(read(f), { station: tables.station }), { tables });
};

// In memory (the texts read once): splitting into lines, against parsing and linting them.
const texts = files.map(read);
const splitInMemory = (): void => {
  for (const t of texts) t.split(/\r\n|\r|\n/);
};
const parseAndRulesInMemory = (): void => {
  for (const t of texts) lint(parse(t, { station: tables.station }), { tables });
};

// The five are measured in turns, round after round, so that a busy moment of the machine
// slows all of them rather than one; each figure is the best round (the least disturbed).
const timings = { baseline: [] as number[], parse: [] as number[], parseAndRules: [] as number[], split: [] as number[], inMemory: [] as number[] };
const time = (fn: () => void): number => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};
for (let warm = 0; warm < 3; warm++) [baseline, parseOnly, parseAndRules, splitInMemory, parseAndRulesInMemory].forEach((fn) => fn());
for (let round = 0; round < 25; round++) {
  timings.baseline.push(time(baseline));
  timings.parse.push(time(parseOnly));
  timings.parseAndRules.push(time(parseAndRules));
  timings.split.push(time(splitInMemory));
  timings.inMemory.push(time(parseAndRulesInMemory));
}
const best = (xs: number[]): number => Math.min(...xs);
const baselineMs = best(timings.baseline);
const parseMs = best(timings.parse);
const parseAndRulesMs = best(timings.parseAndRules);
const splitMs = best(timings.split);
const inMemoryMs = best(timings.inMemory);
const mbps = (ms: number): number => bytes / 1e6 / (ms / 1000);
console.log(
  JSON.stringify({
    files: files.length,
    bytes,
    baseline: { ms: baselineMs, mbps: mbps(baselineMs) },
    parse: { ms: parseMs, mbps: mbps(parseMs), ratio: baselineMs / parseMs },
    parseAndRules: { ms: parseAndRulesMs, mbps: mbps(parseAndRulesMs), ratio: baselineMs / parseAndRulesMs },
    split: { ms: splitMs, mbps: mbps(splitMs) },
    inMemory: { ms: inMemoryMs, mbps: mbps(inMemoryMs), ratio: splitMs / inMemoryMs },
  }),
);
