#!/usr/bin/env node
// Measures how many TAGS have a meaning in server/data/tags.tsv.
//
//   node scripts/tagCoverage.mjs [tags.tsv] [cable dir or file ...] [--all-lines] [--top=N]
//
// With no arguments it reads server/data/tags.tsv and test/fixtures/corpus (paths relative to the
// repository root). Other corpora are read only when given as arguments.
//
// It prints two figures:
//   (a) corpus: TAGS tokens of the cables whose tag has a non-empty meaning / all TAGS tokens.
//       A cable's TAGS are its first TAGS block (the TAGS line plus its continuation lines); many
//       files repeat the header, and --all-lines counts every TAGS block instead.
//   (b) weighted: sum of count_in_6712_cables over rows with a meaning / sum over all rows.
// and the most frequent tags without a meaning (top 60 unless --top=N).
//
// Plain Node, no dependencies.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const allLines = flags.includes('--all-lines');
const topFlag = flags.find((f) => f.startsWith('--top='));
const TOP = topFlag ? Number(topFlag.slice(6)) : 60;

const tsvPath = args[0] ?? join(root, 'server/data/tags.tsv');
const corpusPaths = args.length > 1 ? args.slice(1) : [join(root, 'test/fixtures/corpus')];

// ---- tags.tsv ---------------------------------------------------------------------------
const lines = readFileSync(tsvPath, 'utf8').split('\n').filter((l) => l.length > 0);
const header = lines[0].split('\t');
const col = (name) => {
  const i = header.indexOf(name);
  if (i < 0) throw new Error(`${tsvPath}: no column ${name}`);
  return i;
};
const iTag = col('tag');
const iMeaning = col('meaning');
const iKind = col('kind');
const iCount = col('count_in_6712_cables');
const rows = new Map(); // TAG -> { meaning, kind, count }
for (const line of lines.slice(1)) {
  const c = line.split('\t');
  if (c.length !== header.length) console.warn(`warning: ${c.length} columns in row ${c[0]}`);
  rows.set(c[iTag].toUpperCase(), {
    meaning: (c[iMeaning] ?? '').trim(),
    kind: c[iKind] ?? '',
    count: Number(c[iCount]) || 0,
  });
}
const hasMeaning = (tag) => (rows.get(tag)?.meaning ?? '') !== '';

// ---- cables -------------------------------------------------------------------------------
function cableFiles(p) {
  const st = statSync(p);
  if (st.isFile()) return [p];
  return readdirSync(p)
    .filter((n) => n.endsWith('.cable'))
    .sort()
    .map((n) => join(p, n));
}

// A TAGS field starts at "TAGS" at the start of a line (after blanks or stray quotes) or at
// "TAGS:" anywhere (some files run the header together: "DECL: 01/26/2016 TAGS: PTER ...").
const START = /(?:^[ \t"',]*TAGS\b[ \t]*:?|(?<![A-Za-z])TAGS[ \t]*:)/gim;
// Text that ends the field on its line.
const STOP = /\b(?:SUBJECT|SUBJ|REFS?|CLASSIFIED BY|CLASSIFIED|CAPTIONS)\b\s*:?/i;
// A continuation line holds tag-like tokens only and is not another header field.
const CONT_OK = /^[A-Z0-9][A-Z0-9 ,;\/\-.&()]*$/;
const CONT_NO = /^(?:SUBJECT|SUBJ|REFS?|UNCLAS|UNCLASSIFIED|CONFIDENTIAL|SECRET|SECTION|CLASSIFIED|E\.\s?O\.|PAGE|SENSITIVE|SIPDIS|NOFORN|\d+\.)\b|^(?:C O N F|S E C R|U N C L)|\bSECTION \d+ OF \d+\b/;

function tagBlocks(text) {
  const blocks = [];
  START.lastIndex = 0;
  let m;
  while ((m = START.exec(text)) !== null) {
    const from = m.index + m[0].length;
    let eol = text.indexOf('\n', from);
    if (eol < 0) eol = text.length;
    let first = text.slice(from, eol);
    const parts = [];
    let stopped = false;
    const s = first.search(STOP);
    if (s >= 0) {
      first = first.slice(0, s);
      stopped = true;
    }
    parts.push(first);
    // continuation lines
    let pos = eol + 1;
    while (!stopped && pos < text.length) {
      let next = text.indexOf('\n', pos);
      if (next < 0) next = text.length;
      let line = text.slice(pos, next).replace(/<[^>]*>/g, ' ').trim();
      const s2 = line.search(STOP);
      if (s2 > 0) {
        line = line.slice(0, s2).trim();
        stopped = true;
      }
      if (line === '' || !CONT_OK.test(line) || CONT_NO.test(line)) break;
      parts.push(line);
      pos = next + 1;
    }
    blocks.push(parts.join(' '));
    START.lastIndex = Math.max(START.lastIndex, pos);
    if (!allLines) break;
  }
  return blocks;
}

function tokens(block) {
  return block
    .replace(/<[^>]*>/g, ' ')
    .split(/[\s,;]+/)
    .map((t) => t.toUpperCase().replace(/^[^A-Z0-9]+|[^A-Z0-9]+$/g, ''))
    .filter((t) => t !== '');
}

const tokenCount = new Map();
let files = 0;
let filesWithTags = 0;
for (const p of corpusPaths) {
  for (const f of cableFiles(p)) {
    files++;
    const blocks = tagBlocks(readFileSync(f, 'utf8'));
    if (blocks.length) filesWithTags++;
    for (const b of blocks) for (const t of tokens(b)) tokenCount.set(t, (tokenCount.get(t) ?? 0) + 1);
  }
}

// ---- figures ------------------------------------------------------------------------------
let tok = 0;
let tokOk = 0;
for (const [t, n] of tokenCount) {
  tok += n;
  if (hasMeaning(t)) tokOk += n;
}
let w = 0;
let wOk = 0;
let rowsOk = 0;
for (const [t, r] of rows) {
  w += r.count;
  if (r.meaning) {
    wOk += r.count;
    rowsOk++;
  }
}
const pct = (a, b) => (b ? ((100 * a) / b).toFixed(2) : 'n/a');

console.log(`tags.tsv: ${tsvPath} (${rows.size} rows, ${rowsOk} with a meaning)`);
console.log(`cables: ${files} files, ${filesWithTags} with a TAGS field${allLines ? ' (every TAGS block counted)' : ''}`);
console.log(`(a) corpus tokens with a meaning:   ${tokOk} / ${tok} = ${pct(tokOk, tok)}%  (${tokenCount.size} distinct tags)`);
console.log(`(b) count_in_6712_cables weighted:  ${wOk} / ${w} = ${pct(wOk, w)}%`);

const missing = new Map(); // tag -> { corpus, weighted, status }
for (const [t, n] of tokenCount) {
  if (!hasMeaning(t)) missing.set(t, { corpus: n, weighted: rows.get(t)?.count ?? 0, status: rows.has(t) ? rows.get(t).kind : 'NOT IN TSV' });
}
for (const [t, r] of rows) {
  if (!r.meaning && !missing.has(t)) missing.set(t, { corpus: 0, weighted: r.count, status: r.kind });
}
const list = [...missing.entries()]
  .filter(([, v]) => v.corpus + v.weighted > 0)
  .sort((a, b) => b[1].corpus + b[1].weighted - (a[1].corpus + a[1].weighted) || a[0].localeCompare(b[0]));
console.log(`\ntop ${TOP} tags without a meaning (by corpus tokens + count_in_6712_cables):`);
console.log(['tag', 'corpus', '6712', 'kind'].join('\t'));
for (const [t, v] of list.slice(0, TOP)) console.log([t, v.corpus, v.weighted, v.status].join('\t'));
