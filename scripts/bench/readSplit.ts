/**
 * The whole-process baseline of the CLI throughput figures: a Node program that does the
 * least any linter must do with the same files (list the folders, read every `*.cable` file,
 * decode it as the CLI does, split it into lines) and nothing else. Bundled and run by
 * scripts/bench.mjs as a process of its own, timed from spawn to exit like `cable lint`.
 *   readSplit.cjs DIR...  ->  prints the number of lines
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { decodeBytes } from '../../server/src/core/text/decode';

let lines = 0;
const walk = (dir: string): void => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(file);
    else if (entry.name.endsWith('.cable')) lines += decodeBytes(readFileSync(file)).text.split(/\r\n|\r|\n/).length;
  }
};
for (const dir of process.argv.slice(2)) walk(dir);
process.stdout.write(`${lines}\n`);
