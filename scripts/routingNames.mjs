#!/usr/bin/env node
/**
 * Audits the `name` column of server/data/routing_indicators.tsv against the names the cables'
 * own headers give each indicator (`cablegate_addressee_names`, `cablegate_origin_fm_names`,
 * e.g. `AMEMBASSY QUITO (329; 2006-2010)`), and prints the rows whose name a reader would not
 * expect:
 *
 * - typo: the name is not in the headers, but a header name with the same words differs from
 *   it by at most two letters (`AMEMBASSY QUINTO` / `AMEMBASSY QUITO`), or one of its words is
 *   an obvious misspelling: six letters or more, in no header and no other row, one letter
 *   from a word of at least 1,000 header names (`WASHINGON`). A typo without header names
 *   is shown but cannot be fixed;
 * - thru: the name starts with `HRU <indicator>`, the end of a range `RUEAWJA THRU RUEAWJD
 *   DEPT OF JUSTICE ...` whose first indicator and `T` were cut off in the 2011 cabletags list;
 * - empty: the name is empty although the headers name the indicator;
 * - unattested (shown, never fixed): the name differs from every header name in more than a
 *   typo, e.g. `AMEMBASSY MEXICO CITY` / `AMEMBASSY MEXICO`.
 *
 * `node scripts/routingNames.mjs --fix` writes the fixes: typo and empty rows get the header
 * name seen in most cables and `name_from_headers` in `sources`; thru rows get the name after
 * the range and the range's last indicator in the `thru` column (added as the last column).
 * Running it again finds nothing more to fix. No dependencies.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FILE = fileURLToPath(new URL('../server/data/routing_indicators.tsv', import.meta.url));
const THRU = /^HRU ([A-Z0-9]{5,8}) (\S.*)$/;

/** `NAME (12; 2006-2010); OTHER (3)`: names with the number of cables, summed over both columns. */
function namesSeen(...cells) {
  const counts = new Map();
  for (const cell of cells) {
    for (const part of cell.split(/;\s+(?=[^;()]*\()/)) {
      const m = /^(.*?)\s*\((\d+)(?:;\s*[^)]*)?\)\s*$/.exec(part.trim());
      if (m) counts.set(m[1], (counts.get(m[1]) ?? 0) + Number(m[2]));
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1]);
}

function editDistance(a, b) {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return d[b.length];
}

/** A misspelling of `seen`: the same words but for at most two letters, in words of four or more. */
function isTypoOf(name, seen) {
  const a = name.split(' ');
  const b = seen.split(' ');
  if (a.length !== b.length) return false;
  let edits = 0;
  for (let k = 0; k < a.length; k++) {
    if (a[k] === b[k]) continue;
    if (Math.min(a[k].length, b[k].length) < 4) return false;
    edits += editDistance(a[k], b[k]);
  }
  return edits > 0 && edits <= 2;
}

export function audit(text) {
  const lines = text.split('\n').filter((l) => l.length);
  const columns = lines[0].split('\t');
  const col = Object.fromEntries(columns.map((c, k) => [c, k]));
  const rows = lines.slice(1).map((l) => l.split('\t'));
  const seenOf = (r) => namesSeen(r[col.cablegate_addressee_names] ?? '', r[col.cablegate_origin_fm_names] ?? '');
  // Words of the header names with their cables, and in how many rows each word of a source name is.
  const headerWords = new Map();
  const rowsWithWord = new Map();
  for (const r of rows) {
    for (const [n, k] of seenOf(r)) for (const w of n.split(' ')) headerWords.set(w, (headerWords.get(w) ?? 0) + k);
    const words = [r[col.name], r[col.acp117_2010_name], r[col.cabletags_2011_name]].join(' ').split(' ');
    for (const w of new Set(words)) rowsWithWord.set(w, (rowsWithWord.get(w) ?? 0) + 1);
  }
  const common = [...headerWords].filter(([w, k]) => k >= 1000 && w.length >= 5).map(([w]) => w);
  const misspelt = (name) =>
    name.split(' ').find((w) => w.length >= 6 && !headerWords.has(w) && rowsWithWord.get(w) === 1 && common.some((c) => editDistance(c, w) === 1));
  const findings = [];
  for (const r of rows) {
    const name = r[col.name] ?? '';
    const seen = seenOf(r);
    const best = seen[0]?.[0];
    const thru = THRU.exec(name);
    if (thru) {
      findings.push({ kind: 'thru', row: r, name, fixed: thru[2], thru: thru[1] });
    } else if (!name && best) {
      findings.push({ kind: 'empty', row: r, name, fixed: best });
    } else if (name && best && !seen.some(([n]) => n === name)) {
      const near = seen.find(([n]) => isTypoOf(name, n));
      if (near || misspelt(name)) findings.push({ kind: 'typo', row: r, name, fixed: best });
      else findings.push({ kind: 'unattested', row: r, name, fixed: undefined });
    } else if (name && !best && misspelt(name)) {
      findings.push({ kind: 'typo', row: r, name, fixed: undefined });
    }
  }
  return { columns, col, rows, findings, seenOf };
}

function fix(text) {
  const { columns, col, rows, findings } = audit(text);
  if (!('thru' in col)) {
    columns.push('thru');
    col.thru = columns.length - 1;
  }
  for (const r of rows) while (r.length < columns.length) r.push('');
  let changed = 0;
  for (const f of findings) {
    if (!f.fixed) continue;
    f.row[col.name] = f.fixed;
    if (f.kind === 'thru') f.row[col.thru] = f.thru;
    else if (!f.row[col.sources].split(',').includes('name_from_headers')) f.row[col.sources] += ',name_from_headers';
    changed++;
  }
  return { text: [columns, ...rows].map((r) => r.join('\t')).join('\n') + '\n', changed };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = readFileSync(FILE, 'utf8').replace(/\r\n?/g, '\n');
  const { col, findings, seenOf } = audit(text);
  const counts = {};
  for (const f of findings) {
    counts[f.kind] = (counts[f.kind] ?? 0) + 1;
    const ri = f.row[col.ri];
    const top = seenOf(f.row).slice(0, 3).map(([n, k]) => `${n} (${k})`).join('; ');
    if (f.kind === 'thru') console.log(`thru\t${ri}\t${f.name}\t-> ${f.fixed}\t[range ${ri} through ${f.thru}]`);
    else if (!f.fixed && f.kind === 'typo') console.log(`typo\t${ri}\t${f.name}\t(not fixed: no header names)`);
    else if (f.kind === 'unattested') console.log(`unattested\t${ri}\t${f.name}\t(not fixed; headers: ${top})`);
    else console.log(`${f.kind}\t${ri}\t${f.name || '(empty)'}\t-> ${f.fixed}\t[headers: ${top}]`);
  }
  console.log(`\n${findings.length} rows flagged: ${Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ') || 'none'}`);
  if (process.argv.includes('--fix')) {
    const out = fix(text);
    writeFileSync(FILE, out.text);
    console.log(`--fix: ${out.changed} rows changed in ${FILE}`);
  }
}
