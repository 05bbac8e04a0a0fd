// Backtracking guard for syntaxes/cable.tmLanguage.json.
//
// Tokenizes long pathological lines (default 64 KiB each; VS Code itself stops tokenizing
// lines longer than editor.maxTokenizationLineLength, 20,000 by default) in every grammar context and fails
// when one line takes longer than the budget: a regular expression with nested unbounded
// quantifiers shows up here as seconds or minutes instead of milliseconds.
//
//   node test/grammar/long-lines.mjs [lineLength] [budgetMs] [grammarFile]
//
// vscode-textmate and vscode-oniguruma are the engine that vscode-tmgrammar-test runs
// (they are installed as its dependencies); this script uses the same copies.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
const vt = require('vscode-textmate');
const oni = require('vscode-oniguruma');

const N = Number(process.argv[2] ?? 65536);
const BUDGET = Number(process.argv[3] ?? 3000);
const GRAMMAR = process.argv[4] ?? join(root, 'syntaxes/cable.tmLanguage.json');

const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
await oni.loadWASM(wasm);
const registry = new vt.Registry({
  onigLib: Promise.resolve({
    createOnigScanner: (p) => new oni.OnigScanner(p),
    createOnigString: (s) => new oni.OnigString(s),
  }),
  loadGrammar: async () =>
    vt.parseRawGrammar(readFileSync(GRAMMAR, 'utf8'), 'cable.tmLanguage.json'),
});
const grammar = await registry.loadGrammar('text.cable');

const fill = (unit) => unit.repeat(Math.ceil(N / unit.length)).slice(0, N);
// Bodies chosen to defeat each family of patterns: prose, capitals, digits, separators,
// almost-portion-marks, almost-rules, almost-links, runs of blanks before a non-blank.
const bodies = {
  prose: fill('The minister said that the GOE would act. '),
  caps: fill('THE MINISTER SAID THAT GOE WOULD ACT '),
  letters: fill('A'),
  words: fill('AB CD EF '),
  spaces: fill(' ') + 'x',
  tabs: fill('\t') + 'x',
  dashes: fill('-') + 'x',
  dashSpace: fill('- ') + 'x',
  digits: fill('1'),
  dots: fill('1.'),
  slashes: fill('/A'),
  portion: fill('(S/NF'),
  commas: fill('A, '),
  refs: fill('A. STATE 1 '),
  links: fill('[A](#'),
  backslashes: fill('\\'),
  ends: fill('END '),
};
const prefixes = ['', 'UNCLAS ', 'S E C R E T ', '1. (S/', '(', 'TAGS: ', 'SUBJECT: ', 'REF: A. ',
  'Classified By: ', 'E.O. 12958: ', 'SIPDIS ', '-- (C', 'HOAGLAND'];
const contexts = {
  body: [],
  header: ['VZCZCXRO0092', 'OO RUEHAG'],
  addresses: ['VZCZCXRO0092', 'FM AMEMBASSY ASTANA'],
  ref: ['REF: A. STATE 1'],
  heading: ['-----'],
  subject: ['SUBJECT: X'],
  tags: ['TAGS: A,'],
  classifiedBy: ['Classified By: X'],
};

let worst = { ms: 0, name: '' };
const slow = [];
for (const [cname, ctx] of Object.entries(contexts)) {
  let state = vt.INITIAL;
  for (const l of ctx) state = grammar.tokenizeLine(l, state).ruleStack;
  for (const p of prefixes) {
    for (const [bname, body] of Object.entries(bodies)) {
      const t0 = performance.now();
      grammar.tokenizeLine(p + body, state);
      const ms = performance.now() - t0;
      const name = `${cname} / ${JSON.stringify(p)} / ${bname}`;
      if (ms > worst.ms) worst = { ms, name };
      if (ms > BUDGET) slow.push(`${name}: ${ms.toFixed(0)} ms`);
    }
  }
}
console.log(`long-lines: ${Object.keys(contexts).length * prefixes.length * Object.keys(bodies).length} lines of ${N} chars, ` +
  `worst ${worst.ms.toFixed(0)} ms (${worst.name}), budget ${BUDGET} ms`);
if (slow.length) {
  console.error('over budget:\n  ' + slow.join('\n  '));
  process.exit(1);
}
