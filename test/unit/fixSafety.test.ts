/**
 * Fixes that once changed real text (each reproduced on a text that had it), and the
 * promise every fix keeps: applying the fixes twice changes nothing more.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixText, lint, MAX_FIX_PASSES } from '../../server/src/core/rules/engine';
import { parse } from '../../server/src/core/parser/parse';
import { builtinTables } from '../../server/src/core/tables/codeTables';

const tables = builtinTables();
const parseText = (text: string) => parse(text, { station: tables.station });
const fix = (text: string): string => fixText(text, parseText, { tables }).text;

describe('fixes that must not change real text', () => {
  it('backslashes that end one line of an ordinary cable are its own: kept, and a second run changes nothing', () => {
    const text = 'UNCLAS ROME 000001\nTAGS: PREL\nSUBJECT: X\n\n1. (U) Text \\\\\\\\\\\\\\\\\\\\\\\\\n\n2. (U) More.\n';
    assert.equal(fix(text), text);
    const rendering = 'UNCLAS ROME 000001 \\\nTAGS: PREL \\\nSUBJECT: X \\\n \\\n1. (U) Text. \\\n';
    const once = fix(rendering);
    assert.equal(once, 'UNCLAS ROME 000001 \nTAGS: PREL \nSUBJECT: X \n \n1. (U) Text. \n');
    assert.equal(fix(once), once);
  });

  it('an HTML reference escaped again and again (`&amp;amp;amp;…`) is decoded whole: one fix, settled', () => {
    const text = `UNCLAS ROME 000001\nTAGS: PREL\nSUBJECT: X\n\n1. (U) A &${'amp;'.repeat(12)} B, it&amp;#8217;s.\n`;
    const result = fixText(text, parseText, { tables });
    assert.equal(result.text, 'UNCLAS ROME 000001\nTAGS: PREL\nSUBJECT: X\n\n1. (U) A & B, it\u2019s.\n');
    assert.equal(result.applied.length, 2);
    assert.equal(result.settled, true);
    assert.equal(fix(result.text), result.text);
  });

  it(`says so when fixes are still left after ${MAX_FIX_PASSES} passes (links nested 12 deep)`, () => {
    let link = 'PGOV';
    for (let i = 0; i < 12; i++) link = `[${link}](#)`;
    const text = `UNCLAS ROME 000001\nTAGS: PREL\nSUBJECT: X\n\n1. (U) Text ${link} more.\n`;
    const first = fixText(text, parseText, { tables });
    assert.equal(first.settled, false);
    assert.equal(first.applied.length, MAX_FIX_PASSES);
    const second = fixText(first.text, parseText, { tables });
    assert.equal(second.settled, true);
    assert.match(second.text, /Text PGOV more\./);
  });

  it('a subject line after TAGS is not read as glued tags (no "IS SU ES")', () => {
    const text = 'UNCLAS ROME 000001\nE.O. 12958: N/A\nTAGS: PREL HA\nDISCUSS HAITI AND OTHER ISSUES, 19 AUGUST 2005\n\n1. (U) Text.\n';
    assert.deepEqual(parseText(text).textHeader.tags?.tags.map((t) => t.code), ['PREL', 'HA']);
    assert.equal(fix(text), text);
  });

  it('a phone number in brackets is text', () => {
    const text = 'UNCLAS ROME 000001\nTAGS: PREL\nSUBJECT: X\n\n1. (U) Call 011+[55](21) 2292-7117.\n';
    assert.equal(fix(text), text);
  });

  it('a Markdown link glued to the next word is reported but not unwrapped (which space was lost is a guess)', () => {
    const text = 'UNCLAS ROME 000001\nTAGS: PREL\nSUBJECT: X\n\n1. (U) The [PGOV](#)also agreed.\n';
    const problems = lint(parseText(text), { tables }).filter((p) => p.ruleId === 'rendering-artifact');
    assert.equal(problems.length, 1);
    assert.equal(problems[0].fix, undefined);
    assert.match(problems[0].message, /touches the next word/);
    assert.equal(fix(text), text);
    assert.equal(fix(text.replace('[PGOV](#)also', '[PGOV](#) also')), text.replace('[PGOV](#)also', 'PGOV also'));
  });

  it('prose after a TAGS label is not split into tags (no "si, fi, ed", "PO, LI, CE", "lab le")', () => {
    for (const line of ['TAGS: sified, protect accordingly.', 'TAGS: lable.', 'TAGS: ed strong', 'TAGS: PREL Police and observers credit training']) {
      const text = `UNCLAS ROME 000001\n${line}\nSUBJECT: X\n\n1. (U) Text.\n`;
      assert.equal(fix(text), text, line);
    }
    // Real glued tags are still split, in capitals or on an all-lower-case line.
    assert.match(fix('UNCLAS ROME 000001\nTAGS: PHUMPGOV KZ\nSUBJECT: X\n\n1. (U) Text.\n'), /TAGS: PHUM PGOV KZ/);
    assert.match(fix('UNCLAS ROME 000001\nTags: phumpgov, prel, kz\nSUBJECT: X\n\n1. (U) Text.\n'), /Tags: phum, pgov, prel, kz/);
  });

  it('a section break alone on its line in an odd form (009 2 OF 012, 07BRASILIA1774) is not run into the text: no blank line added pass after pass', () => {
    const text = 'UNCLAS BRASILIA 001774\nTAGS: PREL\nSUBJECT: X\n\n1. (U) Text that goes on [\n\nBRASILIA 00001774 009 2 OF 012 \n\nwere closed down.\n\n2. (U) More.\n';
    assert.deepEqual(lint(parseText(text), { tables }).filter((p) => p.ruleId === 'section-break-inline'), []);
    assert.equal(fix(text), text);
  });
});

