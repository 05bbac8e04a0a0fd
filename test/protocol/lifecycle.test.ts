/** The server over stdio, as a client that is not VS Code sees it. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { SEED, readText, scratchDir } from '../helpers/fixtures';
import { PUSH_CAPABILITIES, SERVER, fileUri, startClient } from '../helpers/lspClient';

describe('cable-language-server --stdio', () => {
  it('initializes, answers a request, shuts down and exits with 0', async () => {
    const client = await startClient();
    assert.equal(client.initialize.serverInfo?.name, 'cable-language-server');
    const caps = client.initialize.capabilities;
    assert.ok(caps.hoverProvider);
    assert.ok(caps.documentSymbolProvider);
    assert.ok(caps.diagnosticProvider, 'pull diagnostics offered to a client that supports them');
    const uri = fileUri(SEED);
    await client.open(uri, readText(SEED));
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as { name: string }[];
    assert.ok(symbols.length > 5);
    assert.equal(await client.stop(), 0);
  });

  it('refuses requests after shutdown with InvalidRequest, then exits with 0', async () => {
    const client = await startClient();
    const uri = fileUri(SEED);
    await client.open(uri, readText(SEED));
    await client.connection.sendRequest('shutdown');
    await assert.rejects(client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }), (error: { code?: number }) => error.code === -32600);
    await client.connection.sendNotification('exit');
    await new Promise<void>((resolve) => (client.child.exitCode === null ? client.child.on('exit', () => resolve()) : resolve()));
    assert.equal(client.child.exitCode, 0);
  });

  it('stops Lint Workspace on $/cancelRequest', { timeout: 60_000 }, async (t) => {
    const { CancellationTokenSource } = await import('vscode-languageserver-protocol');
    const dir = scratchDir(t, 'cable-cancel-');
    const seed = readText(SEED);
    for (let i = 0; i < 400; i++) writeFileSync(path.join(dir, `copy${i}.cable`), seed);
    const client = await startClient(undefined, { rootUri: fileUri(dir) });
    try {
      const whole = (await client.connection.sendRequest('workspace/executeCommand', { command: 'cable.server.lintWorkspace', arguments: [] })) as { files: number; cancelled: boolean };
      assert.deepEqual([whole.files, whole.cancelled], [400, false]);
      const source = new CancellationTokenSource();
      const stopped = client.connection.sendRequest('workspace/executeCommand', { command: 'cable.server.lintWorkspace', arguments: [] }, source.token);
      setTimeout(() => source.cancel(), 20);
      const result = (await stopped.catch((error: { code?: number }) => ({ error: error.code }))) as { files?: number; cancelled?: boolean; error?: number };
      // Either the lint stopped part-way, or it was cancelled before it started.
      assert.ok(result.error === -32800 || (result.cancelled === true && (result.files ?? 400) < 400), JSON.stringify(result));
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });

  it('answers a client without pull diagnostics, pushing them instead', async () => {
    const client = await startClient(PUSH_CAPABILITIES);
    assert.equal(client.initialize.capabilities.diagnosticProvider, undefined);
    const uri = fileUri(SEED);
    await client.open(uri, readText(SEED));
    const pushed = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.equal(pushed.diagnostics.filter((d) => d.code === 'pilcrow-misread').length, 3);
    assert.equal(await client.stop(), 0);
  });

  it('prints its version and help, and starts on stdio without arguments', () => {
    const version = spawnSync(process.execPath, [SERVER, '--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+/);
    const help = spawnSync(process.execPath, [SERVER, '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--stdio/);
    // No arguments: stdio. Closing its input ends it.
    const plain = spawnSync(process.execPath, [SERVER], { input: '', encoding: 'utf8', timeout: 10_000 });
    // A server still running after 10 s is killed, with an ETIMEDOUT error and a signal.
    assert.equal(plain.error, undefined, `the server did not end when its input closed: ${plain.error?.message}`);
    assert.equal(plain.signal, null);
    assert.equal(plain.status, 0);
  });
});
