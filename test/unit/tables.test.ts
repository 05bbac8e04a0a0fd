/** Code tables: lookups from the real tables, user tables merged over them, table files read safely. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as path from 'node:path';
import { hover } from '../../server/src/core/features/hover';
import { builtinTables, mergeTables, parseUserTable, tablesWith } from '../../server/src/core/tables/codeTables';
import { decodeBytes, encodeText } from '../../server/src/core/text/decode';
import { CORPUS, parseFile } from '../helpers/fixtures';

const tables = builtinTables();

describe('code tables', () => {
  it('decode the seed cable\'s codes', () => {
    assert.equal(tables.routingIndicator('RUEHTA')?.name, 'AMEMBASSY ASTANA');
    assert.equal(tables.routingIndicator('rucncis')?.name, 'CIS COLLECTIVE');
    assert.equal(tables.precedenceByLetter('OO')?.precedence, 'IMMEDIATE');
    assert.equal(tables.precedenceByLetter('Z')?.precedence, 'FLASH');
    assert.equal(tables.tag('KZ')?.meanings[0], 'Kazakhstan');
    assert.equal(tables.tag('PGOV')?.kind, 'subject');
    assert.equal(tables.caveat('SIPDIS')?.kind, 'distribution caption');
    assert.ok(tables.caveat('(C//NF)'));
    assert.ok(tables.caveat('REL TO UK'));
    assert.equal(tables.executiveOrder('12958')?.signed, '1995-04-17');
    assert.equal(tables.origin('SAN JOSE')?.country, 'Costa Rica');
    assert.equal(tables.station('SECSTATE'), 'STATE');
    assert.ok(tables.isStation('USEUBRUSSELS'));
    assert.equal(tables.originByRoutingIndicator('RUEHTA')?.station, 'ASTANA');
  });

  it('flag conflicting readings', () => {
    const au = tables.tag('AU')!;
    assert.ok(au.conflict);
    assert.deepEqual(au.meanings, ['Austria (FIPS 10-4)', 'African Union (organization acronym, CIA Factbook App. B)']);
  });

  it('name indicators as the cable headers do, and decode THRU ranges', () => {
    assert.equal(tables.routingIndicator('RUEHQT')?.name, 'AMEMBASSY QUITO', 'not the sources\' AMEMBASSY QUINTO');
    assert.equal(tables.routingIndicator('RUEHUNV')?.name, 'USMISSION UNVIE VIENNA', 'not USMISSIN');
    assert.match(tables.routingIndicator('RUEHQT')!.sources, /,name_from_headers$/);
    const doj = tables.routingIndicator('RUEAWJA')!;
    assert.deepEqual([doj.name, doj.thru], ['DEPT OF JUSTICE WASHINGTON DC', 'RUEAWJD'], 'not "HRU RUEAWJD DEPT OF JUSTICE ..."');
    assert.equal(tables.routingIndicator('RUEHTA')?.thru, '');
    const doc = parseFile(path.join(CORPUS, '09HAVANA592.cable'));
    const h = (hover(doc, doc.text.indexOf('RUEAWJA/') + 1, tables)?.contents as { value: string }).value.replace(/\\(.)/g, '$1');
    assert.match(h, /^\*\*DEPT OF JUSTICE WASHINGTON DC\*\*: routing indicator `RUEAWJA`/);
    assert.match(h, /One of the indicators `RUEAWJA` through `RUEAWJD`/);
    assert.doesNotMatch(h, /HRU/);
  });

  it('never invent a meaning: empty cells stay empty', () => {
    assert.deepEqual(tables.tag('MNUC')?.meanings, []);
    assert.equal(tables.routingIndicator('RUEHWEB')?.name, '');
  });

  it('merge user rows over the built-in ones', () => {
    const { tables: extra, errors } = parseUserTable('mine.tsv', 'tag\tmeaning\tkind\nSOCI\tSocial conditions (our note)\tsubject\nXQZT\tOur project tag\tprogram\n');
    assert.deepEqual(errors, []);
    const merged = tablesWith([extra]);
    assert.deepEqual(merged.tag('SOCI')?.meanings, ['Social conditions (our note)']);
    assert.equal(merged.tag('SOCI')?.count, tables.tag('SOCI')?.count, 'cells the user left out stay');
    assert.equal(merged.tag('XQZT')?.kind, 'program');
    assert.equal(tables.tag('XQZT'), undefined, 'the built-in tables are untouched');
  });

  it('read JSON user tables, by file name or by key column', () => {
    const byName = parseUserTable('routing_indicators.json', JSON.stringify([{ ri: 'RUEHXYZ', name: 'AMEMBASSY NOWHERE' }]));
    assert.deepEqual(byName.errors, []);
    assert.equal(tablesWith([byName.tables]).routingIndicator('RUEHXYZ')?.name, 'AMEMBASSY NOWHERE');
    const byObject = parseUserTable('extra.json', JSON.stringify({ tags: [{ tag: 'ZZZZ', meaning: 'Test' }] }));
    assert.equal(tablesWith([byObject.tables]).tag('ZZZZ')?.meanings[0], 'Test');
  });

  it('know the kinds a tag and a routing indicator can be; a user kind outside them is reported by row and read as unknown', () => {
    const { tables: extra, errors } = parseUserTable('mine.tsv', 'tag\tmeaning\tkind\nXQZA\tOne\tprogram\nXQZB\tTwo\tprogramme\nXQZC\tThree\t\n');
    assert.deepEqual(errors, ['mine.tsv: tags row 2: kind is not one of geographic, subject, program, organization, person, unknown; read as unknown']);
    const merged = tablesWith([extra]);
    assert.equal(merged.tag('XQZA')?.kind, 'program');
    assert.equal(merged.tag('XQZB')?.kind, 'unknown');
    assert.equal(merged.tag('XQZC')?.kind, 'unknown');
    const ri = parseUserTable('routing_indicators.json', JSON.stringify([{ ri: 'RUEHXYZ', name: 'X', kind: 'embassy' }]));
    assert.deepEqual(ri.errors, ['routing_indicators.json: routing_indicators row 1: kind is not one of us_diplomatic, collective, relay, other; read as other']);
    assert.equal(tablesWith([ri.tables]).routingIndicator('RUEHXYZ')?.kind, 'other');
    // Every built-in row has a known kind.
    for (const info of tables.allRoutingIndicators()) assert.ok(['us_diplomatic', 'collective', 'relay', 'other'].includes(info.kind), info.ri);
  });

  it('report bad user tables instead of failing', () => {
    assert.match(parseUserTable('x.json', '{not json').errors[0], /not valid JSON/);
    assert.match(parseUserTable('x.tsv', 'foo\tbar\n1\t2\n').errors[0], /first column must be one of/);
    assert.match(parseUserTable('x.tsv', '').errors[0], /empty/);
  });

  it('mergeTables leaves tables without user rows as they were', () => {
    const base = { tags: { columns: ['tag', 'meaning'], rows: [['A', 'x']] } };
    assert.equal(mergeTables(base, []), base);
  });
});

describe('decoding', () => {
  it('reads UTF-8, drops and reports a BOM', () => {
    const d = decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xc2, 0xb6]));
    assert.deepEqual([d.text, d.encoding, d.bom], ['A¶', 'utf-8', true]);
  });
  it('falls back to Windows-1252 when the bytes are not UTF-8', () => {
    const d = decodeBytes(new Uint8Array([0xb6, 0x31, 0x2e, 0x20, 0x93, 0x94]));
    assert.deepEqual([d.text, d.encoding], ['¶1. “”', 'windows-1252']);
    assert.deepEqual([...encodeText(d.text, 'windows-1252', false)], [0xb6, 0x31, 0x2e, 0x20, 0x93, 0x94]);
  });
  it('flags binary content', () => {
    assert.equal(decodeBytes(new Uint8Array([0x41, 0, 0x42])).binary, true);
    assert.equal(decodeBytes(new TextEncoder().encode('UNCLAS ASTANA 002361\n')).binary, false);
  });
});
