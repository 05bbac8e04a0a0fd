// Development aid: prints what the parser found in each file given.
import { readFileSync } from 'node:fs';
import { parse } from '../server/src/core/parser/parse';
import { decodeBytes } from '../server/src/core/text/decode';

for (const file of process.argv.slice(2)) {
  const { text } = decodeBytes(readFileSync(file));
  const doc = parse(text);
  const c = doc.textHeader.classification;
  console.log(JSON.stringify({
    file: file.replace(/.*\//, ''),
    id: doc.id,
    cls: c ? doc.text.slice(c.span.start, c.serialToken?.end ?? c.levelToken.end) : null,
    level: doc.classification,
    section: c?.section,
    prosign: doc.header.routing?.prosign?.text,
    zn: doc.header.security ? `${doc.header.security.keyword.text} ${doc.header.security.level?.text}` : null,
    dtg: doc.dtg?.instant?.toISOString(),
    tags: doc.textHeader.tags?.tags.map((t) => t.code).join(' '),
    subj: doc.textHeader.subject?.text.slice(0, 50),
    refs: doc.textHeader.refs?.items.map((r) => `${r.letter ?? ''}:${r.cables.map((c) => c.id).join(',')}`),
    paras: doc.body.paragraphs.map((p) => p.number + (p.portionMark ? p.portionMark.text : '')).join(' '),
    heads: doc.body.headings.length,
    blocks: doc.body.blocks.map((b) => `${b.kind}${b.start ? 'S' : ''}${b.end ? 'E' : ''}`).join(' '),
    sig: doc.body.signature?.text,
    rend: [...doc.renderings].join(','),
  }));
}
