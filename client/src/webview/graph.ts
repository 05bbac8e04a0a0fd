/**
 * The reference graph page (a webview): the picture (SVG: cables along time, coloured by
 * classification, cables not in the workspace dashed) and the same graph as a list, for the
 * keyboard and screen readers. Every text is set with textContent (subjects are the cables'
 * own words). Messages: `graph` in; `ready`, `open`, `openExternal`, `rendered` out.
 */
import './graph.css';
import type { GraphNode, ReferenceGraph } from '../../../common/protocol';
import { el, svg, vscode } from './dom';
import { BOX, classificationClass, layoutGraph } from './graphLayout';

const app = document.getElementById('app') as HTMLElement;

/** The view the user chose (picture or list), kept while the panel lives. */
let showList = (vscode.getState() as { list?: boolean } | undefined)?.list === true;
let current: ReferenceGraph | null = null;
/** The graph drawn, as sent: the same graph again (the index changed elsewhere) is not drawn again. */
let drawn: string | undefined;
const announce = document.getElementById('announce') as HTMLElement;

window.addEventListener('message', (event: MessageEvent) => {
  const message = event.data as { type: string; graph: ReferenceGraph | null };
  if (message.type !== 'graph') return;
  const text = JSON.stringify(message.graph);
  if (text === drawn) return;
  const sameCable = current?.center !== undefined && current?.center === message.graph?.center;
  drawn = text;
  current = message.graph;
  // Focus stays on the cable it was on, when that cable is still drawn.
  const focused = (document.activeElement as HTMLElement | null)?.dataset?.key;
  render(!sameCable);
  if (focused) (document.querySelector(`[data-key="${CSS.escape(focused)}"]`) as HTMLElement | null)?.focus();
  // Said once per cable, not at every redraw.
  if (!sameCable) announce.textContent = current ? `Reference graph of ${current.center}: ${plural(current.nodes.length, 'cable')}.` : 'No reference graph for this file.';
});
vscode.postMessage({ type: 'ready' });

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What a screen reader says of a cable, and what its tooltip shows. */
function describe(node: GraphNode): string {
  const where = node.uri ? '' : node.archiveUrl ? ', not in this workspace (opens the public archive)' : ', not in this workspace';
  const relation = node.hop === 0 ? 'this cable' : node.hop < 0 ? (node.hop === -1 ? 'cited by this cable' : 'cited two steps away') : node.hop === 1 ? 'cites this cable' : 'cites a cable that cites this one';
  return [node.id ?? node.key, node.subject, node.date, node.classification].filter(Boolean).join(', ') + `; ${relation}${where}`;
}

function open(node: GraphNode): void {
  if (node.uri) vscode.postMessage({ type: 'open', uri: node.uri });
  else if (node.archiveUrl) vscode.postMessage({ type: 'openExternal', url: node.archiveUrl });
}

/** Draws the page; `scrollToCenter`: a new cable, whose box is scrolled into view. */
function render(scrollToCenter = false): void {
  app.replaceChildren();
  const graph = current;
  if (!graph) {
    app.append(el('p', {}, 'This file is not in the workspace index, or it is not a cable. Open a cable of the workspace to see what it cites and what cites it.'));
    report(0, 0, 0);
    return;
  }
  const center = graph.nodes.find((n) => n.key === graph.center);
  const cited = graph.nodes.filter((n) => n.hop < 0);
  const citing = graph.nodes.filter((n) => n.hop > 0);
  const outside = graph.nodes.filter((n) => !n.uri).length;

  const toggle = el('button', { type: 'button', 'aria-pressed': String(showList) }, showList ? 'Show as picture' : 'Show as list');
  toggle.addEventListener('click', () => {
    showList = !showList;
    vscode.setState({ list: showList });
    render();
    (document.querySelector('header button') as HTMLElement | null)?.focus();
  });
  app.append(
    el(
      'header',
      {},
      el('h1', {}, `${center?.id ?? graph.center}`, el('span', { class: 'subject' }, center?.subject ? ` ${center.subject}` : '')),
      el(
        'p',
        { class: 'summary' },
        `Cites ${plural(cited.filter((n) => n.hop === -1).length, 'cable')}, cited by ${plural(citing.filter((n) => n.hop === 1).length, 'cable')} of this workspace; two steps each way: ${plural(graph.nodes.length - 1, 'other cable')}, ${outside} not in this workspace.` +
          (graph.omitted ? ` ${graph.omitted} more left out to keep the picture readable.` : ''),
      ),
      toggle,
      legend(),
    ),
  );
  if (graph.nodes.length === 1) {
    app.append(el('p', { class: 'empty' }, 'This cable cites no other cable, and no cable of the workspace cites it.'));
  }
  const list = renderList(graph);
  if (showList) app.append(list);
  else app.append(renderPicture(graph, scrollToCenter));
  report(graph.nodes.length, graph.edges.length, list.querySelectorAll('a').length);
}

function legend(): HTMLElement {
  const items: [string, string][] = [
    ['unclassified', 'Unclassified'],
    ['restricted', 'Limited / sensitive'],
    ['confidential', 'Confidential'],
    ['secret', 'Secret'],
    ['top-secret', 'Top Secret'],
    ['unknown', 'Not known'],
  ];
  return el(
    'ul',
    { class: 'legend', 'aria-label': 'Legend' },
    ...items.map(([cls, label]) => el('li', {}, el('span', { class: `swatch ${cls}`, 'aria-hidden': 'true' }), label)),
    el('li', {}, el('span', { class: 'swatch outside', 'aria-hidden': 'true' }), 'Not in this workspace'),
  );
}

function renderPicture(graph: ReferenceGraph, scrollToCenter: boolean): HTMLElement {
  const layout = layoutGraph(graph);
  const root = svg('svg', { width: layout.width, height: layout.height, viewBox: `0 0 ${layout.width} ${layout.height}`, role: 'group', 'aria-label': `Reference graph of ${graph.center}: ${plural(graph.nodes.length, 'cable')} along time` });
  const arrow = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead' }));
  root.append(svg('defs', {}, arrow));
  const axis = svg('g', { class: 'axis', 'aria-hidden': 'true' });
  for (const t of layout.ticks) {
    const label = svg('text', { x: t.x + 2, y: 18 });
    label.textContent = t.label;
    axis.append(label);
  }
  root.append(axis);
  const edges = svg('g', { class: 'edges', 'aria-hidden': 'true' });
  for (const e of layout.edges) edges.append(svg('path', { d: e.path, 'marker-end': 'url(#arrow)', class: e.from.node.key === graph.center || e.to.node.key === graph.center ? 'edge near' : 'edge' }));
  root.append(edges);
  // Boxes in time order, which is also the order Tab and the arrow keys go through them.
  const boxes: SVGElement[] = [];
  for (const p of layout.nodes) {
    const n = p.node;
    const classes = ['node', classificationClass(n.classification), n.uri ? 'inside' : 'outside', n.key === graph.center ? 'center' : ''].filter(Boolean).join(' ');
    const g = svg('g', { class: classes, transform: `translate(${p.x},${p.y})`, tabindex: 0, role: n.uri || n.archiveUrl ? 'link' : 'img', 'aria-label': describe(n), 'data-key': n.key });
    const title = svg('title', {});
    title.textContent = describe(n);
    const id = svg('text', { x: 8, y: 17, class: 'id' });
    id.textContent = n.id ?? n.key.split('/').pop() ?? n.key;
    const subject = svg('text', { x: 8, y: 35, class: 'subject' });
    subject.textContent = cut(n.subject ?? (n.uri ? '' : 'not in this workspace'), 25);
    // The date is the column's heading (and in the title and the spoken label).
    g.append(title, svg('rect', { width: BOX.width, height: BOX.height, rx: 4 }), id, subject);
    g.addEventListener('click', () => open(n));
    g.addEventListener('keydown', (event: KeyboardEvent) => {
      const k = boxes.indexOf(g);
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        open(n);
      } else if (event.key === 'ArrowRight' || event.key === 'ArrowDown') {
        event.preventDefault();
        (boxes[k + 1] as unknown as HTMLElement | undefined)?.focus();
      } else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') {
        event.preventDefault();
        (boxes[k - 1] as unknown as HTMLElement | undefined)?.focus();
      }
    });
    boxes.push(g);
    root.append(g);
  }
  const scroller = el('div', { class: 'picture' });
  scroller.append(root);
  // A wide picture opens on the cable itself.
  if (scrollToCenter) requestAnimationFrame(() => (root.querySelector('.node.center') as Element | null)?.scrollIntoView({ block: 'nearest', inline: 'center' }));
  return scroller;
}

function cut(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}

/** The same graph as lists: this cable, what it cites (and what those cite), what cites it (and what cites those). */
function renderList(graph: ReferenceGraph): HTMLElement {
  const byKey = new Map(graph.nodes.map((n) => [n.key, n]));
  const cites = (key: string): GraphNode[] => graph.edges.filter((e) => e.from === key).map((e) => byKey.get(e.to)!).filter(Boolean);
  const citedBy = (key: string): GraphNode[] => graph.edges.filter((e) => e.to === key).map((e) => byKey.get(e.from)!).filter(Boolean);
  const item = (n: GraphNode, nested: GraphNode[] = []): HTMLElement => {
    const label = n.id ?? n.key.split('/').pop() ?? n.key;
    const link = el('a', { href: '#', 'aria-label': describe(n), 'data-key': n.key }, label);
    link.addEventListener('click', (event) => {
      event.preventDefault();
      open(n);
    });
    const details = [n.subject, n.date, n.classification, n.uri ? '' : 'not in this workspace'].filter(Boolean).join(' · ');
    const li = el('li', { class: `${classificationClass(n.classification)} ${n.uri ? 'inside' : 'outside'}` }, link, details ? ` ${details}` : '');
    if (nested.length) li.append(el('ul', {}, ...nested.map((x) => item(x))));
    return li;
  };
  const center = byKey.get(graph.center)!;
  const hop1Cited = graph.nodes.filter((n) => n.hop === -1);
  const hop1Citing = graph.nodes.filter((n) => n.hop === 1);
  const section = (title: string, nodes: GraphNode[], next: (n: GraphNode) => GraphNode[], hop: number): HTMLElement =>
    el(
      'section',
      {},
      el('h2', {}, `${title} (${nodes.length})`),
      nodes.length ? el('ul', {}, ...nodes.map((n) => item(n, next(n).filter((x) => x.hop === hop)))) : el('p', {}, 'None.'),
    );
  return el(
    'div',
    { class: 'list' },
    el('section', {}, el('h2', {}, 'This cable'), el('ul', {}, item(center))),
    section('Cites', hop1Cited, (n) => cites(n.key), -2),
    section('Cited by', hop1Citing, (n) => citedBy(n.key), 2),
  );
}

function report(nodes: number, edges: number, links: number): void {
  vscode.postMessage({ type: 'rendered', report: { page: 'graph', center: current?.center ?? null, nodes, edges, links, view: showList ? 'list' : 'picture', focusable: document.querySelectorAll('[tabindex="0"]').length } });
}
