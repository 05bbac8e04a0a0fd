/**
 * Navigation and authoring requests through the stdio server, with a workspace: the corpus
 * copied to a temporary folder, indexed by the server; then a file added, changed, removed.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type {
  CodeLens,
  CompletionList,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  InlayHint,
  Location,
  SelectionRange,
  SemanticTokens,
  SymbolInformation,
} from 'vscode-languageserver-protocol';
import { CORPUS, SEED, readText } from '../helpers/fixtures';
import { fileUri, startClient, waitFor, type TestClient } from '../helpers/lspClient';

const workspace = mkdtempSync(path.join(tmpdir(), 'cable-ws-'));
cpSync(CORPUS, workspace, { recursive: true, filter: (src) => !src.endsWith('.tsv') && !src.endsWith('.md') });
cpSync(SEED, path.join(workspace, 'seed.cable'));
after(() => rmSync(workspace, { recursive: true, force: true }));

const seedUri = fileUri(path.join(workspace, 'seed.cable'));
const seedText = readText(SEED);

function positionOf(text: string, needle: string, offset = 1) {
  const before = text.slice(0, text.indexOf(needle) + offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('navigation and authoring over stdio, with a workspace', () => {
  let client: TestClient;
  before(async () => {
    client = await startClient(undefined, { rootUri: fileUri(workspace) });
    await client.open(seedUri, seedText);
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
  });
  const req = <T>(method: string, params: object) => client.connection.sendRequest(method, params) as Promise<T>;
  const doc = { textDocument: { uri: seedUri } };

  it('documentSymbol: the seed\'s outline', async () => {
    const symbols = await req<DocumentSymbol[]>('textDocument/documentSymbol', doc);
    assert.equal(symbols.filter((s) => s.kind === 3 && s.name !== 'Header').length, 6);
  });

  it('foldingRange and selectionRange', async () => {
    const folds = await req<FoldingRange[]>('textDocument/foldingRange', doc);
    assert.ok(folds.some((f) => f.kind === 'imports'));
    const [sel] = await req<SelectionRange[]>('textDocument/selectionRange', { ...doc, positions: [positionOf(seedText, 'RUEHTA')] });
    let depth = 0;
    for (let r: SelectionRange | undefined = sel; r; r = r.parent) depth++;
    assert.ok(depth >= 4);
  });

  it('workspace/symbol finds cables by id, subject, origin and date once indexed', async () => {
    const found = await waitFor(() => req<SymbolInformation[]>('workspace/symbol', { query: '08QUITO264' }), (s) => s.length > 0);
    assert.equal(path.basename(found[0].location.uri), '08QUITO264.cable');
    const seed = await waitFor(() => req<SymbolInformation[]>('workspace/symbol', { query: 'almaty notes' }), (s) => s.some((x) => x.location.uri === seedUri));
    assert.ok(seed.some((s) => s.location.uri === seedUri));
    const tehran = await waitFor(() => req<SymbolInformation[]>('workspace/symbol', { query: 'TEHRAN 1972' }), (s) => s.length >= 2);
    assert.deepEqual(tehran.map((s) => s.name.split(':')[0]).sort(), ['72TEHRAN1164', '72TEHRAN5055']);
  });

  it('cable/findCables answers Go to Cable… with the fields apart, best match first', async () => {
    type Summary = import('../../common/protocol').CableSummary;
    const { FIND_CABLES } = await import('../../common/protocol');
    const quito = await waitFor(() => req<Summary[]>(FIND_CABLES, { query: '08QUITO264' }), (s) => s.length > 0);
    assert.equal(quito[0].id, '08QUITO264');
    assert.equal(path.basename(quito[0].uri), '08QUITO264.cable');
    assert.equal(quito[0].origin, 'QUITO');
    assert.match(String(quito[0].date), /^2008-\d\d-\d\d$/);
    assert.ok(quito[0].subject && !quito[0].subject.includes('08QUITO264'), quito[0].subject);
    const tehran = await req<Summary[]>(FIND_CABLES, { query: 'TEHRAN 1972' });
    assert.deepEqual(tehran.map((c) => c.id).sort(), ['72TEHRAN1164', '72TEHRAN5055']);
    assert.equal((await req<Summary[]>(FIND_CABLES, { query: '', limit: 3 })).length, 3);
  });

  it('documentLink and definition lead from a REF item to the cited cable in the workspace', async () => {
    const naplesUri = fileUri(path.join(workspace, '08NAPLES38.cable'));
    const naples = readText(path.join(workspace, '08NAPLES38.cable'));
    await client.open(naplesUri, naples);
    const links = await req<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: naplesUri } });
    assert.ok(links.some((l) => l.target === fileUri(path.join(workspace, '08NAPLES37.cable'))));
    assert.ok(links.some((l) => l.target?.startsWith('https://wikileaks.org/plusd/cables/')));
    const defs = await req<Location[]>('textDocument/definition', { textDocument: { uri: naplesUri }, position: positionOf(naples, 'NAPLES 37', 2) });
    assert.equal(defs[0].uri, fileUri(path.join(workspace, '08NAPLES37.cable')));
  });

  it('references on a cable\'s classification line list the cables citing it; a code lens counts them', async () => {
    const uri = fileUri(path.join(workspace, '08NAPLES37.cable'));
    const text = readText(path.join(workspace, '08NAPLES37.cable'));
    await client.open(uri, text);
    const refs = await req<Location[]>('textDocument/references', { textDocument: { uri }, position: positionOf(text, 'NAPLES 000037', 3), context: { includeDeclaration: false } });
    assert.deepEqual(refs.map((r) => path.basename(r.uri)), ['08NAPLES38.cable']);
    // At the line that cites it (the REF item), not at the citing cable's classification line.
    const citingText = readText(path.join(workspace, '08NAPLES38.cable'));
    const refLine = citingText.slice(0, citingText.search(/NAPLES 0*37\b/)).split('\n').length - 1;
    assert.match(citingText.split('\n')[refLine], /^REF/);
    assert.equal(refs[0].range.start.line, refLine);
    const lenses = await req<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].command?.title, 'referenced by 1 cable');
    assert.equal(lenses[0].command?.command, 'cable.showReferences');
    assert.deepEqual((lenses[0].command?.arguments?.[2] as Location[]).map((l) => l.range.start.line), [refLine], 'the peek opens the REF line');
    // A cable nobody in the workspace cites gets no lens ("referenced by 0 cables" is noise).
    const citing = fileUri(path.join(workspace, '08NAPLES38.cable'));
    await client.open(citing, readText(path.join(workspace, '08NAPLES38.cable')));
    assert.deepEqual(await req<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: citing } }), []);
  });

  it('definition, references and highlights between "ref A" and REF A', async () => {
    const uri = fileUri(path.join(workspace, '09KUALALUMPUR752.cable'));
    const text = readText(path.join(workspace, '09KUALALUMPUR752.cable'));
    await client.open(uri, text);
    const [def] = await req<Location[]>('textDocument/definition', { textDocument: { uri }, position: positionOf(text, 'ref A') });
    assert.equal(def.range.start.line, positionOf(text, 'A. SECSTATE', 0).line);
    const refs = await req<Location[]>('textDocument/references', { textDocument: { uri }, position: positionOf(text, 'A. SECSTATE'), context: { includeDeclaration: true } });
    assert.equal(refs.length, 3);
    const highlights = await req<unknown[]>('textDocument/documentHighlight', { textDocument: { uri }, position: positionOf(text, 'ref A') });
    assert.equal(highlights.length, 3);
  });

  it('completion, inlay hints and semantic tokens', async () => {
    const list = await req<CompletionList>('textDocument/completion', { ...doc, position: positionOf(seedText, 'TAGS: ', 6) });
    assert.ok(list.items.some((i) => i.label === 'PGOV'));
    const hints = await req<InlayHint[]>('textDocument/inlayHint', { ...doc, range: { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } } });
    assert.ok(hints.some((h) => h.label === '= 2008-11-26T09:15Z Wed'));
    const tokens = await req<SemanticTokens>('textDocument/semanticTokens/full', doc);
    assert.ok(tokens.data.length > 100 && tokens.data.length % 5 === 0);
  });

  it('keeps the index current: a file added, changed and removed', async () => {
    const added = path.join(workspace, 'new', 'X.cable');
    cpSync(SEED, added, { recursive: true });
    writeFileSync(added, readFileSync(SEED, 'utf8').replace('ASTANA 002361', 'ASTANA 009999'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(added), type: 1 }] });
    const found = await waitFor(() => req<SymbolInformation[]>('workspace/symbol', { query: '08ASTANA9999' }), (s) => s.length > 0);
    assert.equal(found[0].location.uri, fileUri(added));
    writeFileSync(added, readFileSync(SEED, 'utf8').replace('ASTANA 002361', 'ASTANA 008888'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(added), type: 2 }] });
    await waitFor(() => req<SymbolInformation[]>('workspace/symbol', { query: '08ASTANA8888' }), (s) => s.length > 0);
    assert.equal((await req<SymbolInformation[]>('workspace/symbol', { query: '08ASTANA9999' })).length, 0);
    unlinkSync(added);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(added), type: 3 }] });
    const gone = await waitFor(() => req<SymbolInformation[]>('workspace/symbol', { query: '08ASTANA8888' }), (s) => s.length === 0);
    assert.equal(gone.length, 0);
  });
});
