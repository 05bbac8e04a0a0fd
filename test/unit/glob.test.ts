/** Globs of `.cablelintrc.json` (`ignore`, `overrides`): the forms people write, and time that stays bounded on hostile ones. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandBraces, globMatches } from '../../server/src/core/config/glob';

describe('globs', () => {
  it('match the forms people write', () => {
    assert.ok(globMatches('drafts/**', 'drafts/a.cable'));
    assert.ok(globMatches('drafts/**', 'drafts/x/y/a.cable'));
    assert.ok(!globMatches('drafts/**', 'final/a.cable'));
    assert.ok(globMatches('**/*.cable', 'a/b/c.cable'));
    assert.ok(globMatches('**/*.cable', 'c.cable'));
    assert.ok(globMatches('*.cable', 'deep/down/c.cable'), 'a glob without / matches the name anywhere');
    assert.ok(!globMatches('a/*.cable', 'a/b/c.cable'), '* does not cross /');
    assert.ok(globMatches('0?ROME*.cable', '08ROME1.cable'));
    assert.ok(globMatches('0[0-9]ROME*.cable', '08ROME1.cable'));
    assert.ok(!globMatches('0[!0-8]ROME*.cable', '08ROME1.cable'));
    assert.ok(globMatches('{drafts,old}/**', 'old/a.cable'));
    assert.ok(globMatches('archive/{2008,2009}/*.cable', 'archive/2009/x.cable'));
    assert.ok(!globMatches('archive/{2008,2009}/*.cable', 'archive/2010/x.cable'));
    assert.ok(globMatches('./drafts/*.cable', 'drafts/a.cable'));
    assert.deepEqual(expandBraces('a{b,c{d,e}}f'), ['abf', 'acdf', 'acef']);
  });

  it('take bounded time on patterns that make a regular expression backtrack', () => {
    const name = `${'a'.repeat(5000)}c.cable`;
    const start = process.hrtime.bigint();
    assert.ok(!globMatches('*a*a*a*a*a*a*a*a*b', name));
    assert.ok(!globMatches('**/**/**/**/**/**/**/x', `${'d/'.repeat(300)}y`));
    // The same work as a backtracking regular expression takes minutes; this is milliseconds.
    assert.ok(Number(process.hrtime.bigint() - start) / 1e6 < 2000);
  });
});
