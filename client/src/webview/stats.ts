/**
 * The corpus statistics page (a webview): cables per month (bars), the classification mix
 * (one bar in parts), and tables of years, origins, TAGS, the most-cited cables and, when
 * counted, the cables with the most findings. Each chart has its numbers in a table too.
 * Messages: `stats` and `busy` in; `ready`, `saveCsv`, `countFindings`, `open`, `rendered` out.
 */
import './stats.css';
import type { Count, CorpusStats as Stats } from '../../../common/protocol';
import { el, svg, vscode } from './dom';
import { classificationClass } from './graphLayout';

const app = document.getElementById('app') as HTMLElement;
let busy = false;

window.addEventListener('message', (event: MessageEvent) => {
  const message = event.data as { type: string; stats?: Stats; cancelled?: boolean; findings?: boolean };
  if (message.type === 'busy') {
    busy = true;
    const status = document.getElementById('status');
    if (status) status.textContent = message.findings ? 'Linting every cable to count findings…' : 'Reading the index…';
  } else if (message.type === 'stats' && message.stats) {
    busy = false;
    render(message.stats, message.cancelled === true);
  }
});
vscode.postMessage({ type: 'ready' });

const number = (n: number): string => n.toLocaleString('en-US');

function render(stats: Stats, cancelled: boolean): void {
  app.replaceChildren();
  const exportButton = el('button', { type: 'button' }, 'Export CSV…');
  exportButton.addEventListener('click', () => vscode.postMessage({ type: 'saveCsv' }));
  const refreshButton = el('button', { type: 'button' }, 'Refresh');
  refreshButton.addEventListener('click', () => {
    if (!busy) vscode.postMessage({ type: 'refresh' });
  });
  const findingsButton = el('button', { type: 'button' }, stats.findings === null ? 'Count findings (lints every cable)' : 'Count findings again');
  findingsButton.addEventListener('click', () => {
    if (!busy) vscode.postMessage({ type: 'countFindings' });
  });
  app.append(
    el('h1', {}, 'Corpus statistics'),
    el('p', { class: 'summary' }, `${number(stats.cables)} cables in the workspace, ${number(stats.withId)} with an id` + (stats.findings === null ? '.' : `, ${number(stats.findings)} findings.`) + (cancelled ? ' (Counting findings was stopped.)' : '')),
    el('div', { class: 'actions' }, exportButton, refreshButton, findingsButton, el('span', { id: 'status', role: 'status' })),
  );
  if (!stats.cables) {
    app.append(el('p', {}, 'No cables here yet: the workspace has no .cable files.'));
    report(stats, 0);
    return;
  }
  const bars = monthChart(stats.byMonth.filter((c) => c.key !== 'unknown'));
  app.append(
    el('section', {}, el('h2', {}, 'Cables per month'), bars.figure, details('Cables per month as a table', table(['Month', 'Cables'], stats.byMonth.map((c) => [c.key, number(c.count)])))),
    el('section', {}, el('h2', {}, 'Classification mix'), mix(stats.byClassification, stats.cables)),
    el('section', {}, el('h2', {}, 'By year'), table(['Year', 'Cables'], stats.byYear.map((c) => [c.key, number(c.count)]))),
    el('section', {}, el('h2', {}, 'Origins'), table(['Origin', 'Post', 'Cables'], stats.byOrigin.slice(0, 25).map((c) => [c.key, c.label ?? '', number(c.count)])), more(stats.byOrigin.length, 25)),
    el('section', {}, el('h2', {}, 'TAGS'), table(['Tag', 'Meaning', 'Cables'], stats.byTag.slice(0, 25).map((c) => [c.key, c.label ?? '', number(c.count)])), more(stats.byTag.length, 25)),
    el('section', {}, el('h2', {}, 'Most cited'), table(['Cable', '', 'Cited by'], stats.mostCited.map((c) => [c.key, c.label ?? '', number(c.count)]))),
  );
  if (stats.findings !== null) {
    app.append(el('section', {}, el('h2', {}, 'Most findings'), table(['File', 'Cable', 'Findings', 'Errors'], stats.mostFindings.map((c) => [decodeURIComponent(c.key.split('/').pop() ?? c.key), c.label ?? '', number(c.count), number(c.errors)]))));
  }
  report(stats, bars.count);
}

function more(total: number, shown: number): HTMLElement | string {
  return total > shown ? el('p', { class: 'note' }, `${number(total - shown)} more in the CSV export.`) : '';
}

function details(summary: string, content: HTMLElement): HTMLElement {
  return el('details', {}, el('summary', {}, summary), content);
}

function table(head: string[], rows: string[][]): HTMLElement {
  return el('table', {}, el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))), el('tbody', {}, ...rows.map((r) => el('tr', {}, ...r.map((cell, k) => el('td', k === r.length - 1 || /^\d/.test(cell) && k > 0 ? { class: 'num' } : {}, cell))))));
}

/** Bars, one per month from the first to the last (months without cables are gaps), years marked. */
function monthChart(months: Count[]): { figure: HTMLElement; count: number } {
  if (!months.length) return { figure: el('p', {}, 'No cable has a date.'), count: 0 };
  const toIndex = (key: string): number => Number(key.slice(0, 4)) * 12 + Number(key.slice(5, 7)) - 1;
  const first = toIndex(months[0].key);
  const last = toIndex(months[months.length - 1].key);
  const byIndex = new Map(months.map((c) => [toIndex(c.key), c.count]));
  const slots = last - first + 1;
  const barWidth = Math.max(2, Math.min(14, Math.floor(900 / slots)));
  const height = 160;
  const top = Math.max(...months.map((c) => c.count));
  const width = slots * barWidth + 40;
  const chart = svg('svg', { width, height: height + 24, viewBox: `0 0 ${width} ${height + 24}`, role: 'img', 'aria-label': `Cables per month, ${months[0].key} to ${months[months.length - 1].key}; the most in one month: ${top}` });
  chart.append(svg('line', { x1: 0, x2: width, y1: height, y2: height, class: 'baseline' }));
  let count = 0;
  for (let k = 0; k < slots; k++) {
    const n = byIndex.get(first + k) ?? 0;
    const year = Math.floor((first + k) / 12);
    const month = ((first + k) % 12) + 1;
    if (month === 1 || k === 0) {
      const label = svg('text', { x: k * barWidth + 2, y: height + 16, class: 'year' });
      label.textContent = String(year);
      chart.append(label, svg('line', { x1: k * barWidth, x2: k * barWidth, y1: 0, y2: height + 4, class: 'yearline' }));
    }
    if (!n) continue;
    const h = Math.max(1, Math.round((n / top) * (height - 10)));
    const bar = svg('rect', { x: k * barWidth + 1, y: height - h, width: barWidth - 1, height: h, class: 'bar' });
    const title = svg('title', {});
    title.textContent = `${year}-${String(month).padStart(2, '0')}: ${n} cable${n === 1 ? '' : 's'}`;
    bar.append(title);
    chart.append(bar);
    count++;
  }
  const figure = el('div', { class: 'chart' });
  figure.append(chart);
  return { figure, count };
}

/** The classification mix: one bar in parts, and its legend with counts and shares. */
function mix(classes: Count[], total: number): HTMLElement {
  const bar = el('div', { class: 'mix', role: 'img', 'aria-label': classes.map((c) => `${c.key} ${Math.round((c.count / total) * 100)}%`).join(', ') });
  const legend = el('ul', { class: 'legend' });
  for (const c of classes) {
    const share = (c.count / total) * 100;
    const part = el('span', { class: `part ${classificationClass(c.key === 'unknown' ? undefined : c.key)}`, title: `${c.key}: ${c.count}` });
    part.style.width = `${share}%`;
    bar.append(part);
    legend.append(el('li', {}, el('span', { class: `swatch ${classificationClass(c.key === 'unknown' ? undefined : c.key)}`, 'aria-hidden': 'true' }), `${c.key}: ${number(c.count)} (${share.toFixed(1)}%)`));
  }
  return el('div', {}, bar, legend);
}

function report(stats: Stats, bars: number): void {
  vscode.postMessage({ type: 'rendered', report: { page: 'stats', cables: stats.cables, bars, classes: stats.byClassification.length, findings: stats.findings, tables: document.querySelectorAll('table').length } });
}
