/**
 * Hostile documents: inputs whose size would overflow the stack where work is done by
 * recursion or by spreading a large array into a call. Every feature must answer.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentSymbols } from '../../server/src/core/features/documentSymbols';
import { foldingRanges } from '../../server/src/core/features/foldingRanges';
import { parse } from '../../server/src/core/parser/parse';
import { lint } from '../../server/src/core/rules/engine';
import { builtinTables } from '../../server/src/core/tables/codeTables';

const tables = builtinTables();

function everyFeature(text: string): ReturnType<typeof parse> {
  const doc = parse(text, { station: tables.station });
  lint(doc, { tables });
  documentSymbols(doc);
  foldingRanges(doc);
  return doc;
}

describe('hostile documents', () => {
  it('130,000 END NOTE markers (1.2 MB)', () => {
    assert.equal(everyFeature(`UNCLAS ROME 000001\nTAGS: PREL\nSUBJECT: X\n\n1. (U) text\n${'END NOTE\n'.repeat(130_000)}`).body.markers.length, 130_000);
  });
  it('200,000 INFO addressee lines', () => {
    const doc = everyFeature(`VZCZCXRO0001\nOO RUEHRO\nDE RUEHRO #0001 0010000\nZNR UUUUU ZZH\nO 010000Z JAN 09\nFM AMEMBASSY ROME\nTO RUEHC/SECSTATE WASHDC\nINFO RUEHXX/AMEMBASSY ROME\n${'RUEHXX/AMEMBASSY ROME\n'.repeat(200_000)}UNCLAS ROME 000001\n`);
    assert.equal(doc.header.info.length, 200_001);
  });
  it('150,000 numbered paragraphs', () => {
    let text = 'UNCLAS ROME 000001\nTAGS: PREL\nSUBJECT: X\n\n';
    for (let k = 1; k <= 150_000; k++) text += `${k % 99 + 1}. (U) text\n\n`;
    assert.equal(everyFeature(text).body.paragraphs.length, 150_000);
  });
});
