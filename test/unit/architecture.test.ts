/**
 * The layers stay apart: the core (server/src/core) imports nothing of VS Code, of the
 * language-server runtime, or of Node's I/O; only vscode-languageserver-types (plain LSP
 * types) and its own files. The client imports nothing of the server.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers/fixtures';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    found.push(m[1] ?? m[2] ?? m[3]);
  }
  return found;
}

describe('architecture', () => {
  it('the core is pure: no vscode, no server runtime, no Node I/O', () => {
    const core = path.join(ROOT, 'server', 'src', 'core');
    const offending: string[] = [];
    for (const file of sources(core)) {
      for (const spec of imports(file)) {
        // jsonc-parser: the JSON-with-comments parser VS Code itself uses, pure (no I/O).
        const allowed = spec.startsWith('.') || spec === 'vscode-languageserver-types' || spec === 'jsonc-parser';
        if (!allowed) offending.push(`${path.relative(ROOT, file)} imports ${spec}`);
      }
    }
    assert.deepEqual(offending, []);
  });

  it('the client does not reach into the server (they share only common/)', () => {
    for (const file of sources(path.join(ROOT, 'client', 'src'))) {
      for (const spec of imports(file)) assert.ok(!spec.includes('server/'), `${file} imports ${spec}`);
    }
  });

  it('client and server name their shared commands and requests only through common/protocol.ts', () => {
    const shared = /['"`](?:cable\.server\.[A-Za-z]+|cable\/[A-Za-z]+|cable\.showReferences|cable\.showRuleDocumentation)['"`]/g;
    const offending: string[] = [];
    for (const file of [...sources(path.join(ROOT, 'client', 'src')), ...sources(path.join(ROOT, 'server', 'src'))]) {
      for (const m of readFileSync(file, 'utf8').matchAll(shared)) offending.push(`${path.relative(ROOT, file)}: ${m[0]}`);
    }
    assert.deepEqual(offending, []);
    // The contract itself depends on nothing.
    assert.deepEqual(imports(path.join(ROOT, 'common', 'protocol.ts')), []);
  });

  it('the service touches no file: it imports the core, and of node/ only types', () => {
    const offending: string[] = [];
    for (const file of sources(path.join(ROOT, 'server', 'src', 'service'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+['"]([^'"]+)['"]/gm)) {
        const [, typeOnly, spec] = m;
        const allowed = spec.startsWith('../core/') || spec === '../../../common/protocol' || spec === 'vscode-languageserver-types' || spec === 'jsonc-parser' || (!!typeOnly && spec.startsWith('../node/'));
        if (!allowed) offending.push(`${path.relative(ROOT, file)} imports ${spec}`);
      }
    }
    assert.deepEqual(offending, []);
  });

  it('only the LSP layer imports the server runtime', () => {
    const offending: string[] = [];
    for (const file of sources(path.join(ROOT, 'server', 'src'))) {
      const rel = path.relative(path.join(ROOT, 'server', 'src'), file);
      if (rel.startsWith('lsp') || rel === 'serverMain.ts' || rel === 'webServerMain.ts') continue;
      for (const spec of imports(file)) if (spec.startsWith('vscode-languageserver/') || spec === 'vscode-languageserver') offending.push(`${rel} imports ${spec}`);
    }
    assert.deepEqual(offending, []);
  });
});
