/**
 * Every cable of the corpus parses, and what the parser finds agrees with corpus/index.tsv
 * (made by another tool from the same files). Where the index is known to be wrong or
 * silent, test/fixtures/corpus/index-exceptions.tsv gives the value the parser must find
 * instead, and why.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CORPUS, corpusFiles, parseFile, readTsv } from '../helpers/fixtures';
import type { CableDocument } from '../../server/src/core/model/cable';

const index = readTsv(path.join(CORPUS, 'index.tsv'));
const exceptions = new Map(readTsv(path.join(CORPUS, 'index-exceptions.tsv')).map((r) => [`${r.id}:${r.field}`, r]));

function found(doc: CableDocument): Record<string, string> {
  const c = doc.textHeader.classification;
  return {
    classification_line: c ? doc.text.slice(c.span.start, c.serialToken?.end ?? c.levelToken.end) : '',
    section: c?.section ? `${c.section.n}/${c.section.m}` : '',
    prosign: doc.header.routing?.prosign?.text ?? '',
    zn_line: doc.header.security ? `${doc.header.security.keyword.text} ${doc.header.security.level?.text ?? ''}`.trim() : '',
    has_ref: doc.textHeader.refs ? 'yes' : 'no',
    has_end_summary: doc.body.markers.some((m) => m.kind === 'summary' && m.role === 'end') ? 'yes' : 'no',
    has_end_comment: doc.body.markers.some((m) => m.kind === 'comment' && m.role === 'end') ? 'yes' : 'no',
    tags_line: (doc.textHeader.tags?.tags.map((t) => t.code) ?? []).join(' '),
  };
}

function normalize(field: string, value: string): string {
  const v = value.trim();
  switch (field) {
    case 'classification_line':
      return v.replace(/\s*\\$/, '').replace(/\s+/g, ' ');
    case 'section':
      return v ? v.split('/').map((n) => String(Number(n))).join('/') : '';
    case 'tags_line':
      return v.split(/[\s,]+/).filter(Boolean).map((t) => t.toUpperCase()).join(' ');
    default:
      return v;
  }
}

describe('the corpus', () => {
  it('has all 194 cables of the index', () => {
    assert.equal(index.length, 194);
    assert.deepEqual(new Set(corpusFiles().map((f) => path.basename(f, '.cable'))), new Set(index.map((r) => r.id)));
  });

  for (const row of index) {
    it(`${row.id} parses and agrees with the index`, () => {
      const doc = parseFile(path.join(CORPUS, `${row.id}.cable`));
      const got = found(doc);
      for (const field of Object.keys(got)) {
        const exception = exceptions.get(`${row.id}:${field}`);
        const expected = exception ? exception.parser : row[field];
        assert.equal(normalize(field, got[field]), normalize(field, expected), `${field}${exception ? ` (index exception: ${exception.reason})` : ''}`);
      }
      // Nodes cover every line exactly once, in order.
      let next = 0;
      for (const node of doc.nodes) {
        assert.equal(node.firstLine, next, `node ${node.kind} starts at line ${node.firstLine}, expected ${next}`);
        assert.ok(node.lastLine >= node.firstLine);
        next = node.lastLine + 1;
      }
      assert.equal(next, doc.lines.lineCount);
    });
  }

  it('uses every exception (none is stale)', () => {
    for (const [key, exception] of exceptions) {
      const row = index.find((r) => r.id === exception.id);
      assert.ok(row, `${key}: no such cable in the index`);
      const got = found(parseFile(path.join(CORPUS, `${exception.id}.cable`)));
      assert.notEqual(normalize(exception.field, row![exception.field]), normalize(exception.field, got[exception.field]), `${key}: the index agrees now; remove the exception`);
    }
  });
});
