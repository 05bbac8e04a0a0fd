/**
 * How far the parser agrees with the hand-checked field expectations
 * (test/fixtures/fields/*.json): per field, the count of agreeing cables, and with
 * `--show FIELD` each disagreement. Usage: npx tsx scripts/fieldReport.ts [--show FIELD]
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { summarize } from '../server/src/core/features/summary';
import { compareFields, FIELDS, type FieldExpectation } from '../test/helpers/fieldExpectations';
import { CORPUS, FIXTURES, parseText, readText } from '../test/helpers/fixtures';

const show = process.argv.indexOf('--show') > 0 ? process.argv[process.argv.indexOf('--show') + 1] : undefined;
const dir = path.join(FIXTURES, 'fields');
const agree: Record<string, number> = {};
let total = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const id = path.basename(file, '.json');
  const expected = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as FieldExpectation;
  const cableFile = path.join(CORPUS, `${id}.cable`);
  const summary = summarize(parseText(readText(cableFile), cableFile));
  const result = compareFields(id, summary, expected);
  total++;
  for (const field of FIELDS) {
    if (result[field].expected === result[field].got) agree[field] = (agree[field] ?? 0) + 1;
    else if (show === field || show === 'all') console.log(`${id} ${field}\n  expected: ${result[field].expected}\n  got:      ${result[field].got}`);
  }
}
for (const field of FIELDS) console.log(`${field.padEnd(14)} ${agree[field] ?? 0}/${total}`);
