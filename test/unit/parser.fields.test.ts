/**
 * What `cable parse` exports for each of the 194 corpus cables agrees with the hand-checked
 * expectations in test/fixtures/fields/ (written by reading each cable, not from the
 * parser's output). Where the parser is known to fall short, known-gaps.tsv says so and why;
 * a gap that closes must be removed from it.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { summarize } from '../../server/src/core/features/summary';
import { compareFields, FIELDS, type FieldExpectation } from '../helpers/fieldExpectations';
import { CORPUS, FIXTURES, corpusFiles, parseFile, readTsv } from '../helpers/fixtures';

const DIR = path.join(FIXTURES, 'fields');
const gaps = new Map(readTsv(path.join(DIR, 'known-gaps.tsv')).map((r) => [`${r.id}:${r.field}`, r.reason]));

describe('hand-checked fields', () => {
  it('has an expectation for every corpus cable', () => {
    const expected = readdirSync(DIR).filter((f) => f.endsWith('.json')).map((f) => path.basename(f, '.json')).sort();
    assert.deepEqual(expected, corpusFiles().map((f) => path.basename(f, '.cable')));
  });

  for (const file of corpusFiles()) {
    const id = path.basename(file, '.cable');
    it(`${id}: tags, subject, references, classified by, signers, summary, id`, () => {
      const expected = JSON.parse(readFileSync(path.join(DIR, `${id}.json`), 'utf8')) as FieldExpectation;
      const result = compareFields(id, summarize(parseFile(path.join(CORPUS, `${id}.cable`))), expected);
      for (const field of FIELDS) {
        const gap = gaps.get(`${id}:${field}`);
        if (gap) assert.notEqual(result[field].got, result[field].expected, `${field} agrees now: remove it from known-gaps.tsv (${gap})`);
        else assert.equal(result[field].got, result[field].expected, field);
      }
    });
  }

  it('lists only real cables and fields as known gaps', () => {
    for (const key of gaps.keys()) {
      const [id, field] = key.split(':');
      assert.ok(corpusFiles().some((f) => path.basename(f, '.cable') === id), `${key}: no such cable`);
      assert.ok((FIELDS as readonly string[]).includes(field), `${key}: no such field`);
    }
  });
});
