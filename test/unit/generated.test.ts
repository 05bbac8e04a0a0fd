/** Generated files (rule docs, config schema, package.json rules setting, README table, code tables) are up to date. */
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
