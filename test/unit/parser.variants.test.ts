/**
 * Hand-checked expectations for the seed cable and one cable of each rendering variant.
 * Each test/fixtures/expected/*.json names its fixture and what the parser must find in it.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { decodeBytes } from '../../server/src/core/text/decode';
import { FIXTURES, parseFile } from '../helpers/fixtures';
import { parserView } from '../helpers/outline';

const dir = path.join(FIXTURES, 'expected');

describe('rendering variants', () => {
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const spec = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as { file: string; variant: string; expect: Record<string, unknown> };
    it(`${name.replace(/\.json$/, '')}: ${spec.variant}`, () => {
      const file = path.join(FIXTURES, spec.file);
      const view: Record<string, unknown> = { ...parserView(parseFile(file)), encoding: decodeBytes(readFileSync(file)).encoding };
      for (const [key, expected] of Object.entries(spec.expect)) {
        assert.deepEqual(view[key], expected, key);
      }
    });
  }
});

describe('the seed cable', () => {
  const doc = parseFile(path.join(FIXTURES, 'seed', '08ASTANA2361.cable'));
  it('reads the Markdown TAGS links as tags', () => {
    assert.deepEqual(doc.textHeader.tags?.tags.map((t) => [t.code, doc.text.slice(t.start, t.end)]), [
      ['PGOV', 'PGOV'],
      ['PREL', 'PREL'],
      ['SOCI', 'SOCI'],
      ['KDEM', 'KDEM'],
      ['KZ', 'KZ'],
    ]);
  });
  it('takes 15., 16., 17. for paragraphs 5, 6, 7 with a misread pilcrow', () => {
    const misread = doc.body.paragraphs.filter((p) => p.pilcrowMisread).map((p) => [p.rawNumber, p.number]);
    assert.deepEqual(misread, [
      [15, 5],
      [16, 6],
      [17, 7],
    ]);
  });
  it('puts each paragraph after the first under its heading', () => {
    assert.deepEqual(
      doc.body.paragraphs.map((p) => (p.heading === undefined ? null : doc.body.headings[p.heading].token.text.split(' ')[0])),
      [null, 'NUR', 'GOVERNMENT', 'COURTS', 'FOREIGN', 'CAMPAIGN', 'MORTGAGE'],
    );
  });
  it('finds the Markdown artifacts: five links and two \\$ escapes', () => {
    assert.deepEqual(doc.artifacts.map((a) => a.kind), ['markdownLink', 'markdownLink', 'markdownLink', 'markdownLink', 'markdownLink', 'backslashEscape', 'backslashEscape']);
  });
  it('derives the id, the DTG instant and the level', () => {
    assert.equal(doc.id, '08ASTANA2361');
    assert.equal(doc.dtg?.instant?.toISOString(), '2008-11-26T09:15:00.000Z');
    assert.equal(doc.classification, 'UNCLASSIFIED');
  });
});
