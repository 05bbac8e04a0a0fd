/**
 * What both webview pages build with: elements made with their attributes and children (text
 * only as text nodes: cable words are never parsed as HTML), and the page's channel to the
 * extension.
 */

import './dom.css';

declare function acquireVsCodeApi(): { postMessage(message: unknown): void; getState(): unknown; setState(state: unknown): void };

/** The page's channel to the extension (VS Code gives it once per page). */
export const vscode = acquireVsCodeApi();

const SVG = 'http://www.w3.org/2000/svg';

/** An HTML element; attributes left undefined are not set. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<string, string>> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) if (v !== undefined) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

export function svg(tag: string, attrs: Record<string, string | number>, ...children: Node[]): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  e.append(...children);
  return e;
}
