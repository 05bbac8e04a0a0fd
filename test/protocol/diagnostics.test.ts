/** Pull diagnostics and code actions on the seed cable through the stdio server. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { STATUS, STATUS_CHANGED, type CableStatus } from '../../common/protocol';
import { ROOT, SEED, readText, scratchDir } from '../helpers/fixtures';
import { FULL_CAPABILITIES, fileUri, startClient, type TestClient } from '../helpers/lspClient';

const text = readText(SEED);
const uri = fileUri(SEED);

describe('diagnostics and code actions over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await startClient();
    await client.open(uri, text);
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  const pull = (): Promise<Diagnostic[]> => client.pullDiagnostics(uri);

  it('pulls exactly the seed cable\'s artifacts', async () => {
    const items = await pull();
    const byCode = new Map<string, number>();
    for (const d of items) byCode.set(String(d.code), (byCode.get(String(d.code)) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(byCode), { 'rendering-artifact': 7, 'pilcrow-misread': 3 });
    for (const d of items) {
      assert.equal(d.source, 'cable');
      assert.match(d.codeDescription!.href, new RegExp(`docs/rules/${d.code}\\.md$`));
    }
  });

  it('offers a preferred quick fix, fix-all, docs, and source.fixAll.cable', async () => {
    const items = await pull();
    const pilcrow = items.find((d) => d.code === 'pilcrow-misread')!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: pilcrow.range,
      context: { diagnostics: [pilcrow] },
    })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    const preferred = actions.find((a) => a.isPreferred)!;
    assert.equal(preferred.kind, 'quickfix');
    assert.match(preferred.title, /¶5\./);
    assert.ok(titles.includes('Fix all pilcrow-misread problems in this file'));
    assert.ok(titles.includes('Show documentation for pilcrow-misread'));

    const fixAll = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.cable'] },
    })) as CodeAction[];
    assert.equal(fixAll.length, 1);
    assert.equal(fixAll[0].kind, 'source.fixAll.cable');

    // Apply it: the problems are gone; apply again: nothing left to do.
    const edits = fixAll[0].edit!.changes![uri] as TextEdit[];
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'cable', 1, text), edits);
    assert.match(fixed, /TAGS: PGOV PREL SOCI KDEM KZ/);
    assert.match(fixed, /¶5\. \(U\) Foreign migrant/);
    assert.match(fixed, /\(\$5\.9 million\)/);
    await client.change(uri, fixed, 2);
    assert.deepEqual(await pull(), []);
    const again = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.cable'] },
    })) as CodeAction[];
    assert.deepEqual(again, []);
    await client.change(uri, text, 3);
  });
});

describe('the configuration applies in the editor as in the CLI', () => {
  it('a file the config ignores gets no diagnostics, when open or in Lint Workspace', { timeout: 30_000 }, async (t) => {
    const dir = scratchDir(t, 'cable-ignore-');
    mkdirSync(path.join(dir, 'drafts'));
    writeFileSync(path.join(dir, '.cablelintrc.json'), JSON.stringify({ ignore: ['drafts/**'] }));
    const draft = path.join(dir, 'drafts', 'a.cable');
    const kept = path.join(dir, 'b.cable');
    const other = path.join(dir, 'c.cable');
    const otherDraft = path.join(dir, 'drafts', 'd.cable');
    for (const f of [draft, kept, other, otherDraft]) writeFileSync(f, text);

    // The CLI: findings for the two kept files only.
    const cli = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'lint', '--format', 'jsonl', dir], { encoding: 'utf8' });
    const byFile = new Map(cli.stdout.trim().split('\n').map((line) => JSON.parse(line) as { file: string; diagnostics: unknown[] }).map((r) => [path.basename(r.file), r.diagnostics.length]));
    assert.ok((byFile.get('b.cable') ?? 0) > 0 && (byFile.get('c.cable') ?? 0) > 0, cli.stdout);
    assert.ok(!byFile.get('a.cable') && !byFile.get('d.cable'), cli.stdout);

    // The editor: the same.
    const client = await startClient(undefined, { rootUri: fileUri(dir) });
    try {
      await client.open(fileUri(draft), text);
      await client.open(fileUri(kept), text);
      assert.deepEqual(await client.pullDiagnostics(fileUri(draft)), []);
      assert.equal((await client.pullDiagnostics(fileUri(kept))).length, byFile.get('b.cable'));
      const result = (await client.connection.sendRequest('workspace/executeCommand', { command: 'cable.server.lintWorkspace', arguments: [] })) as { files: number };
      assert.equal(result.files, 4);
      assert.equal(client.pushed.get(fileUri(other))?.diagnostics.length, byFile.get('c.cable'));
      assert.equal(client.pushed.get(fileUri(otherDraft)), undefined, 'the ignored file is not linted');
      // Hovers still work in an ignored file.
      const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: fileUri(draft) }, position: { line: text.slice(0, text.indexOf('RUEHTA #')).split('\n').length - 1, character: 3 } });
      assert.match(JSON.stringify(hover), /ASTANA/);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });
});

describe('Restricted Mode (an untrusted workspace)', () => {
  it('reads no .cablelintrc.json nor the code tables it names; a trusted start does', { timeout: 30_000 }, async (t) => {
    const dir = scratchDir(t, 'cable-untrusted-');
    writeFileSync(path.join(dir, '.cablelintrc.json'), JSON.stringify({ rules: { 'rendering-artifact': 'off' }, codeTables: ['tags-extra.tsv'] }));
    writeFileSync(path.join(dir, 'tags-extra.tsv'), 'tag\tmeaning\nZZTEST\tA tag of this workspace\n');
    const withTag = text.replace(/^TAGS: .*$/m, 'TAGS: PGOV, ZZTEST');
    const cable = path.join(dir, 'a.cable');
    writeFileSync(cable, withTag);
    const codes = async (trusted: boolean | undefined): Promise<string[]> => {
      const client = await startClient(undefined, { rootUri: fileUri(dir), initializationOptions: trusted === undefined ? undefined : { trusted } });
      try {
        await client.open(fileUri(cable), withTag);
        return (await client.pullDiagnostics(fileUri(cable))).map((d) => String(d.code));
      } finally {
        assert.equal(await client.stop(), 0);
      }
    };
    const untrusted = await codes(false);
    assert.ok(untrusted.includes('rendering-artifact'), 'the config that turns the rule off is not read');
    assert.ok(untrusted.includes('tag-unknown'), 'nor the table that knows ZZTEST');
    for (const trusted of [true, undefined]) {
      const found = await codes(trusted);
      assert.ok(!found.includes('rendering-artifact') && !found.includes('tag-unknown'), `${trusted}: ${found.join(' ')}`);
    }
  });
});

describe('code tables the config names', () => {
  it('are watched: a change to one is seen at once, in hovers and diagnostics', { timeout: 30_000 }, async (t) => {
    const dir = scratchDir(t, 'cable-tables-');
    const table = path.join(dir, 'tags-extra.tsv');
    writeFileSync(path.join(dir, '.cablelintrc.json'), JSON.stringify({ codeTables: ['tags-extra.tsv'] }));
    writeFileSync(table, 'tag\tmeaning\nZZTEST\tFirst meaning\n');
    const cable = path.join(dir, 'a.cable');
    const withTag = text.replace(/^TAGS: .*$/m, 'TAGS: PGOV, ZZTEST');
    assert.notEqual(withTag, text);
    writeFileSync(cable, withTag);
    const capabilities = { ...FULL_CAPABILITIES, workspace: { ...FULL_CAPABILITIES.workspace, didChangeWatchedFiles: { dynamicRegistration: true } } };
    const client = await startClient(capabilities, { rootUri: fileUri(dir) });
    try {
      await client.open(fileUri(cable), withTag);
      const lines = withTag.slice(0, withTag.indexOf('ZZTEST')).split('\n');
      const position = { line: lines.length - 1, character: lines[lines.length - 1].length + 1 };
      const hover = async () => JSON.stringify(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: fileUri(cable) }, position }));
      const unknownTag = async () => (await client.pullDiagnostics(fileUri(cable))).filter((d) => d.code === 'tag-unknown').length;
      assert.match(await hover(), /First meaning/);
      assert.equal(await unknownTag(), 0);
      // The server asked the client to watch the table files.
      const watchers = client.registrations().filter((r) => r.method === 'workspace/didChangeWatchedFiles').flatMap((r) => (r.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern));
      assert.ok(watchers.includes('**/*.{tsv,json}'), watchers.join(', '));
      // The table changes on disk; the client reports it.
      writeFileSync(table, 'tag\tmeaning\nZZOTHER\tSecond meaning\n');
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(table), type: 2 }] });
      assert.doesNotMatch(await hover(), /First meaning/);
      assert.equal(await unknownTag(), 1, 'ZZTEST is no longer in any table');
      // A change to some other JSON file refreshes nothing (and breaks nothing).
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(path.join(dir, 'package.json')), type: 1 }] });
      assert.equal(await unknownTag(), 1);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });
});

describe('cable.lint.enable', () => {
  it('off: no diagnostics, and hovers still work', async () => {
    const capabilities = { ...FULL_CAPABILITIES, workspace: { ...FULL_CAPABILITIES.workspace, configuration: true } };
    const off = await startClient(capabilities, { settings: { lint: { enable: false } } });
    const on = await startClient(capabilities, { settings: {} });
    try {
      await off.open(uri, text);
      await on.open(uri, text);
      assert.deepEqual(await off.pullDiagnostics(uri), []);
      assert.equal((await on.pullDiagnostics(uri)).length, 10);
      const lines = text.slice(0, text.indexOf('RUEHTA #')).split('\n');
      const hover = await off.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: lines.length - 1, character: 3 } });
      assert.match(JSON.stringify(hover), /ASTANA/);
    } finally {
      assert.equal(await off.stop(), 0);
      assert.equal(await on.stop(), 0);
    }
  });
});

describe('configuration problems', () => {
  it('are shown once, on the config file, not on every cable; fixing the file clears them', { timeout: 30_000 }, async (t) => {
    const dir = scratchDir(t, 'cable-config-');
    const config = path.join(dir, '.cablelintrc.json');
    // JSON with comments, as VS Code writes it; the unknown rule is on line 4.
    writeFileSync(config, '{\n  // ours\n  "rules": {\n    "no-such-rule": "warning",\n    "tag-unknown": "loud"\n  }\n}\n');
    const a = path.join(dir, 'a.cable');
    const b = path.join(dir, 'b.cable');
    writeFileSync(a, text);
    writeFileSync(b, text);
    const client = await startClient(undefined, { rootUri: fileUri(dir) });
    try {
      await client.open(fileUri(a), text);
      await client.open(fileUri(b), text);
      for (const cable of [a, b]) {
        const items = await client.pullDiagnostics(fileUri(cable));
        assert.ok(!items.some((d) => /no-such-rule|Configuration/.test(String(d.message))), 'not on the cable');
        assert.equal(items.length, 10);
      }
      const onConfig = await client.waitForDiagnostics(fileUri(config), (p) => p.diagnostics.length > 0);
      assert.equal(onConfig.diagnostics.length, 2);
      assert.match(String(onConfig.diagnostics[0].message), /no-such-rule/);
      // Where they are: the unknown rule's name, the bad value.
      assert.deepEqual(onConfig.diagnostics[0].range, { start: { line: 3, character: 4 }, end: { line: 3, character: 18 } });
      assert.deepEqual(onConfig.diagnostics[1].range, { start: { line: 4, character: 19 }, end: { line: 4, character: 25 } });
      assert.doesNotMatch(String(onConfig.diagnostics[0].message), new RegExp(dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'the file is where it is shown, not repeated in the message');
      writeFileSync(config, '{}');
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(config), type: 2 }] });
      await client.waitForDiagnostics(fileUri(config), (p) => p.diagnostics.length === 0);
      assert.equal((await client.pullDiagnostics(fileUri(a))).length, 10);
      assert.equal(client.pushed.get(fileUri(config))?.diagnostics.length, 0);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });
});

describe('"Disable rule" quick fix', () => {
  const CREATE_CAPABILITIES = { ...FULL_CAPABILITIES, workspace: { ...FULL_CAPABILITIES.workspace, workspaceEdit: { documentChanges: true, resourceOperations: ['create' as const] } } };
  const disableActions = async (client: TestClient, cable: string): Promise<CodeAction[]> => {
    const diagnostics = (await client.pullDiagnostics(fileUri(cable))).filter((d) => d.code === 'rendering-artifact');
    assert.ok(diagnostics.length > 0);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: fileUri(cable) }, range: diagnostics[0].range, context: { diagnostics: [diagnostics[0]] } })) as CodeAction[];
    return actions.filter((a) => a.title.startsWith('Disable rule'));
  };

  it('turns the rule off in the nearest .cablelintrc.json, keeping its comments; the finding goes', { timeout: 30_000 }, async (t) => {
    const dir = scratchDir(t, 'cable-disable-');
    const config = path.join(dir, '.cablelintrc.json');
    const before = '{\n  // our choices\n  "rules": {\n    "tag-unknown": "error"\n  }\n}\n';
    writeFileSync(config, before);
    const cable = path.join(dir, 'a.cable');
    writeFileSync(cable, text);
    const client = await startClient(CREATE_CAPABILITIES, { rootUri: fileUri(dir) });
    try {
      await client.open(fileUri(cable), text);
      const [action, ...more] = await disableActions(client, cable);
      assert.equal(more.length, 0);
      assert.equal(action.title, 'Disable rule rendering-artifact in .cablelintrc.json');
      const edits = action.edit?.changes?.[fileUri(config)] as TextEdit[];
      const after = TextDocument.applyEdits(TextDocument.create(fileUri(config), 'jsonc', 1, before), edits);
      // At the top of the rules, on a line of its own (a trailing comment of the last rule stays with it).
      assert.equal(after, '{\n  // our choices\n  "rules": {\n    "rendering-artifact": "off",\n    "tag-unknown": "error"\n  }\n}\n');
      writeFileSync(config, after);
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(config), type: 2 }] });
      const left = await client.pullDiagnostics(fileUri(cable));
      assert.ok(left.length > 0 && !left.some((d) => d.code === 'rendering-artifact'), left.map((d) => d.code).join(' '));
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });

  it('creates one in the workspace folder when there is none, if the client can create files; none in Restricted Mode', { timeout: 30_000 }, async (t) => {
    const dir = scratchDir(t, 'cable-disable-new-');
    mkdirSync(path.join(dir, 'sub'));
    const cable = path.join(dir, 'sub', 'a.cable');
    writeFileSync(cable, text);
    const client = await startClient(CREATE_CAPABILITIES, { rootUri: fileUri(dir) });
    try {
      await client.open(fileUri(cable), text);
      const [action] = await disableActions(client, cable);
      const [create, insert] = action.edit?.documentChanges as [{ kind: string; uri: string; options?: unknown }, { textDocument: { uri: string }; edits: TextEdit[] }];
      assert.deepEqual(create, { kind: 'create', uri: fileUri(path.join(dir, '.cablelintrc.json')) });
      assert.equal(insert.textDocument.uri, create.uri);
      assert.deepEqual(JSON.parse(insert.edits[0].newText), { rules: { 'rendering-artifact': 'off' } });
    } finally {
      assert.equal(await client.stop(), 0);
    }
    for (const [capabilities, initializationOptions, why] of [
      [FULL_CAPABILITIES, undefined, 'a client that cannot create files'],
      [CREATE_CAPABILITIES, { trusted: false }, 'Restricted Mode'],
    ] as const) {
      const other = await startClient(capabilities, { rootUri: fileUri(dir), initializationOptions });
      try {
        await other.open(fileUri(cable), text);
        assert.deepEqual(await disableActions(other, cable), [], why);
      } finally {
        assert.equal(await other.stop(), 0);
      }
    }
  });
});

describe('cable/status while the index reads', () => {
  it('is announced as the count grows, not only at the start and the end', { timeout: 30_000 }, async (t) => {
    const dir = scratchDir(t, 'cable-status-progress-');
    for (let k = 0; k < 100; k++) writeFileSync(path.join(dir, `${k}.cable`), text);
    const client = await startClient(undefined, { rootUri: fileUri(dir), env: { CABLE_STATUS_INTERVAL_MS: '0' } });
    let changed = 0;
    client.connection.onNotification(STATUS_CHANGED, () => {
      changed++;
    });
    try {
      const deadline = Date.now() + 10_000;
      while (!((await client.connection.sendRequest(STATUS, {})) as CableStatus).index.complete && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      // The start and one per batch of 32 files read (4); the end's may come after this check.
      assert.ok(changed >= 5, `${changed} notifications`);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });
});

describe('cable/status (the language status item)', () => {
  it('names the config a cable is checked with, its problems, Restricted Mode, an ignored file and the index', { timeout: 30_000 }, async (t) => {
    const dir = scratchDir(t, 'cable-status-');
    mkdirSync(path.join(dir, 'drafts'));
    const config = path.join(dir, '.cablelintrc.json');
    writeFileSync(config, JSON.stringify({ rules: { 'no-such-rule': 'off' }, ignore: ['drafts/**'] }));
    const cable = path.join(dir, 'a.cable');
    const draft = path.join(dir, 'drafts', 'b.cable');
    writeFileSync(cable, text);
    writeFileSync(draft, text);
    const statusOf = async (client: TestClient, uri?: string): Promise<CableStatus> => (await client.connection.sendRequest(STATUS, { uri })) as CableStatus;
    const client = await startClient(undefined, { rootUri: fileUri(dir) });
    const changed: number[] = [];
    client.connection.onNotification(STATUS_CHANGED, () => {
      changed.push(Date.now());
    });
    try {
      await client.open(fileUri(cable), text);
      await client.open(fileUri(draft), text);
      const status = await statusOf(client, fileUri(cable));
      assert.equal(status.config, fileUri(config));
      assert.deepEqual(status.configProblems, ['rules: unknown rule "no-such-rule"']);
      assert.equal(status.trusted, true);
      assert.equal(status.ignored, false);
      assert.equal(status.lintEnabled, true);
      assert.equal((await statusOf(client, fileUri(draft))).ignored, true);
      // The index: complete with the two cables (the server says when it changes).
      const deadline = Date.now() + 10_000;
      while (!(await statusOf(client)).index.complete && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual((await statusOf(client)).index, { cables: 2, complete: true });
      assert.ok(changed.length >= 1, 'cable/statusChanged was sent');
      assert.equal((await statusOf(client)).config, undefined, 'no document: the workspace only');
    } finally {
      assert.equal(await client.stop(), 0);
    }
    const untrusted = await startClient(undefined, { rootUri: fileUri(dir), initializationOptions: { trusted: false } });
    try {
      await untrusted.open(fileUri(cable), text);
      const status = await statusOf(untrusted, fileUri(cable));
      assert.equal(status.trusted, false);
      assert.equal(status.config, undefined);
      assert.deepEqual(status.configProblems, []);
    } finally {
      assert.equal(await untrusted.stop(), 0);
    }
  });
});
