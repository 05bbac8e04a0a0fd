/** Completion, inlay hints and semantic tokens on the seed and real cables. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { CompletionItem, Position } from 'vscode-languageserver-types';
import { completion } from '../../server/src/core/features/completion';
import { inlayHints } from '../../server/src/core/features/inlayHints';
import { LEGEND, semanticTokens } from '../../server/src/core/features/semanticTokens';
import { builtinTables, parseUserTable, tablesWith } from '../../server/src/core/tables/codeTables';
import { CORPUS, SEED, parseText, readText } from '../helpers/fixtures';

const tables = builtinTables();
const now = new Date(Date.UTC(2026, 10, 28, 13, 5));
const seed = readText(SEED);

/** Completion with the cursor at `|` in `text`. */
function complete(text: string, t = tables): { items: CompletionItem[]; isIncomplete: boolean } {
  const at = text.indexOf('|');
  const clean = text.slice(0, at) + text.slice(at + 1);
  const doc = parseText(clean);
  const before = clean.slice(0, at).split('\n');
  const position: Position = { line: before.length - 1, character: before[before.length - 1].length };
  return completion(doc, position, t, { now });
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const newText = (i: CompletionItem) => (i.textEdit && 'newText' in i.textEdit ? i.textEdit.newText : i.insertText);

describe('completion', () => {
  it('never answers with a range outside the document: far positions get nothing, a character past the line end means its end', () => {
    const doc = parseText(seed);
    for (const position of [{ line: 1e9, character: 0 }, { line: -1, character: 3 }, { line: 2, character: -5 }, { line: 1.5, character: 0 }]) {
      assert.deepEqual(completion(doc, position, tables, { now }).items, [], JSON.stringify(position));
    }
    const tagsLine = seed.split('\n').findIndex((l) => l.startsWith('TAGS:'));
    const lineLength = doc.lines.lineText(tagsLine).length;
    const { items } = completion(doc, { line: tagsLine, character: lineLength + 500 }, tables, { now });
    assert.ok(items.length > 0, 'tags are offered at the end of the TAGS line');
    for (const item of items) {
      const range = item.textEdit && 'range' in item.textEdit ? item.textEdit.range : undefined;
      assert.ok(range, item.label);
      assert.ok(range.start.line === tagsLine && range.end.line === tagsLine && range.end.character <= lineLength, `${item.label}: ${JSON.stringify(range)}`);
    }
  });
  it('offers routing indicators in TO lines, found by station name', () => {
    const { items, isIncomplete } = complete(seed.replace('TO RUEHC/SECSTATE WASHDC IMMEDIATE 3985', 'TO ASTANA|'));
    assert.ok(isIncomplete);
    const ruehta = items.find((i) => i.label === 'RUEHTA')!;
    assert.equal(ruehta.detail, 'AMEMBASSY ASTANA');
    assert.equal(newText(ruehta), 'RUEHTA/AMEMBASSY ASTANA');
    assert.equal(ruehta.filterText, 'ASTANA');
  });
  it('offers routing indicators on the prosign line', () => {
    const { items } = complete(seed.replace('OO RUEHAG RUEHAST', 'OO RUEHAG RUEHT|'));
    assert.ok(labels(items).includes('RUEHTA'));
    assert.equal(newText(items.find((i) => i.label === 'RUEHTA')!), 'RUEHTA');
  });
  it('offers tags, found by meaning ("human rights" → PHUM)', () => {
    const { items } = complete(seed.replace('TAGS: [PGOV](#)', 'TAGS: human rights|'));
    assert.equal(items[0].label, 'PHUM');
    const edit = items[0].textEdit as { range: { start: { character: number } } };
    assert.equal(edit.range.start.character, 'TAGS: '.length);
    assert.ok(labels(complete(seed.replace('TAGS: [PGOV](#)', 'TAGS: PG|')).items).includes('PGOV'));
  });
  it('does not offer the table entries tag-unknown reports (a misspelling, tags run together)', () => {
    const offered = (typed: string) => labels(complete(seed.replace('TAGS: [PGOV](#)', `TAGS: PGOV ${typed}|`)).items);
    assert.ok(!offered('VT').includes('VTPREL'), 'VTPREL (a misspelling of VT PREL)');
    assert.ok(offered('VT').includes('VT'));
    assert.ok(!offered('MASS').includes('MASSMNUC'), 'MASSMNUC (MASS + MNUC)');
    assert.ok(offered('MASS').includes('MASS'));
    assert.ok(!offered('PO').includes('POGOV'));
    assert.ok(offered('PO').includes('POL'), 'an entry of kind unknown that is no error is still offered');
  });
  it('uses the user\'s extra tables too', () => {
    const mine = tablesWith([parseUserTable('tags.tsv', 'tag\tmeaning\tkind\nXQZT\tOur own project tag\tprogram\n').tables]);
    assert.equal(complete(seed.replace('TAGS: [PGOV](#)', 'TAGS: project|'), mine).items[0].label, 'XQZT');
  });
  it('offers captions in the text header', () => {
    const { items } = complete(seed.replace('SENSITIVE\nSIPDIS', 'SENSITIVE\nSIP|'));
    assert.ok(labels(items).includes('SIPDIS'));
    assert.ok(labels(items).includes('NOFORN'));
  });
  it('offers precedence words after an addressee', () => {
    const { items } = complete(seed.replace('TO RUEHC/SECSTATE WASHDC IMMEDIATE 3985', 'TO RUEHC/SECSTATE WASHDC |'));
    assert.deepEqual(labels(items), ['IMMEDIATE', 'PRIORITY', 'ROUTINE', 'NIACT IMMEDIATE', 'FLASH']);
  });
  it('offers portion marks after a paragraph number, up to the cable\'s level', () => {
    const unclas = labels(complete(seed.replace('¶2. (U) On', '¶2. |On')).items);
    assert.deepEqual(unclas, ['(U)', '(SBU)', '(SBU/NF)']);
    const quito = readText(path.join(CORPUS, '08QUITO264.cable'));
    assert.ok(labels(complete(quito.replace('¶2.  (C) The Ambassador', '¶2.  (|')).items).includes('(C/NF)'));
    assert.ok(!labels(complete(quito.replace('¶2.  (C) The Ambassador', '¶2.  (|')).items).includes('(S)'));
  });
  it('offers the next paragraph number', () => {
    const { items } = complete(seed.replace('\n\nHOAGLAND', '\n\n|\n\nHOAGLAND'));
    assert.equal(items[0].label, '¶8. (U)');
  });
  it('offers an E.O. line declassifying ten years after the DTG', () => {
    const quito = readText(path.join(CORPUS, '08QUITO264.cable')).replace('E.O. 12958: DECL: 03/14/2018', 'E.O|');
    const [item] = complete(quito).items;
    assert.equal(item.label, 'E.O. 12958: DECL: 03/14/2018');
    assert.equal(complete(seed.replace('E.O. 12958: N/A', 'E.|')).items[0].label, 'E.O. 12958: N/A');
  });
  it('offers the DTG for now', () => {
    const { items } = complete(seed.replace('O 260915Z NOV 08', 'O |'));
    assert.equal(items[0].label, '281305Z NOV 26');
  });
});

describe('inlay hints', () => {
  it('decode the DTG and the DE line, and name TO/INFO stations the address does not', () => {
    const doc = parseText(seed);
    const hints = inlayHints(doc, tables);
    const labelsAt = hints.map((h) => [h.position.line, h.label]);
    assert.ok(labelsAt.some(([, l]) => l === '= 2008-11-26T09:15Z Wed'));
    assert.ok(labelsAt.some(([, l]) => l === '= 2008-11-26T09:15Z'));
    assert.ok(labelsAt.some(([, l]) => l === 'RUEHC: DEPT OF STATE WASHINGTON DC'));
    assert.ok(!labelsAt.some(([, l]) => String(l).startsWith('RUCNCIS')), 'no hint where the address already says it');
  });
  it('stay within the range asked for', () => {
    const doc = parseText(seed);
    const hints = inlayHints(doc, tables, { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } });
    assert.ok(hints.every((h) => h.position.line <= 9));
  });
});

describe('semantic tokens', () => {
  function decode(text: string): { line: number; char: number; text: string; type: string }[] {
    const doc = parseText(text);
    const data = semanticTokens(doc, tables).data;
    const out = [];
    let line = 0;
    let char = 0;
    for (let k = 0; k < data.length; k += 5) {
      line += data[k];
      char = data[k] === 0 ? char + data[k + 1] : data[k + 1];
      const start = doc.lines.starts[line] + char;
      out.push({ line, char, text: doc.text.slice(start, start + data[k + 2]), type: LEGEND.tokenTypes[data[k + 3]] });
    }
    return out;
  }
  it('tell known codes from unknown ones', () => {
    const tokens = decode(seed.replace('RUEHBI', 'RUEHQQ').replace('[KZ](#)', 'XQZT'));
    assert.equal(tokens.find((t) => t.text === 'RUEHAG')!.type, 'namespace');
    assert.equal(tokens.find((t) => t.text === 'RUEHQQ')!.type, 'regexp');
    assert.equal(tokens.find((t) => t.text === 'PGOV')!.type, 'enumMember');
    assert.equal(tokens.find((t) => t.text === 'XQZT')!.type, 'regexp');
  });
  it('are in order, on one line each, and never overlap', () => {
    for (const file of [SEED, path.join(CORPUS, '08QUITO264.cable'), path.join(CORPUS, '09PARIS1007.cable')]) {
      const text = readText(file);
      const doc = parseText(text);
      let last = -1;
      for (const t of decode(text)) {
        const start = doc.lines.starts[t.line] + t.char;
        assert.ok(start >= last, 'ordered, not overlapping');
        assert.ok(start + t.text.length <= doc.lines.ends[t.line], 'within its line');
        last = start + t.text.length;
      }
    }
  });
});

describe('"Disable rule" on a config whose rules are not an object', () => {
  it('offers nothing rather than failing the other quick fixes', async () => {
    const { disableRuleActions } = await import('../../server/src/core/features/disableRule');
    const diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'x', source: 'cable', data: { ruleId: 'tag-unknown' } };
    for (const text of ['{"rules": []}', '[]', 'null', '{"rules": "off"}']) {
      assert.deepEqual(disableRuleActions({ diagnostics: [diagnostic], config: { uri: 'file:///c/.cablelintrc.json', text } }), [], text);
    }
    const ok = disableRuleActions({ diagnostics: [diagnostic], config: { uri: 'file:///c/.cablelintrc.json', text: '{}' } });
    assert.equal(ok.length, 1);
  });
});

describe('"Disable rule" keeps each comment with its rule', () => {
  const applied = async (text: string, ruleId = 'rendering-artifact'): Promise<string> => {
    const { disableRuleActions } = await import('../../server/src/core/features/disableRule');
    const { LineMap } = await import('../../server/src/core/text/lineMap');
    const diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'x', source: 'cable', data: { ruleId } };
    const uri = 'file:///c/.cablelintrc.json';
    const [action] = disableRuleActions({ diagnostics: [diagnostic], config: { uri, text } });
    const lines = new LineMap(text);
    // Applied from the end, so the offsets of the earlier edits hold.
    const edits = [...action.edit!.changes![uri]].sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start));
    return edits.reduce((t, e) => t.slice(0, lines.offsetAt(e.range.start)) + e.newText + t.slice(lines.offsetAt(e.range.end)), text);
  };
  it('adds the rule on a line of its own at the top of the rules, leaving trailing and leading comments where they were', async () => {
    assert.equal(
      await applied('{\n  "rules": {\n    "tag-unknown": "error" // why\n  }\n}\n'),
      '{\n  "rules": {\n    "rendering-artifact": "off",\n    "tag-unknown": "error" // why\n  }\n}\n',
    );
    assert.equal(
      await applied('{\r\n  "rules": { // my rules\r\n    // the tags\r\n    "tag-unknown": "error"\r\n  }\r\n}\r\n'),
      '{\r\n  "rules": { // my rules\r\n    "rendering-artifact": "off",\r\n    // the tags\r\n    "tag-unknown": "error"\r\n  }\r\n}\r\n',
    );
  });
  it('sets a rule that is there in place, and uses jsonc-parser where the rules are not one a line', async () => {
    assert.equal(await applied('{\n  "rules": {\n    "rendering-artifact": "error", // loud\n    "tag-unknown": "error"\n  }\n}\n'), '{\n  "rules": {\n    "rendering-artifact": "off", // loud\n    "tag-unknown": "error"\n  }\n}\n');
    assert.match(await applied('{ "rules": {} }'), /"rules": \{\s*"rendering-artifact": "off"\s*\}/);
    assert.match(await applied('{ "codeTables": [] }'), /"rules": \{\s*"rendering-artifact": "off"\s*\}/);
  });
});
