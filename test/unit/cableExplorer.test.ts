/**
 * The Cables view's grouping and filtering, and the reference graph, over the corpus's index
 * entries (each expectation recomputed here from the parsed cables, not copied from a run).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CablesViewNode } from '../../common/protocol';
import { CableExplorer, MAX_CABLES_PER_GROUP, matchesFilter, parseCableFilter, type ExplorerIndex } from '../../server/src/core/features/cableExplorer';
import { referenceGraph, type GraphIndex } from '../../server/src/core/features/referenceGraph';
import { indexEntry, type CableIndexEntry } from '../../server/src/core/features/workspace';
import { builtinTables } from '../../server/src/core/tables/codeTables';
import { corpusFiles, parseFile, parseText, readText } from '../helpers/fixtures';

const tables = builtinTables();
const docs = corpusFiles().map((file) => ({ file, doc: parseFile(file) }));
const corpusEntries = docs.map(({ file, doc }) => indexEntry(doc, `file://${file}`));

/** An index over entries, as the workspace index answers (version bumped by `replace`). */
function memoryIndex(entries: CableIndexEntry[]): ExplorerIndex & GraphIndex & { replace(all: CableIndexEntry[]): void } {
  let list = entries;
  let version = 1;
  return {
    complete: true,
    get version() {
      return version;
    },
    all: () => list,
    get: (uri) => list.find((e) => e.uri === uri),
    filesOf: (id) => list.filter((e) => e.id === id).map((e) => e.uri),
    citing: (id) => list.filter((e) => e.cites.includes(id)),
    replace(all) {
      list = all;
      version++;
    },
  };
}

const sum = (nodes: CablesViewNode[]): number => nodes.reduce((n, x) => n + (x.count ?? 0), 0);

describe('Cables view: grouping', () => {
  const index = memoryIndex(corpusEntries);
  const explorer = new CableExplorer();

  it('by date: years, then months, then the cables of the month in date order', () => {
    const years = explorer.children(index, 'date', '', [], tables);
    assert.equal(years.total, corpusEntries.length);
    assert.equal(years.matched, corpusEntries.length);
    assert.equal(sum(years.nodes), corpusEntries.length);
    const undated = corpusEntries.filter((e) => !e.date).length;
    assert.ok(undated > 0, 'the corpus has cables without a date');
    assert.deepEqual(years.nodes.at(-1), { kind: 'group', key: '', label: '(no date)', description: undefined, tooltip: undefined, count: undated });
    const keys = years.nodes.slice(0, -1).map((n) => n.key);
    assert.deepEqual(keys, [...new Set(corpusEntries.filter((e) => e.date).map((e) => e.date!.slice(0, 4)))].sort());
    for (const year of years.nodes.slice(0, -1)) {
      const months = explorer.children(index, 'date', '', [year.key], tables);
      assert.equal(sum(months.nodes), year.count, year.key);
      for (const month of months.nodes) {
        assert.match(month.label, new RegExp(`^[A-Z][a-z]+ ${year.key}$`));
        const cables = explorer.children(index, 'date', '', [year.key, month.key], tables).nodes;
        assert.equal(cables.length, month.count);
        const dates = cables.map((c) => c.cable?.date);
        assert.ok(dates.every((d) => d?.startsWith(month.key)));
        assert.deepEqual(dates, [...dates].sort());
      }
    }
    const nov2008 = explorer.children(index, 'date', '', ['2008', '2008-11'], tables).nodes;
    assert.equal(explorer.children(index, 'date', '', ['2008'], tables).nodes.find((n) => n.key === '2008-11')?.label, 'November 2008');
    const cable = nov2008[0];
    assert.equal(cable.kind, 'cable');
    assert.equal(cable.key, cable.cable?.uri);
  });

  it('by origin, with the post\'s name', () => {
    const origins = explorer.children(index, 'origin', '', [], tables).nodes;
    assert.equal(sum(origins), corpusEntries.length);
    const rome = origins.find((n) => n.key === 'ROME');
    assert.equal(rome?.count, corpusEntries.filter((e) => e.origin?.toUpperCase() === 'ROME').length);
    assert.equal(rome?.description, 'AMEMBASSY ROME');
    const cables = explorer.children(index, 'origin', '', ['ROME'], tables).nodes;
    assert.ok(cables.every((c) => c.cable?.origin?.toUpperCase() === 'ROME'));
  });

  it('by classification, lowest first', () => {
    const classes = explorer.children(index, 'classification', '', [], tables).nodes.map((n) => n.key);
    const order = ['UNCLASSIFIED', 'CONFIDENTIAL', 'SECRET'].filter((c) => classes.includes(c));
    assert.deepEqual(classes.filter((c) => order.includes(c)), order);
  });

  it('by TAGS: a cable under each of its tags, with the tag\'s meaning', () => {
    const tags = explorer.children(index, 'tags', '', [], tables).nodes;
    const withTag = (tag: string): number => docs.filter(({ doc }) => doc.textHeader.tags?.tags.some((t) => t.code === tag)).length;
    const prel = tags.find((n) => n.key === 'PREL');
    assert.equal(prel?.count, withTag('PREL'));
    assert.equal(prel?.description, 'Political Affairs--External Political Relations');
    assert.equal(sum(tags), corpusEntries.reduce((n, e) => n + Math.max(1, e.tags.length), 0));
    assert.equal(tags.find((n) => n.key === 'PREL')?.tooltip?.startsWith('PREL: '), true);
  });

  it('lists at most MAX_CABLES_PER_GROUP cables under a group, and says how many more', () => {
    const many = Array.from({ length: MAX_CABLES_PER_GROUP + 25 }, (_, k) => ({ ...corpusEntries[0], uri: `file:///many/${k}.cable`, id: `08ROME${k}`, origin: 'ROME' }));
    const big = memoryIndex(many);
    const nodes = new CableExplorer().children(big, 'origin', '', ['ROME'], tables).nodes;
    assert.equal(nodes.length, MAX_CABLES_PER_GROUP + 1);
    assert.deepEqual({ kind: nodes.at(-1)?.kind, count: nodes.at(-1)?.count, label: nodes.at(-1)?.label }, { kind: 'more', count: 25, label: '… 25 more' });
  });
});

describe('Cables view: filter', () => {
  const index = memoryIndex(corpusEntries);
  const explorer = new CableExplorer();
  const matched = (filter: string): CableIndexEntry[] => corpusEntries.filter((e) => matchesFilter(e, parseCableFilter(filter)));

  it('reads words, phrases and keyed parts', () => {
    assert.deepEqual(parseCableFilter('nuclear tag:kn "human rights" origin:"st. petersburg" class:secret from:2008-01 to:2008-06-30 12:30'), {
      words: ['nuclear', 'human rights', '12:30'],
      tags: ['KN'],
      origins: ['STPETERSBURG'],
      classifications: ['SECRET'],
      from: '2008-01',
      to: '2008-06-30',
      problems: [],
    });
    assert.deepEqual(parseCableFilter('date:2008-11'), { words: [], tags: [], origins: [], classifications: [], from: '2008-11', to: '2008-11', problems: [] });
    assert.deepEqual(parseCableFilter('from:2008-13').problems, ['from:2008-13 is not a date (YYYY, YYYY-MM or YYYY-MM-DD)']);
    // A space after the colon, as people type it.
    assert.deepEqual(parseCableFilter('tag: PREL origin: rome').tags, ['PREL']);
    assert.deepEqual(parseCableFilter('tag: PREL origin: rome').origins, ['ROME']);
    assert.deepEqual(parseCableFilter('note: iran').words, ['note:', 'iran']);
  });

  it('by tag, origin, classification and dates, as the parser read them', () => {
    assert.deepEqual(
      matched('tag:PREL tag:pgov').map((e) => e.uri),
      docs.filter(({ doc }) => ['PREL', 'PGOV'].every((t) => doc.textHeader.tags?.tags.some((x) => x.code === t))).map(({ file }) => `file://${file}`),
    );
    assert.ok(matched('tag:PREL tag:pgov').length > 5);
    assert.deepEqual(matched('origin:rome').map((e) => e.origin?.toUpperCase()), corpusEntries.filter((e) => e.origin?.toUpperCase() === 'ROME').map(() => 'ROME'));
    const secret = matched('class:secret');
    assert.ok(secret.length > 0 && secret.every((e) => e.classification?.startsWith('SECRET')));
    const spring = matched('from:2008-03 to:2008-05');
    assert.ok(spring.length > 0);
    assert.deepEqual(spring, corpusEntries.filter((e) => e.date && e.date >= '2008-03-01' && e.date <= '2008-05-31'));
    // As prefixes: a month (or year) bound lets in each of its days.
    const astana = corpusEntries.find((e) => e.id === '08ASTANA54')!;
    for (const f of [`date:${astana.date!.slice(0, 7)}`, `to:${astana.date!.slice(0, 7)}`, `to:${astana.date!.slice(0, 4)}`, `from:${astana.date!.slice(0, 7)}`]) {
      assert.ok(matched(f).includes(astana), f);
    }
    assert.deepEqual(matched('date:2008-11-26').map((e) => e.id), corpusEntries.filter((e) => e.date === '2008-11-26').map((e) => e.id));
  });

  it('by words of the id and subject, every word', () => {
    const astana = matched('astana 54');
    assert.ok(astana.some((e) => e.id === '08ASTANA54'));
    assert.ok(astana.every((e) => e.searchText.includes('astana') && e.searchText.includes('54')));
    // A word that is a tag finds the cables with that tag too.
    assert.ok(matched('tag:KDEM').length > 0);
    assert.ok(matched('kdem').length >= matched('tag:KDEM').length);
    assert.deepEqual(matched('nosuchwordanywhere'), []);
  });

  it('counts what the filter leaves, and says what it could not read', () => {
    const result = explorer.children(index, 'date', 'tag:PREL from:2008-99', [], tables);
    assert.equal(result.total, corpusEntries.length);
    assert.equal(result.matched, matched('tag:PREL').length);
    assert.equal(sum(result.nodes), result.matched);
    assert.deepEqual(result.problems, ['from:2008-99 is not a date (YYYY, YYYY-MM or YYYY-MM-DD)']);
  });

  it('finds the group keys down to a cable (to reveal it), none when the filter leaves it out', () => {
    const seed = corpusEntries.find((e) => e.id === '08ASTANA54')!;
    assert.deepEqual(explorer.pathOf(index, 'date', '', seed.uri), ['2008', seed.date?.slice(0, 7)]);
    assert.deepEqual(explorer.pathOf(index, 'origin', '', seed.uri), ['ASTANA']);
    // Under each of its tags: the path leads to the first of them in the view's order.
    assert.deepEqual(explorer.pathOf(index, 'tags', '', seed.uri), [[...seed.tags].sort()[0]]);
    assert.equal(explorer.pathOf(index, 'date', 'origin:rome', seed.uri), undefined);
    assert.equal(explorer.pathOf(index, 'date', '', 'file:///not/indexed.cable'), undefined);
  });

  it('answers with the index\'s entry of a cable (its positions), even when a grouping kept an older equal one', () => {
    const own = memoryIndex(corpusEntries);
    const view = new CableExplorer();
    const first = view.children(own, 'origin', '', ['ROME'], tables).nodes[0];
    const moved = { ...corpusEntries.find((e) => e.uri === first.key)!, range: { start: { line: 99, character: 0 }, end: { line: 99, character: 9 } } };
    // The same version: what an equal entry replacing the old one looks like to the explorer.
    const replaced = corpusEntries.map((e) => (e.uri === moved.uri ? moved : e));
    const sameVersion: typeof own = { ...own, version: own.version, all: () => replaced, get: (uri) => replaced.find((e) => e.uri === uri) };
    assert.equal(view.children(sameVersion, 'origin', '', ['ROME'], tables).nodes[0].cable?.range.start.line, 99);
  });

  it('groups again when the index changes', () => {
    const own = memoryIndex(corpusEntries);
    const view = new CableExplorer();
    assert.equal(view.children(own, 'date', '', [], tables).matched, corpusEntries.length);
    own.replace(corpusEntries.slice(1));
    assert.equal(view.children(own, 'date', '', [], tables).matched, corpusEntries.length - 1);
  });
});

describe('reference graph', () => {
  const napels38 = corpusEntries.find((e) => e.id === '08NAPLES38')!;
  // A cable made from a real one by a stated change: 08NAPLES37's text, its id and REF line
  // changed so that it cites 08NAPLES38 (the corpus has no cable citing it).
  const napoli37 = readText(docs.find(({ doc }) => doc.id === '08NAPLES37')!.file);
  const citingText = napoli37.replace(/NAPLES 0+37\b/g, 'NAPLES 000040').replace('#0037/', '#0040/').replace('REF: (A) NAPLES 36 (B) 07 NAPLES 119', 'REF: (A) NAPLES 38');
  const citing = indexEntry(parseText(citingText), 'file:///made/08NAPLES40.cable');

  it('holds the cited cables (two hops), the citing ones, and every edge between them', () => {
    assert.equal(citing.id, '08NAPLES40');
    assert.deepEqual(citing.cites, ['08NAPLES38']);
    const index = memoryIndex([...corpusEntries, citing]);
    const graph = referenceGraph(napels38, index, { archiveUrl: 'https://archive.example/{id}' });
    const node = (key: string) => graph.nodes.find((n) => n.key === key);
    assert.equal(graph.center, '08NAPLES38');
    assert.equal(node('08NAPLES38')?.hop, 0);
    // Hop -1: its REF list; 08NAPLES37 is in the workspace, the others are not.
    for (const id of napels38.cites) assert.equal(node(id)?.hop, -1, id);
    assert.equal(node('08NAPLES37')?.uri, corpusEntries.find((e) => e.id === '08NAPLES37')?.uri);
    assert.equal(node('08NAPLES36')?.uri, undefined);
    assert.equal(node('08NAPLES36')?.archiveUrl, 'https://archive.example/08NAPLES36');
    assert.equal(node('08NAPLES36')?.date, '2008');
    // Hop -2: what 08NAPLES37 cites that 08NAPLES38 does not.
    const napels37 = corpusEntries.find((e) => e.id === '08NAPLES37')!;
    for (const id of napels37.cites.filter((c) => !napels38.cites.includes(c))) assert.equal(node(id)?.hop, -2, id);
    assert.equal(node('08NAPLES40')?.hop, 1);
    const edges = new Set(graph.edges.map((e) => `${e.from}>${e.to}`));
    assert.ok(edges.has('08NAPLES40>08NAPLES38'));
    assert.ok(edges.has('08NAPLES38>08NAPLES37'));
    // 08NAPLES37 and 08NAPLES38 both cite 08NAPLES36: both edges are drawn.
    assert.ok(edges.has('08NAPLES37>08NAPLES36') && edges.has('08NAPLES38>08NAPLES36'));
    assert.equal(graph.omitted, 0);
    // Every edge joins two nodes of the graph.
    for (const e of graph.edges) assert.ok(node(e.from) && node(e.to));
  });

  it('keeps the nearest hops when the graph is full, and counts each cable left out once', () => {
    const index = memoryIndex([...corpusEntries, citing]);
    const whole = referenceGraph(napels38, index);
    const graph = referenceGraph(napels38, index, { maxNodes: 3 });
    assert.equal(graph.nodes.length, 3);
    assert.ok(graph.nodes.every((n) => Math.abs(n.hop) <= 1));
    // 08NAPLES36 is met twice (cited by 08NAPLES38 and by 08NAPLES37): left out, it counts once.
    assert.equal(graph.omitted, whole.nodes.length - 3);
  });

  it('a cable citing nothing and cited by none is a graph of one', () => {
    const lone = corpusEntries.find((e) => !e.cites.length && e.id)!;
    const graph = referenceGraph(lone, memoryIndex(corpusEntries));
    assert.deepEqual(graph.nodes.map((n) => n.key), [lone.id]);
    assert.deepEqual(graph.edges, []);
  });
});
