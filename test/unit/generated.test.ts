/**
 * Generated files (rule docs, config schema, package.json rules setting, README table, code
 * tables) are up to date.
 *
 * This is a change detector, not a check of correctness: the per-rule corpus counts in the
 * docs and the README are what the rules themselves produce, so a wrong rule keeps this test
 * green once regenerated. It fails when a rule's findings on the corpus change without the
 * docs following, which is the moment to look at the change. Whether a finding is right is
 * checked by the reviewed fixtures (test/fixtures/rules, rules.test.ts) and the judged
 * samples (docs/rules/precision.md).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, generatedFiles } from '../../scripts/generate';

describe('generated files', () => {
  for (const [file, content] of generatedFiles()) {
    it(`${file} is up to date (run npm run generate)`, () => {
      const full = path.join(ROOT, file);
      assert.ok(existsSync(full), `${file} is missing`);
      assert.equal(readFileSync(full, 'utf8'), content);
    });
  }
});
