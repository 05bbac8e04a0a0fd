/**
 * Reading a cable file (node/files.ts): the bytes are the file's, whatever its size, and a
 * file whose stat reports no size (files of /proc) is read to its end. The text-only read
 * (lint, parse) reuses one buffer: each text is its file's alone.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { FileError, readCableFileSync, readCableTextSync } from '../../server/src/node/files';
import { decodeBytes } from '../../server/src/core/text/decode';
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

describe('readCableTextSync', () => {
  it('gives each file its own text, with one buffer reused: large, smaller, empty, larger, past the limit, small', () => {
    const cable = readFileSync(corpusFiles()[1], 'utf8');
    // Files of given sizes (in bytes of ASCII text), built from a real cable.
    const sized = (name: string, bytes: number): string => {
      const file = path.join(scratch, name);
      writeFileSync(file, cable.repeat(Math.ceil(bytes / cable.length) + 1).slice(0, bytes).replace(/[^\x20-\x7e\n]/g, ' '));
      assert.equal(readFileSync(file).length, bytes);
      return file;
    };
    const files = [
      sized('text-4mb.cable', 4_000_000),
      ...corpusFiles(),
      sized('text-empty.cable', 0),
      sized('text-6mb.cable', 6_000_000),
      // Larger than the reused buffer may grow (16 MiB): a buffer of its own.
      sized('text-17mb.cable', 17_000_000),
      corpusFiles()[0],
    ];
    const texts = files.map((file) => [file, readCableTextSync(file)] as const);
    // Compared after all the reads: no text is cut short or carries another file's bytes.
    for (const [file, read] of texts) assert.deepEqual(read, decodeBytes(readFileSync(file)), file);
  });

  it('refuses a binary file as readCableFileSync does', () => {
    const binary = path.join(scratch, 'binary.cable');
    writeFileSync(binary, Buffer.from([0x55, 0x00, 0x01, 0x02]));
    assert.throws(() => readCableTextSync(binary), (error) => error instanceof FileError && /binary/.test(error.message));
    assert.throws(() => readCableFileSync(binary), (error) => error instanceof FileError && /binary/.test(error.message));
  });
});
