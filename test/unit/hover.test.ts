/** Hovers on real cables: one test per kind of code, and the Markdown-injection guard. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { hover } from '../../server/src/core/features/hover';
import { escape, literal } from '../../server/src/core/features/markdown';
import { builtinTables, parseUserTable, tablesWith } from '../../server/src/core/tables/codeTables';
import { CORPUS, FIXTURES, SEED, parseFile, parseText, readText } from '../helpers/fixtures';
import { documentTokens } from '../../server/src/core/model/cable';

const tables = builtinTables();

function hoverOn(file: string, needle: string, offset = 1, nth = 0): string {
  const doc = parseFile(file);
  let at = -1;
  for (let k = 0; k <= nth; k++) at = doc.text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `"${needle}" in ${path.basename(file)}`);
  const h = hover(doc, at + offset, tables);
  assert.ok(h, `a hover on "${needle}"`);
  return (h.contents as { value: string }).value.replace(/\\(.)/g, '$1');
}

const corpus = (id: string): string => path.join(CORPUS, `${id}.cable`);

describe('hovers', () => {
  it('transmission id', () => assert.match(hoverOn(SEED, 'VZCZCXRO0092'), /start-of-message[\s\S]*XRO.*channel designator/));
  it('prosign', () => assert.match(hoverOn(SEED, 'OO RUEHAG'), /^\*\*IMMEDIATE\*\*: precedence prosign/));
  it('routing indicator, with the names seen and the relay', () => {
    const h = hoverOn(SEED, 'DE RUEHTA', 4);
    assert.match(h, /^\*\*AMEMBASSY ASTANA\*\*: routing indicator `RUEHTA`/);
    assert.match(h, /AMEMBASSY ALMATY \(8 cables, 2006-2007\)/);
    assert.match(h, /RGN RELAY FACILITY BELTSVILLE MD/);
  });
  it('collective', () => assert.match(hoverOn(SEED, 'RUCNCIS'), /CIS COLLECTIVE[\s\S]*collective address/));
  it('unknown routing indicator', () => assert.match(hoverOn(path.join(FIXTURES, 'rules', 'routing-indicator-unknown.cable'), 'RUEHQZX'), /Unknown routing indicator/));
  it('a routing indicator the table has without a name', () => {
    const h = hoverOn(corpus('06AMMAN3564'), 'RUEHMOS');
    assert.doesNotMatch(h, /Unknown routing indicator/);
  });
  it('known indicator without a name', () => assert.match(hoverOn(corpus('08QUITO264'), 'RUEHWEB'), /meaning not known/));
  it('DE line: station, serial, Julian date in the DTG year, section part', () => {
    const h = hoverOn(corpus('08QUITO264'), '0742102');
    assert.match(h, /2008-03-14T21:02Z/);
    assert.match(h, /Section part `\/01`/);
    assert.match(hoverOn(corpus('08QUITO264'), '#0264'), /last four digits of the cable's serial `000264`/);
  });
  it('security line', () => assert.match(hoverOn(corpus('08QUITO264'), 'CCCCC'), /^\*\*Confidential\*\*: security level/));
  it('DTG: ISO instant, weekday, precedence', () => {
    const h = hoverOn(SEED, '260915Z');
    assert.match(h, /^\*\*2008-11-26T09:15Z\*\*: Wednesday/);
    assert.match(h, /Action precedence `O`: IMMEDIATE/);
  });
  it('dual precedence letter', () => assert.match(hoverOn(corpus('10HANOI7'), 'O R 2', 2), /ROUTINE\*\*: info precedence/));
  it('TO line: routing indicator, PLAD, precedence, MCN', () => {
    const h = hoverOn(SEED, 'SECSTATE WASHDC');
    assert.match(h, /Action addressee\*\* SECSTATE WASHDC/);
    assert.match(h, /Routing indicator `RUEHC`: DEPT OF STATE WASHINGTON DC/);
    assert.match(h, /Precedence: IMMEDIATE/);
    assert.match(h, /Message counter number `3985`/);
  });
  it('NIACT and an MCN range', () => {
    const h = hoverOn(corpus('08STATE103511'), 'NIACT IMMEDIATE 7881');
    assert.match(h, /NIACT IMMEDIATE/);
    assert.match(h, /night action/);
  });
  it('classification line: level, section, origin, serial, id', () => {
    const h = hoverOn(corpus('08QUITO264'), 'C O N F I D E N T I A L QUITO');
    assert.match(h, /^\*\*CONFIDENTIAL\*\*: classification line/);
    assert.match(h, /Origin `QUITO`: Embassy Quito, Ecuador/);
    assert.match(h, /Cable id \*\*08QUITO264\*\*/);
    assert.match(hoverOn(corpus('06CARACAS1276'), 'SECTION 01 OF 03'), /Section 1 of 3/);
  });
  it('captions', () => {
    assert.match(hoverOn(SEED, 'SIPDIS'), /SIPRNet distribution/);
    assert.match(hoverOn(corpus('07LONDON519'), 'NOFORN'), /NOT RELEASABLE TO FOREIGN NATIONALS/);
  });
  it('E.O. line: order, title, year; DECL date and its distance from the cable date', () => {
    assert.match(hoverOn(SEED, 'E.O. 12958'), /Executive Order 12958, \*\*Classified National Security Information\*\* \(1995-04-17/);
    const decl = hoverOn(corpus('08QUITO264'), '03/14/2018');
    assert.match(decl, /^\*\*2018-03-14\*\*: declassification date/);
    assert.match(decl, /10 years after the cable's date/);
  });
  it('TAGS: meaning and kind; category of a subject tag without meaning; both readings of a conflict', () => {
    assert.match(hoverOn(SEED, '[KZ]', 1), /^\*\*Kazakhstan\*\*: geographic tag `KZ`/);
    assert.match(hoverOn(corpus('10STATE10900'), 'MNUC', 1), /subject tag, meaning not known[\s\S]*Subject tags starting with M: Military and Defense Affairs/);
    assert.match(hoverOn(corpus('08USUNNEWYORK258'), 'KUNR'), /program tag, meaning not known[\s\S]*K marks program tags/);
    const odip = parseText('UNCLAS ROME 000001\nTAGS: ODIP IT\nSUBJECT: X\n');
    assert.match((hover(odip, odip.text.indexOf('ODIP') + 1, tables)!.contents as { value: string }).value, /subject tag, meaning not known[\s\S]*Subject tags starting with O: Outreach/);
    const au = parseText('UNCLAS TRIPOLI 000001\nTAGS: PREL AU LY\nSUBJECT: X\n');
    const h = hover(au, au.text.indexOf(' AU') + 1, tables)!;
    assert.match((h.contents as { value: string }).value, /two readings[\s\S]*Austria[\s\S]*African Union/);
  });
  it('person tag', () => {
    const doc = parseText('UNCLAS STATE 000001\nTAGS: OVIP (CLINTON, HILLARY), PREL, AS\nSUBJECT: X\n');
    const h = hover(doc, doc.text.indexOf('CLINTON'), tables)!;
    assert.match((h.contents as { value: string }).value.replace(/\\(.)/g, '$1'), /CLINTON, HILLARY\*\*: person tag/);
  });
  it('REF items: the referenced cable\'s id', () => {
    assert.match(hoverOn(corpus('08QUITO264'), 'QUITO 263'), /^\*\*08QUITO263\*\*: referenced cable/);
    assert.match(hoverOn(corpus('08QUITO264'), '¶B.'), /Reference B\*\*: QUITO 251/);
  });
  it('paragraph numbers: "paragraph 5 of 7" and the portion mark', () => {
    const h = hoverOn(SEED, '15. (U)');
    assert.match(h, /^\*\*Paragraph 5\*\* of 7/);
    assert.match(h, /misread/);
    assert.match(hoverOn(corpus('07LONDON519'), '(S/NF)'), /Secret\*\* portion; not releasable to foreign nationals/);
  });
  it('a paragraph number with a comma for its full stop, or none, says so', () => {
    const comma = hoverOn(path.join(FIXTURES, 'rules', 'paragraph-numbering-comma-stop.cable'), '7, (U) See', 0);
    assert.match(comma, /^\*\*Paragraph 7\*\* of 22/);
    assert.match(comma, /Written `7,`: a comma was typed for the full stop/);
    // 06BOGOTA10317: `10  (C) Uribe said …`
    const lost = hoverOn(path.join(FIXTURES, 'rules', 'paragraph-numbering-lost-stop.cable'), '10  (C)', 0);
    assert.match(lost, /^\*\*Paragraph 10\*\* of/);
    assert.match(lost, /Written `10`: the full stop after the number was lost/);
    assert.doesNotMatch(hoverOn(SEED, '15. (U)'), /full stop/);
  });
  it('a paragraph number a rendering split across the line above is the number meant, and says so', () => {
    // 04BRASILIA1291: `PKO/HAITI --------- 1` / blank / `¶0. (C) Zaluar announced …` is ¶10.
    const split = hoverOn(path.join(FIXTURES, 'rules', 'stray-caption.cable'), '0. (C) Zaluar', 0);
    assert.match(split, /^\*\*Paragraph 10\*\* of 17/);
    assert.match(split, /Written `0\.`: its first digits stand at the end of the line above/);
  });
  it('a paragraph run onto the line before says so', () => {
    // 08MOSCOW2414: `… Lavrov Defiant -------------- 3. (U) FM Lavrov challenged …`
    const h = hoverOn(corpus('08MOSCOW2414'), '3. (U) FM Lavrov', 0);
    assert.match(h, /^\*\*Paragraph 3\*\* of 21/);
    assert.match(h, /Run onto the end of the line before/);
    assert.doesNotMatch(hoverOn(SEED, '15. (U)'), /Run onto/);
  });
  it('Classified By: the reasons cited', () => assert.match(hoverOn(corpus('08QUITO264'), '1.4 (b&d)'), /Classification reasons\*\*: `1\.4 \(b&d\)`/));
  it('block markers and section breaks', () => {
    assert.match(hoverOn(corpus('08QUITO264'), 'Summary.'), /Start of the summary/);
    assert.match(hoverOn(corpus('06CARACAS1276'), 'CARACAS 00001276 001.2'), /Section 1, page 2\*\* of 3 sections/);
  });
  it('citations', () => assert.match(hoverOn(corpus('10SARAJEVO134'), 'ref I'), /REF I: not in the REF list/));
  it('signature', () => assert.match(hoverOn(SEED, 'HOAGLAND'), /signature/));
});

describe('hover security', () => {
  const hostile = [
    'VZCZCXRO0092',
    'OO RUEHAG',
    'DE RUEHTA #2361 3310915',
    'ZNR UUUUU [click](command:workbench.action.terminal.new)',
    'O 260915Z NOV 08 <img src=x onerror=alert(1)>',
    'FM [evil](command:workbench.action.openSettings)',
    'TO RUEHC/**BOLD** [x](https://evil.example) <b>html</b> IMMEDIATE 3985',
    'UNCLAS ASTANA 002361',
    'TAGS: PGOV [`x`](command:editor.action.deleteLines) (CLINTON, [link](command:x)) KZ',
    'SUBJECT: <script>alert(1)</script> [a](command:b)',
    'REF: A. [x](command:y) STATE 12345',
    '',
    '1. ([x](command:z)) text ref A',
  ].join('\n');
  const doc = parseText(hostile);

  it('no hover renders document text as a link, a command, HTML or emphasis', () => {
    for (let offset = 0; offset < doc.text.length; offset++) {
      const h = hover(doc, offset, tables);
      if (!h) continue;
      const md = (h.contents as { value: string }).value;
      // Strip code spans (their content is literal) and backslash escapes, then look for live syntax.
      const live = md.replace(/(`+)[\s\S]*?\1/g, '').replace(/\\[!-/:-@[-`{-~]/g, '');
      assert.doesNotMatch(live, /\]\(|<[a-z/!]|command:|https?:\/\/evil/i, `hover at ${offset}: ${md}`);
    }
  });

  it('no hover renders a user code table cell as a link, a command or HTML', () => {
    const tags = parseUserTable('tags.tsv', 'tag\tmeaning\tkind\nXQZT\t[m](command:evil.meaning)\t[k](command:evil.kind) <b>x</b>\n');
    const orders = parseUserTable('executive_orders.tsv', 'order\ttitle\tsigned\tfederal_register\trevoked_by\tsources\n12958\t[t](command:evil.title)\t<img src=x>\t[f](command:f)\t[r](command:evil.revoked)\tx\n');
    const hostileTables = tablesWith([tags.tables, orders.tables]);
    const cable = parseText('UNCLAS ROME 000001\nE.O. 12958: DECL: 01/01/2018\nTAGS: XQZT\nSUBJECT: X\n');
    for (const needle of ['XQZT', '12958']) {
      const h = hover(cable, cable.text.indexOf(needle) + 1, hostileTables);
      assert.ok(h, needle);
      const md = (h!.contents as { value: string }).value;
      const live = md.replace(/(`+)[\s\S]*?\1/g, '').replace(/\\[!-/:-@[-`{-~]/g, '');
      assert.doesNotMatch(live, /\]\(|<[a-z/!]|command:/i, `${needle}: ${md}`);
    }
  });

  it('escape and literal neutralise Markdown', () => {
    assert.equal(escape('[a](command:b)'), '\\[a\\]\\(command\\:b\\)');
    assert.equal(literal('a`b'), '``a`b``');
    assert.equal(literal('`x`'), '`` `x` ``');
  });
});

describe('hovers decode every code of the seed cable', () => {
  const doc = parseText(readText(SEED));
  it('gives a hover for every token of the header and the text header', () => {
    const missing: string[] = [];
    for (const t of documentTokens(doc)) {
      if (t.start > doc.text.indexOf('¶1.')) break;
      const h = hover(doc, t.start, tables);
      if (!h || /unknown|not known/i.test((h.contents as { value: string }).value.split('\n')[0]) && !['SOCI', 'KDEM', 'ZZH'].includes(t.text)) missing.push(`${t.kind} ${t.text}`);
    }
    assert.deepEqual(missing, []);
  });
});
