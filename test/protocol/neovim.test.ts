/** Another editor: headless Neovim (Debian's 0.7) gets symbols, hovers and pushed diagnostics from the stdio server. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, SEED } from '../helpers/fixtures';
import { SERVER } from '../helpers/lspClient';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });

describe('Neovim as the LSP client', () => {
  // Not skipped when missing: `npm test` installs it (test/editor/install.sh); a run without it fails and says how to get it.
  it('is installed', () => assert.equal(nvim.error, undefined, 'nvim is not installed: run `bash test/editor/install.sh` (or `apt-get install neovim`)'));
  it('shows the outline, a hover and the diagnostics', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cable-nvim-'));
    try {
      const out = path.join(dir, 'result.json');
      const run = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', path.join(ROOT, 'test', 'nvim', 'init.lua')], {
        env: { ...process.env, CABLE_SERVER: SERVER, CABLE_FILE: SEED, CABLE_NVIM_OUT: out, XDG_STATE_HOME: dir, XDG_DATA_HOME: dir, XDG_CACHE_HOME: dir },
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.equal(run.status, 0, run.stderr);
      const result = JSON.parse(readFileSync(out, 'utf8')) as { symbols: string[]; hover: string; diagnostics: { code: string }[]; errors: string[] };
      assert.deepEqual(result.errors, []);
      assert.ok(result.symbols.includes('Header'), result.symbols.join(', '));
      assert.ok(result.symbols.includes('KAZAKHSTAN: ALMATY NOTES, NOVEMBER 10 - NOVEMBER 21, 2008'));
      assert.match(result.hover, /AMEMBASSY ASTANA/);
      assert.equal(result.diagnostics.filter((d) => d.code === 'pilcrow-misread').length, 3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
