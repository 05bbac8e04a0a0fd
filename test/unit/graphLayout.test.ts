/** The reference graph's picture: cables in columns along time, boxes apart, edges from box to box. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BOX, classificationClass, layoutGraph, timeOf } from '../../client/src/webview/graphLayout';
import type { GraphNode, ReferenceGraph } from '../../common/protocol';

const node = (key: string, date: string | undefined, hop: number, extra: Partial<GraphNode> = {}): GraphNode => ({ key, id: key, date, hop, ...extra });

/** A graph like a real one: a 2008 cable citing two of 2007 and 2008, one known by its year only, cited by two of 2009 and one without a date. */
const graph: ReferenceGraph = {
  center: '08NAPLES38',
  nodes: [
    node('08NAPLES38', '2008-06-09', 0, { uri: 'file:///w/08NAPLES38.cable' }),
    node('08NAPLES37', '2008-06-06', -1, { uri: 'file:///w/08NAPLES37.cable' }),
    node('08NAPLES36', '2008', -1),
    node('07NAPLES118', '2007', -1),
    node('07NAPLES119', '2007', -2),
    node('09ROME1', '2009-01-05', 1, { uri: 'file:///w/09ROME1.cable' }),
    node('09ROME2', '2009-01-05', 1, { uri: 'file:///w/09ROME2.cable' }),
    node('file:///w/nodate.cable', undefined, 1, { uri: 'file:///w/nodate.cable', id: undefined }),
  ],
  edges: [
    { from: '08NAPLES38', to: '08NAPLES37' },
    { from: '08NAPLES38', to: '08NAPLES36' },
    { from: '08NAPLES38', to: '07NAPLES118' },
    { from: '08NAPLES37', to: '08NAPLES36' },
    { from: '08NAPLES37', to: '07NAPLES119' },
    { from: '09ROME1', to: '08NAPLES38' },
    { from: '09ROME2', to: '08NAPLES38' },
    { from: 'file:///w/nodate.cable', to: '08NAPLES38' },
  ],
  omitted: 0,
};

describe('reference graph layout', () => {
  const layout = layoutGraph(graph);
  const at = (key: string) => layout.nodes.find((p) => p.node.key === key)!;

  it('places every cable once, in columns along time from left to right', () => {
    assert.equal(layout.nodes.length, graph.nodes.length);
    const dated = layout.nodes.filter((p) => p.node.date);
    for (const a of dated) for (const b of dated) if (timeOf(a.node.date) < timeOf(b.node.date)) assert.ok(a.x < b.x, `${a.node.key} before ${b.node.key}`);
    // Same date: the same column, one under the other.
    assert.equal(at('09ROME1').x, at('09ROME2').x);
    assert.notEqual(at('09ROME1').y, at('09ROME2').y);
    // A year alone comes before that year's dates (a cited cable known by its id's year).
    assert.ok(at('08NAPLES36').x < at('08NAPLES37').x);
    // The columns keep the order of time, not its scale: five dates, five columns side by side.
    assert.equal(new Set(dated.map((p) => p.x)).size, 5);
    assert.ok(layout.width < 6 * (BOX.width + BOX.gapX) + 40, String(layout.width));
  });

  it('keeps boxes apart and inside the picture', () => {
    for (const a of layout.nodes) {
      assert.ok(a.x >= 0 && a.y >= 0 && a.x + BOX.width <= layout.width && a.y + BOX.height <= layout.height, a.node.key);
      for (const b of layout.nodes) {
        if (a === b) continue;
        const apart = a.x + BOX.width <= b.x || b.x + BOX.width <= a.x || a.y + BOX.height <= b.y || b.y + BOX.height <= a.y;
        assert.ok(apart, `${a.node.key} overlaps ${b.node.key}`);
      }
    }
  });

  it('puts cables without a date in their own column at the right', () => {
    const undated = at('file:///w/nodate.cable');
    for (const p of layout.nodes) if (p.node.date) assert.ok(p.x + BOX.width < undated.x, p.node.key);
    assert.equal(layout.ticks.at(-1)?.label, 'date not known');
    assert.equal(layout.ticks.at(-1)?.x, undated.x);
  });

  it('draws each edge from the citing box to the facing side of the cited box', () => {
    assert.equal(layout.edges.length, graph.edges.length);
    const edge = layout.edges.find((e) => e.from.node.key === '09ROME1' && e.to.node.key === '08NAPLES38')!;
    const m = /^M([\d.]+),([\d.]+) C.* ([\d.]+),([\d.]+)$/.exec(edge.path)!;
    assert.ok(m, edge.path);
    // 09ROME1 is later: the edge leaves its left side and ends on the right side of 08NAPLES38.
    assert.equal(Number(m[1]), at('09ROME1').x);
    assert.equal(Number(m[3]), at('08NAPLES38').x + BOX.width);
    assert.equal(Number(m[4]), at('08NAPLES38').y + BOX.height / 2);
  });

  it('heads each column with its date', () => {
    assert.deepEqual(layout.ticks.map((t) => t.label), ['2007', '2008', '6 Jun 2008', '9 Jun 2008', '5 Jan 2009', 'date not known']);
    assert.deepEqual(layout.ticks.map((t) => t.x), [...new Set(layout.nodes.map((p) => p.x))].sort((a, b) => a - b));
    // One cable alone: a picture all the same.
    const one = layoutGraph({ center: 'a', nodes: [node('a', undefined, 0)], edges: [], omitted: 0 });
    assert.equal(one.nodes.length, 1);
    assert.ok(Number.isFinite(one.width) && Number.isFinite(one.height));
  });

  it('goes round the boxes between two cables of one column', () => {
    const same = layoutGraph({ center: 'a', nodes: [node('a', '2008-01-01', 0), node('b', '2008-01-01', -1), node('c', '2008-01-01', -1)], edges: [{ from: 'a', to: 'c' }], omitted: 0 });
    const [edge] = same.edges;
    const m = /^M([\d.]+),([\d.]+) C([\d.]+),/.exec(edge.path)!;
    assert.equal(Number(m[1]), edge.from.x + BOX.width);
    assert.ok(Number(m[3]) > edge.from.x + BOX.width, 'the curve bends out to the right');
  });

  it('colours by classification', () => {
    assert.deepEqual(
      ['UNCLASSIFIED', 'UNCLASSIFIED//FOR OFFICIAL USE ONLY', 'LIMITED OFFICIAL USE', 'CONFIDENTIAL', 'SECRET//NOFORN', 'TOP SECRET', undefined].map(classificationClass),
      ['unclassified', 'restricted', 'restricted', 'confidential', 'secret', 'top-secret', 'unknown'],
    );
  });
});
