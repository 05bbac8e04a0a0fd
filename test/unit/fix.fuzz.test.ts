/**
 * `cable fix` on real cables edited at random (artifacts, cuts, stray characters): it never
 * throws, a second run changes nothing, and the prose is untouched. Fixes work on codes,
 * labels and markup; the lower-case letters of the text come out as they went in, in order.
 *
 * A fixed seed and a bounded count in `npm test`; `npm run fuzz` runs many more
 * (FUZZ_RUNS), and FUZZ_SEED replays a run.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fixText } from '../../server/src/core/rules/engine';
import { builtinTables } from '../../server/src/core/tables/codeTables';
import { editedCableOf } from '../helpers/arbitraries';
import { corpusFiles, parseText, readText } from '../helpers/fixtures';

const tables = builtinTables();
const corpus = corpusFiles().map(readText);
const runs = Number(process.env.FUZZ_RUNS ?? 3000);
const seed = Number(process.env.FUZZ_SEED ?? 10);
const fix = (text: string): string => fixText(text, parseText, { tables }).text;

/**
 * The prose of a text: its runs of three or more lower-case letters, in order (not the names
 * of character references such as &amp;). A fix may add a line break or a space between
 * `and` and a run-in `TAGS:`, but never split, join or change lower-case letters.
 */
function proseWords(text: string): string[] {
  const withoutReferences = text.replace(/&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);/g, ' ');
  return [...withoutReferences.matchAll(/[a-z]{3,}/g)].map((m) => m[0]);
}

describe('cable fix on randomly edited real cables', () => {
  it('never throws, is idempotent, and keeps every prose word', () => {
    fc.assert(
      fc.property(editedCableOf(corpus), (text) => {
        const once = fix(text);
        assert.equal(fix(once), once, 'a second run changed the text');
        assert.deepEqual(proseWords(once), proseWords(text), 'a fix changed a word of the text');
      }),
      { numRuns: runs, seed },
    );
  });

  it('keeps every prose word of every real cable of the corpus', () => {
    for (const text of corpus) assert.deepEqual(proseWords(fix(text)), proseWords(text));
  });
});
