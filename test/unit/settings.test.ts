/** The settings a workspace sends are untrusted: only well-formed values are taken. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, normalizeSettings, settingsProblems } from '../../server/src/lsp/settings';

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
});
