/** The settings a workspace sends are untrusted: only well-formed values are taken. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, normalizeSettings, SETTING_DECLARATIONS, settingsProblems } from '../../server/src/lsp/settings';
import { ROOT } from '../helpers/fixtures';

describe('settings', () => {
  it('takes only https: and http: archive link templates, and says why another is ignored', () => {
    assert.equal(normalizeSettings({ links: { archiveUrl: 'https://example.org/{id}' } }).links.archiveUrl, 'https://example.org/{id}');
    assert.equal(normalizeSettings({ links: { archiveUrl: 'http://example.org/{id}' } }).links.archiveUrl, 'http://example.org/{id}');
    assert.equal(normalizeSettings({ links: { archiveUrl: '' } }).links.archiveUrl, '');
    for (const bad of ['command:workbench.action.terminal.new?{id}', 'file:///etc/passwd#{id}', 'javascript:alert({id})', 'https://exa mple.org/{id}']) {
      assert.equal(normalizeSettings({ links: { archiveUrl: bad } }).links.archiveUrl, '', bad);
      assert.match(settingsProblems({ links: { archiveUrl: bad } })[0], /only https: and http:/);
    }
    assert.deepEqual(settingsProblems({ links: { archiveUrl: 'https://example.org/{id}' } }), []);
    assert.equal(normalizeSettings({}).links.archiveUrl, DEFAULT_SETTINGS.links.archiveUrl);
  });

  it('are declared once: the server\'s defaults, package.json (generated) and the README table agree with the declarations', () => {
    const declared = Object.entries(SETTING_DECLARATIONS);
    // What the server falls back to is what VS Code shows as the default.
    const values = normalizeSettings({});
    assert.equal(values.run, SETTING_DECLARATIONS.run.default);
    assert.equal(values.links.archiveUrl, SETTING_DECLARATIONS['links.archiveUrl'].default);
    assert.equal(values.inlayHints.enable, SETTING_DECLARATIONS['inlayHints.enable'].default);
    assert.equal(values.maxFileSize, SETTING_DECLARATIONS.maxFileSize.default);
    assert.deepEqual(values.codeTables, SETTING_DECLARATIONS.codeTables.default);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { default: unknown }> } } };
    assert.deepEqual(Object.keys(pkg.contributes.configuration.properties).sort(), [...declared.map(([name]) => `cable.${name}`), 'cable.rules'].sort());
    // The README's settings table: one row per setting, with its default.
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const rows = new Map([...readme.matchAll(/^\| `(cable\.[\w.]+)` \| `([^`]*)` \|/gm)].map((m) => [m[1], m[2]]));
    assert.deepEqual([...rows.keys()].sort(), [...declared.map(([name]) => `cable.${name}`), 'cable.rules'].sort());
    for (const [name, declaration] of declared) {
      const shown = typeof declaration.default === 'string' ? declaration.default : JSON.stringify(declaration.default);
      assert.equal(rows.get(`cable.${name}`), shown, name);
    }
  });
});

describe('configuration files', () => {
  it('a file of many syntax errors is read in time linear in its size, each error once', async () => {
    const { readConfigText } = await import('../../server/src/core/config/config');
    const { assertLinear } = await import('../helpers/linear');
    const ids = new Set(['tag-unknown']);
    // An object left open inside another gives jsonc-parser's "close brace expected" twice: said once.
    assert.deepEqual(readConfigText('{ "rules": { "tag-unknown": "off" ', ids).problems.map((p) => p.message), ['not JSON: close brace expected']);
    assertLinear('config errors', (text) => readConfigText(text, ids), (n) => `{"rules": {${'"a": 1 x '.repeat(n)}`, 500);
  });
});
