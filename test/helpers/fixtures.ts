/** Test fixtures: the corpus of real cables (copied from the shared corpus) and the seed cable. */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CableDocument } from '../../server/src/core/model/cable';
import { parse } from '../../server/src/core/parser/parse';
import { builtinTables } from '../../server/src/core/tables/codeTables';
import { decodeBytes } from '../../server/src/core/text/decode';

export const ROOT = path.resolve(__dirname, '..', '..');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');
export const CORPUS = path.join(FIXTURES, 'corpus');
export const SEED = path.join(FIXTURES, 'seed', '08ASTANA2361.cable');

export function corpusFiles(): string[] {
  return readdirSync(CORPUS)
    .filter((f) => f.endsWith('.cable'))
    .sort()
    .map((f) => path.join(CORPUS, f));
}

export function readText(file: string): string {
  return decodeBytes(readFileSync(file)).text;
}

export function parseText(text: string, fileName?: string): CableDocument {
  return parse(text, { station: builtinTables().station, fileName });
}

export function parseFile(file: string): CableDocument {
  return parseText(readText(file), file);
}

/** Reads a TSV file with a header row into objects. */
export function readTsv(file: string): Record<string, string>[] {
  const lines = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n').split('\n').filter((l) => l.length);
  const head = lines.shift()!.split('\t');
  return lines.map((l) => {
    const cells = l.split('\t');
    return Object.fromEntries(head.map((h, k) => [h, cells[k] ?? '']));
  });
}

/** The text covered by a span. */
export function textOf(doc: CableDocument, span: { start: number; end: number }): string {
  return doc.text.slice(span.start, span.end);
}

/** A fresh folder under the system's temporary folder, removed when the test `t` ends. */
export function scratchDir(t: { after(fn: () => void): void }, prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Makes, inside `dir`, a folder that cannot be listed even by root (which may list any
 * folder): one whose full path is longer than the system allows, made one short relative
 * step at a time, with a cable in it. Returns nothing; `rm -rf dir` removes it.
 */
export function makeUnlistableFolder(dir: string, cable: Buffer | string): void {
  const cwd = process.cwd();
  try {
    process.chdir(dir);
    for (let depth = 0; depth < 20; depth++) {
      mkdirSync('d'.repeat(250));
      process.chdir('d'.repeat(250));
    }
    writeFileSync('deep.cable', cable);
  } finally {
    process.chdir(cwd);
  }
}
