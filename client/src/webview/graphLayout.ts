/**
 * Where the reference graph's cables go: in columns along time, left to right, one column per
 * date (a cable known only by its id's year goes in that year's column, before the year's
 * dated cables; one without a date, in a last column of its own), the cables of a date one
 * under the other. The columns keep the order of time, not its scale: cables cluster (a
 * thread of replies within a week, its references a year before), and a scale would leave
 * most of the picture empty. Pure, so it is tested without a browser.
 */
import type { GraphNode, ReferenceGraph } from '../../../common/protocol';

export const BOX = { width: 164, height: 46, gapX: 28, gapY: 12 };
const MARGIN = { left: 12, right: 12, top: 34, bottom: 12 };

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
  /** The date above each column. */
  ticks: Tick[];
  edges: { from: PlacedNode; to: PlacedNode; path: string }[];
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A date as a number that orders it: a year alone comes before the year's dates; NaN when unknown. */
export function timeOf(date: string | undefined): number {
  if (!date) return NaN;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(date);
  if (!m) return NaN;
  return Number(m[1]) * 10_000 + Number(m[2] ?? 0) * 100 + Number(m[3] ?? 0);
}

/** A column's heading: `2008`, `Jun 2008`, `6 Jun 2008`. */
function dateLabel(date: string): string {
  const [year, month, day] = date.split('-');
  if (!month) return year;
  const name = `${MONTH_NAMES[Number(month) - 1]} ${year}`;
  return day ? `${Number(day)} ${name}` : name;
}

export function layoutGraph(graph: ReferenceGraph): GraphLayout {
  const columns = new Map<string, GraphNode[]>();
  for (const node of graph.nodes) {
    const key = Number.isNaN(timeOf(node.date)) ? '' : (node.date as string).slice(0, 10);
    let column = columns.get(key);
    if (!column) columns.set(key, (column = []));
    column.push(node);
  }
  // In time order; the column of cables without a date last.
  const keys = [...columns.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : timeOf(a) - timeOf(b)));
  const placed: PlacedNode[] = [];
  const ticks: Tick[] = [];
  keys.forEach((key, k) => {
    const x = MARGIN.left + k * (BOX.width + BOX.gapX);
    ticks.push({ x, label: key ? dateLabel(key) : 'date not known' });
    const nodes = columns.get(key)!.sort((a, b) => a.key.localeCompare(b.key));
    nodes.forEach((node, row) => placed.push({ node, x, y: MARGIN.top + row * (BOX.height + BOX.gapY) }));
  });
  const width = MARGIN.left + keys.length * (BOX.width + BOX.gapX) - BOX.gapX + MARGIN.right;
  const height = Math.max(...placed.map((p) => p.y + BOX.height)) + MARGIN.bottom;

  const byKey = new Map(placed.map((p) => [p.node.key, p]));
  const edges: GraphLayout['edges'] = [];
  for (const e of graph.edges) {
    const from = byKey.get(e.from);
    const to = byKey.get(e.to);
    if (from && to) edges.push({ from, to, path: edgePath(from, to) });
  }
  return { width, height, nodes: placed, ticks, edges };
}

/** A curve from the citing box to the side of the cited box that faces it (the arrow ends there). */
function edgePath(from: PlacedNode, to: PlacedNode): string {
  const fromY = from.y + BOX.height / 2;
  const toY = to.y + BOX.height / 2;
  if (from.x === to.x) {
    // The same column: out of the right side and back in, around the boxes between.
    const x = from.x + BOX.width;
    const out = BOX.gapX * 0.8;
    return `M${x},${fromY} C${x + out},${fromY} ${x + out},${toY} ${x},${toY}`;
  }
  const leftwards = to.x < from.x;
  const x1 = leftwards ? from.x : from.x + BOX.width;
  const x2 = leftwards ? to.x + BOX.width : to.x;
  const bend = (x2 - x1) / 2;
  return `M${x1},${fromY} C${x1 + bend},${fromY} ${x2 - bend},${toY} ${x2},${toY}`;
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
