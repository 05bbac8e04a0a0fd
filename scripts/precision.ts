/**
 * Rule precision on cables nobody tuned for (the archive sample corpus/dev of the shared
 * material, or any folder): `sample` lints the folder and draws, per rule, a seeded random
 * sample of up to 12 findings to judge by reading the cable; `report` joins the judgments
 * (docs/rules/precision-judgments.tsv: rule, file, line, verdict true|false, note, message) with the
 * current findings and writes docs/rules/precision.md. A judgment counts only while its
 * finding still exists (same rule, file and line), so a tuned rule drops its false findings
 * from the table and keeps its true ones.
 *
 *   npx tsx scripts/precision.ts sample DIR [--more] > sample.tsv   (--more: only unjudged findings, up to 12 judged per rule)
 *   npx tsx scripts/precision.ts report DIR
 *   npx tsx scripts/precision.ts open DIR     (judged false, still reported)
 *   npx tsx scripts/precision.ts blind DIR SEED [N] > round.tsv   (N unjudged findings per rule, default 4)
 *
 * `blind` draws a round of findings no one has judged, from the rules as they are: judged
 * before any tuning on them, a round measures the precision a user meets. Each round's counts
 * go into docs/rules/precision-rounds.tsv (and its judgments into the judgments file).
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { lint } from '../server/src/core/rules/engine';
import { RULES } from '../server/src/core/rules/registry';
import { parse } from '../server/src/core/parser/parse';
import { builtinTables } from '../server/src/core/tables/codeTables';
import { decodeBytes } from '../server/src/core/text/decode';

const PER_RULE = 12;
const ROOT = path.resolve(__dirname, '..');
const JUDGMENTS = path.join(ROOT, 'docs', 'rules', 'precision-judgments.tsv');
const REPORT = path.join(ROOT, 'docs', 'rules', 'precision.md');
const ROUNDS = path.join(ROOT, 'docs', 'rules', 'precision-rounds.tsv');

interface Finding {
  rule: string;
  file: string;
  line: number;
  severity: string;
  message: string;
}

function findings(dir: string): Finding[] {
  const tables = builtinTables();
  const out: Finding[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.cable')).sort()) {
    const doc = parse(decodeBytes(readFileSync(path.join(dir, name))).text, { station: tables.station, fileName: name });
    for (const p of lint(doc, { tables })) out.push({ rule: p.ruleId, file: name, line: doc.lines.lineAt(p.start) + 1, severity: p.severity, message: p.message });
  }
  return out;
}

/** A small seeded generator (mulberry32), so the same folder gives the same sample. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function byRule(all: Finding[]): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const f of all) map.set(f.rule, [...(map.get(f.rule) ?? []), f]);
  return map;
}

/** The recorded judgments, by rule, file, line and message. */
function judgments(): Map<string, { verdict: string; note: string }> {
  const judged = new Map<string, { verdict: string; note: string }>();
  for (const l of readFileSync(JUDGMENTS, 'utf8').split('\n').filter((x) => x && !x.startsWith('rule\t'))) {
    const [rule, file, line, verdict, note, message] = l.split('\t');
    judged.set(`${rule}\t${file}\t${line}\t${message}`, { verdict, note: note ?? '' });
  }
  return judged;
}

const keyOf = (f: Finding): string => `${f.rule}\t${f.file}\t${f.line}\t${f.message.replace(/\s+/g, ' ')}`;

/** With `more`, only findings not judged yet, enough to bring each rule to PER_RULE judged ones. */
function sample(dir: string, more: boolean): void {
  const next = random(20261201);
  const judged = more ? judgments() : new Map();
  console.log(['rule', 'file', 'line', 'severity', 'message'].join('\t'));
  for (const [rule, all] of byRule(findings(dir))) {
    const have = all.filter((f) => judged.has(keyOf(f))).length;
    const list = all.filter((f) => !judged.has(keyOf(f)));
    const pool = [...list];
    for (let k = pool.length - 1; k > 0; k--) {
      const j = Math.floor(next() * (k + 1));
      [pool[k], pool[j]] = [pool[j], pool[k]];
    }
    for (const f of pool.slice(0, Math.max(0, PER_RULE - have))) console.log([rule, f.file, f.line, f.severity, f.message.replace(/\s+/g, ' ')].join('\t'));
  }
}

/** A blind round: `perRule` findings per rule that no judgment covers yet, seeded. */
function blind(dir: string, seed: number, perRule: number): void {
  const next = random(seed);
  const judged = judgments();
  console.log(['rule', 'file', 'line', 'severity', 'message'].join('\t'));
  for (const [rule, all] of byRule(findings(dir))) {
    const pool = all.filter((f) => !judged.has(keyOf(f)));
    for (let k = pool.length - 1; k > 0; k--) {
      const j = Math.floor(next() * (k + 1));
      [pool[k], pool[j]] = [pool[j], pool[k]];
    }
    for (const f of pool.slice(0, perRule)) console.log([rule, f.file, f.line, f.severity, f.message.replace(/\s+/g, ' ')].join('\t'));
  }
}

/** The blind rounds as a Markdown table (round, date, judged, true, false, precision, what was tuned after). */
function roundsTable(): string {
  const rows = readFileSync(ROUNDS, 'utf8').split('\n').filter((x) => x && !x.startsWith('round\t'));
  return rows
    .map((l) => {
      const [round, date, judgedCount, t, f, tunedAfter] = l.split('\t');
      const precision = `${Math.round((100 * Number(t)) / (Number(t) + Number(f)))}%`;
      return `| ${round} | ${date} | ${judgedCount} | ${t} | ${f} | ${precision} | ${tunedAfter} |`;
    })
    .join('\n');
}

function report(dir: string): void {
  const judged = judgments();
  const current = byRule(findings(dir));
  const rows: string[] = [];
  let allTrue = 0;
  let allFalse = 0;
  for (const rule of RULES) {
    const list = current.get(rule.id) ?? [];
    const verdicts = list.map((f) => judged.get(keyOf(f))).filter((v) => v !== undefined);
    const t = verdicts.filter((v) => v!.verdict === 'true').length;
    const f = verdicts.filter((v) => v!.verdict === 'false').length;
    allTrue += t;
    allFalse += f;
    const precision = t + f ? `${Math.round((100 * t) / (t + f))}%` : '–';
    rows.push(`| ${rule.id} | ${rule.defaultSeverity} | ${list.length} | ${t + f} | ${t} | ${f} | ${precision} |`);
  }
  const total = allTrue + allFalse;
  const text = `# Rule precision on an archive sample

Generated by \`npx tsx scripts/precision.ts report DIR\` from the judgments in
[precision-judgments.tsv](precision-judgments.tsv); do not edit by hand.

**Method.** The folder is the shared archive sample \`corpus/dev\`: 2,000 real cables drawn at
random from the archive, none of them in the test corpus, which no rule was tuned on before
its findings were judged. \`scripts/precision.ts sample\` lints the folder with the default
settings and draws, per rule, a seeded random sample of up to ${PER_RULE} findings. Each sampled
finding was judged by reading the cable at the finding: **true** when the text has the
problem the message names, **false** otherwise (the note says why). A rule whose false
findings followed a pattern was tuned, its findings drawn again, and judged again; a judgment
counts only while its finding (same rule, file, line and message) still exists. Precision here is true / (true + false) over the
judged findings of the rule as it is now.

Overall: ${allTrue} true, ${allFalse} false${total ? ` (${Math.round((100 * allTrue) / total)}%)` : ''}. This counts the findings
that survived tuning, so it is the precision on what was judged, not an estimate for new cables.

**Blind rounds** (the estimate for new cables). Each round drew findings nobody had judged
(\`precision.ts blind DIR SEED\`, 3 per rule in round 1 and 4 since, from the rules as they were that day), and they
were judged before any rule was tuned on them; the false ones were tuned afterwards.

| round | date | judged | true | false | precision | tuned afterwards |
|---|---|---|---|---|---|---|
${roundsTable()}

**Per rule**, over all judgments that still apply:

| rule | default severity | findings | judged | true | false | precision |
|---|---|---|---|---|---|---|
${rows.join('\n')}
`;
  writeFileSync(REPORT, text);
  console.log(text);
}

/** The findings judged false that the rules still report, with the judge's note: what to tune next. */
function open(dir: string): void {
  const falseOnes = readFileSync(JUDGMENTS, 'utf8').split('\n').filter((l) => l.split('\t')[3] === 'false');
  const current = new Set(findings(dir).map((f) => `${f.rule}\t${f.file}\t${f.line}\t${f.message.replace(/\s+/g, ' ')}`));
  for (const l of falseOnes) {
    const [rule, file, line, , note, message] = l.split('\t');
    if (current.has(`${rule}\t${file}\t${line}\t${message}`)) console.log(`${rule}\t${file}:${line}\t${note}`);
  }
}

const [mode, dir, seed, perRule] = process.argv.slice(2);
if (!dir || (mode !== 'sample' && mode !== 'report' && mode !== 'open' && mode !== 'blind') || (mode === 'blind' && !/^\d+$/.test(seed ?? ''))) {
  console.error('usage: npx tsx scripts/precision.ts sample|report|open DIR, or blind DIR SEED [N]');
  process.exit(2);
}
if (mode === 'sample') sample(dir, process.argv.includes('--more'));
else if (mode === 'blind') blind(dir, Number(seed), perRule ? Number(perRule) : 4);
else if (mode === 'open') open(dir);
else report(dir);
