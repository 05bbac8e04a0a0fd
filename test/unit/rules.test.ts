/**
 * Each rule on its fixtures (test/fixtures/rules/*.json: a real cable, or one derived from a
 * real cable by one stated change), with the expected findings beside it. For a fixable
 * rule: apply its fixes, lint again (the rule no longer fires there), apply again (no change).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lint } from '../../server/src/core/rules/engine';
import { applyEdits, selectFixes } from '../../server/src/core/rules/fixes';
import { RULES, RULES_BY_ID } from '../../server/src/core/rules/registry';
import { builtinTables } from '../../server/src/core/tables/codeTables';
import { FIXTURES, ROOT, SEED, parseText, readText } from '../helpers/fixtures';

interface Spec {
  rule: string;
  file: string;
  source: string;
  expect: { line: number; severity: string; message: string }[];
  fixed?: { contains?: string; unsafe?: boolean };
}

const dir = path.join(FIXTURES, 'rules');
const specs = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ name: f.replace(/\.json$/, ''), spec: JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Spec }));
const tables = builtinTables();

function problemsOf(text: string, rule: string) {
  const doc = parseText(text);
  return { doc, problems: lint(doc, { tables }).filter((p) => p.ruleId === rule) };
}

/** Applies every fix of `rule` in `text` (non-overlapping ones; a fix is taken whole). */
function applyRuleFixes(text: string, rule: string): string {
  const { problems } = problemsOf(text, rule);
  const { edits } = selectFixes(problems.filter((p) => p.fix), (p) => p.fix!.edits);
  return applyEdits(text, edits).text;
}

describe('rules', () => {
  it('orders findings at one place by rule id the same way in every locale', () => {
    // Hawaiian collation puts vowels first: "eo-line" before "block-unbalanced".
    const script = `const { compareProblems } = require(${JSON.stringify(path.join(ROOT, 'server/src/core/rules/engine.ts'))});
      const at = (ruleId) => ({ start: 5, end: 9, ruleId });
      console.log(['eo-line', 'block-unbalanced', 'caption-conflict', 'portion-mark-exceeds'].map(at).sort(compareProblems).map((p) => p.ruleId).join(' '));`;
    for (const locale of ['C', 'en_US.UTF-8', 'haw_US.UTF-8']) {
      const order = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, env: { ...process.env, LC_ALL: locale, LANG: locale }, encoding: 'utf8' }).trim();
      assert.equal(order, 'block-unbalanced caption-conflict eo-line portion-mark-exceeds', locale);
    }
  });

  it('every rule has at least one fixture', () => {
    const covered = new Set(specs.map((s) => s.spec.rule));
    assert.deepEqual(RULES.map((r) => r.id).filter((id) => !covered.has(id)), []);
  });

  for (const { name, spec } of specs) {
    it(`${name}: ${spec.source}`, () => {
      assert.ok(RULES_BY_ID.has(spec.rule), `unknown rule ${spec.rule}`);
      const text = readText(path.join(FIXTURES, spec.file));
      const { doc, problems } = problemsOf(text, spec.rule);
      const got = problems.map((p) => ({ line: doc.lines.lineAt(p.start) + 1, severity: p.severity, message: p.message }));
      assert.deepEqual(
        got.map((g) => [g.line, g.severity]),
        spec.expect.map((e) => [e.line, e.severity]),
        `findings of ${spec.rule}:\n${got.map((g) => `  ${g.line} ${g.severity} ${g.message}`).join('\n')}`,
      );
      spec.expect.forEach((e, k) => assert.ok(got[k].message.includes(e.message), `"${got[k].message}" should mention "${e.message}"`));

      const rule = RULES_BY_ID.get(spec.rule)!;
      const fixable = problems.filter((p) => p.fix);
      // `cable fix` runs only the rules that say they are fixable.
      if (!rule.fixable) assert.deepEqual(fixable.map((p) => p.message), [], 'a rule that is not fixable offers no fix');
      if (!rule.fixable || !fixable.length) return;
      if (spec.fixed?.unsafe) assert.ok(fixable.every((p) => p.fix!.safe === false), 'marked unsafe');
      const once = applyRuleFixes(text, spec.rule);
      assert.notEqual(once, text, 'the fix changes the text');
      if (spec.fixed?.contains) assert.ok(once.includes(spec.fixed.contains), `fixed text contains "${spec.fixed.contains}"`);
      const after = problemsOf(once, spec.rule).problems.filter((p) => p.fix);
      assert.deepEqual(after.map((p) => p.message), [], 'no fixable finding of the rule is left');
      assert.equal(applyRuleFixes(once, spec.rule), once, 'applying the fixes again changes nothing');
    });
  }

  it('paragraph-numbering reads a number split by a heading only when the heading\'s digits join to the number expected', () => {
    // The real cable of paragraph-numbering-split-by-heading.json: `PKO/HAITI --------- 1`, blank, `¶0. (C) …` for ¶10.
    const text = readText(path.join(FIXTURES, 'rules/stray-caption.cable'));
    const heading = 'PKO/HAITI --------- 1';
    assert.ok(text.includes(heading));
    const findings = (t: string) => problemsOf(t, 'paragraph-numbering').problems.map((p) => p.message);
    assert.deepEqual(findings(text), []);
    const outOfOrder = ['Paragraph 0 follows paragraph 9: out of order. (This record is a partial extract of the cable.)'];
    assert.deepEqual(findings(text.replace(heading, 'PKO/HAITI ---------')), outOfOrder, 'no digits above');
    assert.deepEqual(findings(text.replace(heading, 'PKO/HAITI --------- 2')), outOfOrder, '20 is not the 10 expected');
    assert.deepEqual(findings(text.replace(heading, 'PKO/HAITI 1')), outOfOrder, 'digits after a word, not a rule');
  });

  it('paragraph-numbering takes a number glued to the word before it only with a portion mark after it', () => {
    // The real cable of paragraph-numbering-glued-to-word.json: `… is very higgh4. (U) POLICE RESPONSE:`, 5-7 run onto lines.
    const text = readText(path.join(FIXTURES, 'rules/paragraph-numbering-glued-to-word.cable'));
    const findings = (t: string) => problemsOf(t, 'paragraph-numbering').problems.map((p) => p.message);
    assert.deepEqual(findings(text), []);
    assert.deepEqual(findings(text.replace('higgh4. (U) POLICE', 'higgh4. POLICE')), ['Paragraph 8 follows paragraph 3: paragraphs 4-7 are missing.']);
  });

  it('portion-mark-missing takes a mark after the lead words of a paragraph, not lead words alone', () => {
    // The real cable of portion-mark-missing-after-lead-sentence.json: `¶1. Summary and comment. (C) The Conservative …`.
    const text = readText(path.join(FIXTURES, 'rules/portion-mark-missing-after-lead-sentence.cable'));
    const findings = (t: string) => problemsOf(t, 'portion-mark-missing').problems.map((p) => p.message);
    assert.deepEqual(findings(text), []);
    assert.deepEqual(findings(text.replace('Summary and comment. (C) The', 'Summary and comment. The')), ['Paragraph 1 of this confidential cable has no portion mark such as (C) or (U).']);
  });

  it('section-break-inline: a break between Unicode line separators stands alone, one with text on its side of them does not', () => {
    // The real cable of section-break-inline-line-separators.json: `… in 2004 \u2028\u2028MEXICO 00000690 002 OF 004 \u2028\u2028\u2028to less than …`.
    const text = readText(path.join(FIXTURES, 'variants/10MEXICO690.cable'));
    const findings = (t: string) => problemsOf(t, 'section-break-inline').problems.map((p) => p.message);
    assert.deepEqual(findings(text), []);
    const joined = text.replace('2004 \u2028\u2028MEXICO 00000690 002 OF 004 \u2028\u2028\u2028to', '2004 MEXICO 00000690 002 OF 004 to');
    assert.notEqual(joined, text);
    assert.deepEqual(findings(joined), ['Section break "MEXICO 00000690 002 OF 004" is run into the text, inside a sentence.']);
    const textAfter = text.replace('002 OF 004 \u2028\u2028\u2028to', '002 OF 004 to');
    assert.deepEqual(findings(textAfter), ['Section break "MEXICO 00000690 002 OF 004" is run into the text, inside a sentence.']);
  });

  it('tag-unknown corrects a table entry that is an error only on a line of tags, not in prose after `TAGS:`', () => {
    const cable = (tags: string) => `UNCLAS ROME 000123\n\nE.O. 12958: N/A\nTAGS: ${tags}\nSUBJECT: X\n\n1. (U) A.\n\n2. (U) B.\nSMITH\n`;
    const fixes = (tags: string) => problemsOf(cable(tags), 'tag-unknown').problems.filter((p) => p.fix).map((p) => p.fix!.title);
    assert.deepEqual(fixes('PREL SYR IT'), ['Replace "SYR" with "SY"']);
    assert.deepEqual(fixes('PREL POGOV MASSMNUC'), ['Replace "POGOV" with "PGOV"', 'Replace "MASSMNUC" with "MASS MNUC"']);
    assert.deepEqual(fixes('Refugees crossing the SYR and MASSMNUC border'), []);
  });

  it('portion-mark-missing takes a mark right after a label in capitals, not the label alone', () => {
    // The real cable of portion-mark-missing-capitals-label.json: `¶1. SUMMARY (U) Costa Rica's June 1 …`.
    const text = readText(path.join(FIXTURES, 'rules/portion-mark-missing-capitals-label.cable'));
    // (Paragraph 8's `(C` without its closing parenthesis is another finding of the rule.)
    const findings = (t: string) => problemsOf(t, 'portion-mark-missing').problems.map((p) => p.message).filter((m) => !m.includes('paragraph 8'));
    assert.deepEqual(findings(text), []);
    assert.ok(text.includes('SUMMARY (U) Costa Rica'));
    assert.deepEqual(findings(text.replace('SUMMARY (U) Costa Rica', 'SUMMARY Costa Rica')), ['Paragraph 1 of this confidential cable has no portion mark such as (C) or (U).']);
    // A word in capitals and a parenthesis that is no mark (`(PRC)`) is no label and mark.
    assert.deepEqual(findings(text.replace('SUMMARY (U) Costa Rica', 'SUMMARY (PRC) Costa Rica')), ['Paragraph 1 of this confidential cable has no portion mark such as (C) or (U).']);
  });

  it('flags exactly the seed cable\'s artifacts: pilcrow-misread ×3, rendering-artifact ×7', () => {
    const doc = parseText(readText(SEED));
    const counts: Record<string, number> = {};
    for (const p of lint(doc, { tables })) counts[p.ruleId] = (counts[p.ruleId] ?? 0) + 1;
    assert.deepEqual(counts, { 'pilcrow-misread': 3, 'rendering-artifact': 7 });
  });
});
