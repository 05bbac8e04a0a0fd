/**
 * The work that scripts/bench/instructions.mjs counts: read the corpus once, then parse and
 * lint every cable `rounds` times. Bundled once per tree (this one and the baseline's), so the
 * import paths are the tree's own.
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from '../../server/src/core/parser/parse';
import { lint } from '../../server/src/core/rules/engine';
import { builtinTables } from '../../server/src/core/tables/codeTables';

const [dir, roundsArg, mode] = process.argv.slice(2);
const texts = readdirSync(dir)
  .filter((f) => f.endsWith('.cable'))
  .map((f) => readFileSync(path.join(dir, f), 'utf8'));
const tables = builtinTables();
for (let round = 0; round < Number(roundsArg); round++) {
  for (const text of texts) {
    const doc = parse(text, { station: tables.station });
    if (mode === 'lint') lint(doc, { tables });
  }
}
