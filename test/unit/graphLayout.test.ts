/** The reference graph's picture: cables along time, boxes apart, edges from box to box. */
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

  it('places every cable once, along time from left to right', () => {
    assert.equal(layout.nodes.length, graph.nodes.length);
    const dated = layout.nodes.filter((p) => p.node.date);
    for (const a of dated) for (const b of dated) if (timeOf(a.node.date) < timeOf(b.node.date)) assert.ok(a.x < b.x, `${a.node.key} before ${b.node.key}`);
    // Same date: the same place in time, different rows.
    assert.equal(at('09ROME1').x, at('09ROME2').x);
    assert.notEqual(at('09ROME1').y, at('09ROME2').y);
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
    assert.ok(layout.undatedX !== undefined);
    assert.equal(at('file:///w/nodate.cable').x, layout.undatedX);
    for (const p of layout.nodes) if (p.node.date) assert.ok(p.x + BOX.width < layout.undatedX!, p.node.key);
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

  it('marks years on the axis, quarters or months over a short span', () => {
    // Mid-2007 (a year-only id) to January 2009: quarters.
    assert.deepEqual(layout.ticks.map((t) => t.label), ['Jul 2007', 'Oct 2007', 'Jan 2008', 'Apr 2008', 'Jul 2008', 'Oct 2008', 'Jan 2009']);
    const long = layoutGraph({ center: 'a', nodes: [node('a', '2009-06-09', 0), node('b', '2004-03-01', -1)], edges: [], omitted: 0 });
    assert.deepEqual(long.ticks.map((t) => t.label), ['2005', '2006', '2007', '2008', '2009']);
    for (const t of long.ticks) assert.ok(t.x > long.nodes.find((p) => p.node.key === 'b')!.x && t.x < long.nodes.find((p) => p.node.key === 'a')!.x + BOX.width);
    const short = layoutGraph({ center: 'a', nodes: [node('a', '2008-06-09', 0), node('b', '2008-03-01', -1)], edges: [], omitted: 0 });
    assert.deepEqual(short.ticks.map((t) => t.label), ['Mar 2008', 'Apr 2008', 'May 2008', 'Jun 2008']);
    // One cable alone: a picture all the same.
    const one = layoutGraph({ center: 'a', nodes: [node('a', undefined, 0)], edges: [], omitted: 0 });
    assert.equal(one.nodes.length, 1);
    assert.ok(Number.isFinite(one.width) && Number.isFinite(one.height));
  });

  it('colours by classification', () => {
    assert.deepEqual(
      ['UNCLASSIFIED', 'UNCLASSIFIED//FOR OFFICIAL USE ONLY', 'LIMITED OFFICIAL USE', 'CONFIDENTIAL', 'SECRET//NOFORN', 'TOP SECRET', undefined].map(classificationClass),
      ['unclassified', 'restricted', 'restricted', 'confidential', 'secret', 'top-secret', 'unknown'],
    );
  });
});
