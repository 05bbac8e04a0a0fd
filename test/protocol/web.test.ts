/**
 * The browser build of the language server (dist/web/server.js, for VS Code for the Web) in a
 * worker thread dressed as a browser worker: `postMessage`/`onmessage`, and no Node (`process`,
 * `require`, `Buffer`, `setImmediate` hidden). It must start and answer as the Node server does
 * on a document it is given (the editor suite runs it in a real browser too).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { ROOT, SEED, readText } from '../helpers/fixtures';

const BOOT = `
const { parentPort } = require('node:worker_threads');
globalThis.addEventListener = () => {};
globalThis.postMessage = (message) => parentPort.postMessage(message);
parentPort.on('message', (message) => globalThis.onmessage && globalThis.onmessage({ data: message }));
globalThis.process = undefined;
globalThis.require = undefined;
globalThis.Buffer = undefined;
globalThis.setImmediate = undefined;
`;

describe('the browser build of the language server', () => {
  it('starts without Node and answers hovers, symbols, diagnostics and code actions', { timeout: 30_000 }, async () => {
    const bundle = readFileSync(path.join(ROOT, 'dist', 'web', 'server.js'), 'utf8');
    const worker = new Worker(`${BOOT}\n;(0, eval)(${JSON.stringify(bundle)});`, { eval: true });
    const errors: unknown[] = [];
    let id = 0;
    const pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: unknown) => void }>();
    // A server that dies (a Node global it needed, say) fails the pending request at once.
    worker.on('error', (error) => {
      errors.push(error);
      for (const p of pending.values()) p.reject(error);
    });
    worker.on('message', (m: { id?: number; result?: unknown; error?: unknown }) => {
      if (m.id !== undefined && pending.has(m.id)) {
        const p = pending.get(m.id)!;
        pending.delete(m.id);
        if (m.error) p.reject(new Error(JSON.stringify(m.error)));
        else p.resolve(m.result);
      }
    });
    const request = <T>(method: string, params: unknown): Promise<T> =>
      new Promise((resolve, reject) => {
        pending.set(++id, { resolve: resolve as (r: unknown) => void, reject });
        worker.postMessage({ jsonrpc: '2.0', id, method, params });
      });
    const notify = (method: string, params: unknown): void => worker.postMessage({ jsonrpc: '2.0', method, params });
    try {
      const init = await request<{ capabilities: Record<string, unknown> }>('initialize', { processId: null, rootUri: null, capabilities: { textDocument: { diagnostic: {} } } });
      assert.ok(init.capabilities.hoverProvider && init.capabilities.diagnosticProvider, JSON.stringify(init).slice(0, 300));
      notify('initialized', {});
      const text = readText(SEED);
      // A document of a virtual file system, as github.dev gives it.
      const uri = 'vscode-vfs://github/cable-tools/archive/08ASTANA2361.cable';
      notify('textDocument/didOpen', { textDocument: { uri, languageId: 'cable', version: 1, text } });
      const line = text.split('\n').findIndex((l) => l.startsWith('DE RUEHTA'));
      const hover = await request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line, character: 4 } });
      assert.match(hover.contents.value, /AMEMBASSY ASTANA/);
      const symbols = await request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.ok(symbols.some((s) => s.name === 'KAZAKHSTAN: ALMATY NOTES, NOVEMBER 10 - NOVEMBER 21, 2008'));
      const report = await request<{ items: { code: string; range: unknown; data?: unknown; source: string; message: string; severity: number }[] }>('textDocument/diagnostic', { textDocument: { uri } });
      assert.equal(report.items.length, 10);
      const pilcrow = report.items.find((d) => d.code === 'pilcrow-misread')!;
      const actions = await request<{ title: string; isPreferred?: boolean }[]>('textDocument/codeAction', { textDocument: { uri }, range: pilcrow.range, context: { diagnostics: [pilcrow] } });
      assert.ok(actions.some((a) => a.isPreferred), actions.map((a) => a.title).join(' | '));
      assert.deepEqual(errors, []);
    } finally {
      await worker.terminate();
    }
  });
});
