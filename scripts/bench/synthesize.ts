/**
 * Makes a large folder of cables for the benchmarks by copying the corpus and giving every
 * copy its own serial (on the classification line, which is where a cable's id comes from),
 * so an index of N files holds N distinct cables. Files go in folders of 1,000, as archives
 * are usually laid out. Bundled and run by scripts/bench.mjs:
 *   synthesize.cjs CORPUS_DIR OUT_DIR COUNT  ->  prints {"files","bytes","lastId","lastFile"}
 * A finished folder is marked with done.json and reused by later runs.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from '../../server/src/core/parser/parse';
import { builtinTables } from '../../server/src/core/tables/codeTables';

const [corpusDir, outDir, countArg] = process.argv.slice(2);
const count = Number(countArg);
const marker = path.join(outDir, 'done.json');

if (existsSync(marker)) {
  const done = JSON.parse(readFileSync(marker, 'utf8')) as { files: number };
  if (done.files === count) {
    process.stdout.write(readFileSync(marker, 'utf8'));
    process.exit(0);
  }
}
rmSync(outDir, { recursive: true, force: true });

const station = builtinTables().station;
interface Template {
  name: string;
  text: string;
  serialStart?: number;
  serialEnd?: number;
}
const templates: Template[] = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.cable'))
  .sort()
  .map((name) => {
    const text = readFileSync(path.join(corpusDir, name), 'utf8');
    const doc = parse(text, { station });
    const serial = doc.textHeader.classification?.serialToken;
    // Only cables with an id (a serial and a date) get a new one; the rest are copied as they are.
    return doc.id && serial ? { name, text, serialStart: serial.start, serialEnd: serial.end } : { name, text };
  });

let bytes = 0;
let lastFile = '';
let lastWithId = '';
for (let k = 0; k < count; k++) {
  const template = templates[k % templates.length];
  // Six-digit serials above the real ones (which stay below 300,000 in a year).
  const serial = String(700_000 + (k % 300_000));
  const text =
    template.serialStart === undefined ? template.text : template.text.slice(0, template.serialStart) + serial + template.text.slice(template.serialEnd);
  const folder = path.join(outDir, String(Math.floor(k / 1000)).padStart(4, '0'));
  if (k % 1000 === 0) mkdirSync(folder, { recursive: true });
  lastFile = path.join(folder, `${k}-${template.name}`);
  writeFileSync(lastFile, text);
  if (template.serialStart !== undefined) lastWithId = lastFile;
  bytes += Buffer.byteLength(text);
}
const lastId = lastWithId ? parse(readFileSync(lastWithId, 'utf8'), { station }).id : undefined;
const summary = JSON.stringify({ files: count, bytes, lastId, lastFile });
writeFileSync(marker, summary);
process.stdout.write(summary);
