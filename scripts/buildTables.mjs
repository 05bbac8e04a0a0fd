// Converts the source tables in server/data/*.tsv into the compact JSON the server loads
// (server/src/core/tables/builtinTables.json). Run `npm run tables` after editing a TSV;
// a unit test fails when the JSON is out of date.
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dataDir = path.join(root, 'server', 'data');
export const OUTPUT = path.join(root, 'server', 'src', 'core', 'tables', 'builtinTables.json');

/** Reads a TSV file into {columns, rows}; trailing empty cells are dropped to keep the JSON small. */
export function readTsv(text) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').filter((l) => l.length);
  const columns = lines.shift().split('\t');
  const rows = lines.map((line) => {
    const cells = line.split('\t');
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    return cells;
  });
  return { columns, rows };
}

export function buildTables() {
  const tables = {};
  for (const file of readdirSync(dataDir).filter((f) => f.endsWith('.tsv')).sort()) {
    tables[file.replace(/\.tsv$/, '')] = readTsv(readFileSync(path.join(dataDir, file), 'utf8'));
  }
  return `${JSON.stringify(tables)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(OUTPUT, buildTables());
  console.log(`wrote ${path.relative(root, OUTPUT)}`);
}
