/**
 * Where the reference graph's cables go: along time from left to right (a cable is placed at
 * its date; one known only by its id's year, in the middle of that year; one without a date,
 * in a column of its own at the right), in as few rows as keep the boxes apart. Pure, so it is
 * tested without a browser.
 */
import type { GraphNode, ReferenceGraph } from '../../../common/protocol';

export const BOX = { width: 172, height: 46, gapX: 14, gapY: 16 };
const MARGIN = { left: 16, right: 16, top: 40, bottom: 16 };

export interface PlacedNode {
  node: GraphNode;
  x: number;
  y: number;
}

export interface Tick {
  x: number;
  label: string;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  ticks: Tick[];
  /** Where the column of cables without a date begins (undefined: there are none). */
  undatedX?: number;
  edges: { from: PlacedNode; to: PlacedNode; path: string }[];
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A date as a fractional year (`2008-07-01` ≈ 2008.5; `2008` is 2008.5); NaN when unknown. */
export function timeOf(date: string | undefined): number {
  if (!date) return NaN;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(date);
  if (!m) return NaN;
  const year = Number(m[1]);
  if (!m[2]) return year + 0.5;
  return year + (Number(m[2]) - 1) / 12 + (m[3] ? (Number(m[3]) - 1) / 366 : 0.5 / 12);
}

export function layoutGraph(graph: ReferenceGraph): GraphLayout {
  const dated = graph.nodes.filter((n) => !Number.isNaN(timeOf(n.date)));
  const undated = graph.nodes.filter((n) => Number.isNaN(timeOf(n.date)));
  let tMin = Math.min(...dated.map((n) => timeOf(n.date)));
  let tMax = Math.max(...dated.map((n) => timeOf(n.date)));
  if (!dated.length) tMin = tMax = 0;
  // At least a month of axis, so that a graph of one day is not a division by zero.
  if (tMax - tMin < 1 / 12) {
    const mid = (tMin + tMax) / 2;
    tMin = mid - 1 / 24;
    tMax = mid + 1 / 24;
  }
  // Wide enough for the distinct dates to spread; scrolled when wider than the window.
  const distinct = new Set(dated.map((n) => n.date)).size;
  const span = Math.max(480, Math.min(3200, distinct * (BOX.width * 0.75)));
  const xOf = (t: number): number => MARGIN.left + BOX.width / 2 + ((t - tMin) / (tMax - tMin)) * span;

  // Rows: each box takes the first row where it clears the box before it.
  const rows: number[] = [];
  const placed: PlacedNode[] = [];
  const order = [...dated].sort((a, b) => timeOf(a.date) - timeOf(b.date) || a.key.localeCompare(b.key));
  const place = (node: GraphNode, centerX: number): void => {
    const left = centerX - BOX.width / 2;
    let row = rows.findIndex((right) => right + BOX.gapX <= left);
    if (row < 0) row = rows.push(-Infinity) - 1;
    rows[row] = left + BOX.width;
    placed.push({ node, x: left, y: MARGIN.top + row * (BOX.height + BOX.gapY) });
  };
  for (const node of order) place(node, xOf(timeOf(node.date)));
  let undatedX: number | undefined;
  if (undated.length) {
    undatedX = MARGIN.left + span + BOX.width + 3 * BOX.gapX;
    rows.length = 0;
    for (const node of undated.sort((a, b) => a.key.localeCompare(b.key))) place(node, undatedX + BOX.width / 2);
  }
  const right = Math.max(...placed.map((p) => p.x + BOX.width)) + MARGIN.right;
  const bottom = Math.max(...placed.map((p) => p.y + BOX.height)) + MARGIN.bottom;

  const byKey = new Map(placed.map((p) => [p.node.key, p]));
  const edges: GraphLayout['edges'] = [];
  for (const e of graph.edges) {
    const from = byKey.get(e.from);
    const to = byKey.get(e.to);
    if (from && to) edges.push({ from, to, path: edgePath(from, to) });
  }
  return { width: right, height: bottom, nodes: placed, ticks: dated.length ? ticks(tMin, tMax, xOf) : [], undatedX, edges };
}

/** A curve from the citing box to the side of the cited box that faces it (the arrow ends there). */
function edgePath(from: PlacedNode, to: PlacedNode): string {
  const fromY = from.y + BOX.height / 2;
  const toY = to.y + BOX.height / 2;
  const leftwards = to.x + BOX.width <= from.x;
  const rightwards = from.x + BOX.width <= to.x;
  let x1: number;
  let x2: number;
  if (leftwards) {
    x1 = from.x;
    x2 = to.x + BOX.width;
  } else if (rightwards) {
    x1 = from.x + BOX.width;
    x2 = to.x;
  } else {
    // Overlapping in time (rows apart): from the bottom or top edge.
    const down = to.y > from.y;
    const sx = from.x + BOX.width / 2;
    const ex = to.x + BOX.width / 2;
    const sy = down ? from.y + BOX.height : from.y;
    const ey = down ? to.y : to.y + BOX.height;
    const bend = (ey - sy) / 2;
    return `M${sx},${sy} C${sx},${sy + bend} ${ex},${ey - bend} ${ex},${ey}`;
  }
  const bend = (x2 - x1) / 2;
  return `M${x1},${fromY} C${x1 + bend},${fromY} ${x2 - bend},${toY} ${x2},${toY}`;
}

/** Year ticks, or month ticks over a short span. */
function ticks(tMin: number, tMax: number, xOf: (t: number) => number): Tick[] {
  const out: Tick[] = [];
  if (tMax - tMin <= 2) {
    const step = tMax - tMin <= 0.75 ? 1 : 3;
    for (let m = Math.ceil(tMin * 12); m <= tMax * 12; m++) {
      const month = ((m % 12) + 12) % 12;
      if (month % step) continue;
      out.push({ x: xOf(m / 12), label: `${MONTH_NAMES[month]} ${Math.floor(m / 12)}` });
    }
  } else {
    const step = tMax - tMin > 20 ? 5 : 1;
    for (let y = Math.ceil(tMin); y <= tMax; y++) if (y % step === 0) out.push({ x: xOf(y), label: String(y) });
  }
  return out;
}

/** The colour class of a classification: `unclassified`, `restricted` (LOU, SBU, FOUO), `confidential`, `secret`, `top-secret`, `unknown`. */
export function classificationClass(classification: string | undefined): string {
  const c = (classification ?? '').toUpperCase();
  if (!c) return 'unknown';
  if (c.startsWith('TOP SECRET')) return 'top-secret';
  if (c.startsWith('SECRET')) return 'secret';
  if (c.startsWith('CONFIDENTIAL')) return 'confidential';
  if (/LIMITED OFFICIAL USE|SENSITIVE|FOR OFFICIAL USE|FOUO|SBU/.test(c)) return 'restricted';
  if (c.startsWith('UNCLASSIFIED')) return 'unclassified';
  return 'unknown';
}
