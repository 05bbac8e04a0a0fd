// Development aid: compares the parser with corpus/index.tsv and prints disagreements.
import { readFileSync } from 'node:fs';
import { parse } from '../server/src/core/parser/parse';
import { decodeBytes } from '../server/src/core/text/decode';

const dir = 'test/fixtures/corpus';
const rows = readFileSync(`${dir}/index.tsv`, 'utf8').trim().split('\n').map((l) => l.split('\t'));
const head = rows.shift()!;
const col = (r: string[], name: string) => r[head.indexOf(name)] ?? '';
let bad = 0;
for (const r of rows) {
  const id = col(r, 'id');
  const doc = parse(decodeBytes(readFileSync(`${dir}/${id}.cable`)).text);
  const c = doc.textHeader.classification;
  const got: Record<string, string> = {
    classification_line: c ? doc.text.slice(c.span.start, c.serialToken?.end ?? c.levelToken.end) : '',
    section: c?.section ? `${String(c.section.n).padStart(2, '0')}/${String(c.section.m).padStart(2, '0')}` : '',
    prosign: doc.header.routing?.prosign?.text ?? '',
    zn_line: doc.header.security ? `${doc.header.security.keyword.text} ${doc.header.security.level?.text ?? ''}`.trim() : '',
    has_ref: doc.textHeader.refs ? 'yes' : 'no',
    has_end_summary: doc.body.markers.some((m) => m.kind === 'summary' && m.role === 'end') ? 'yes' : 'no',
    has_end_comment: doc.body.markers.some((m) => m.kind === 'comment' && m.role === 'end') ? 'yes' : 'no',
    tags_line: (doc.textHeader.tags?.tags.map((t) => t.code) ?? []).join(' '),
  };
  const diffs: string[] = [];
  for (const k of Object.keys(got)) {
    let want = col(r, k).trim();
    let g = got[k].trim();
    if (k === 'tags_line') want = want.split(/[\s,]+/).filter(Boolean).map((t) => t.toUpperCase()).join(' ');
    if (k === 'classification_line') { want = want.replace(/\s+/g, ' '); g = g.replace(/\s+/g, ' '); }
    if (want !== g) diffs.push(`${k}: index=${JSON.stringify(want)} parser=${JSON.stringify(g)}`);
  }
  if (diffs.length) { bad++; console.log(id, '\n  ' + diffs.join('\n  ')); }
}
console.log(`${bad} of ${rows.length} differ`);
// Second pass: paragraph numbering and portion marks.
let bad2 = 0;
for (const r of rows) {
  const id = col(r, 'id');
  const doc = parse(decodeBytes(readFileSync(`${dir}/${id}.cable`)).text);
  const marks = [...new Set(doc.body.paragraphs.map((p) => p.portionMark?.text.slice(1, -1)).filter(Boolean))].sort().join(',');
  const want = col(r, 'portion_marks').split(',').filter(Boolean).sort().join(',');
  const nums = doc.body.paragraphs.map((p) => p.number);
  const seq = nums.every((n, k) => n === k + 1) ? 'yes' : 'no';
  const wantSeq = col(r, 'para_numbering_sequential');
  const d: string[] = [];
  if (marks !== want) d.push(`marks index=${want} parser=${marks}`);
  if (wantSeq && seq !== wantSeq) d.push(`seq index=${wantSeq} parser=${seq} [${nums.join(' ')}]`);
  if (d.length) { bad2++; console.log(id, d.join('; ')); }
}
console.log(`${bad2} differ on paragraphs`);
