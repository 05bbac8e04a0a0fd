/**
 * Reading a cable file (node/files.ts): the bytes are the file's, whatever its size, and a
 * file whose stat reports no size (files of /proc) is read to its end.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { readCableFileSync } from '../../server/src/node/files';
import { corpusFiles } from '../helpers/fixtures';

const scratch = mkdtempSync(path.join(tmpdir(), 'cable-files-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

describe('readCableFileSync', () => {
  it('gives the bytes readFileSync gives: every corpus cable, an empty file, a large one', () => {
    const empty = path.join(scratch, 'empty.cable');
    writeFileSync(empty, '');
    const large = path.join(scratch, 'large.cable');
    writeFileSync(large, readFileSync(corpusFiles()[0], 'utf8').repeat(400));
    for (const file of [...corpusFiles(), empty, large]) {
      const read = readCableFileSync(file);
      assert.deepEqual(Buffer.from(read.bytes), readFileSync(file), file);
    }
  });

  it('reads a file whose stat says it is empty to its end (/proc/self/status)', { skip: process.platform !== 'linux' }, () => {
    const link = path.join(scratch, 'status.cable');
    symlinkSync('/proc/self/status', link);
    assert.match(readCableFileSync(link).text, /^Name:/m);
  });
});
