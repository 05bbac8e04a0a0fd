/**
 * The .vsix as published: what it must hold (bundles, grammar, manifest, docs, icon) and what
 * it must not (sources, tests, node_modules, source maps); and the npm package (.npmignore). `npm test` packages it before the
 * unit tests run; alone, this test packages it first.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers/fixtures';

const VSIX = path.join(ROOT, 'dist', 'cable-tools.vsix');

describe('the packaged .vsix', () => {
  if (!existsSync(VSIX)) execFileSync('npm', ['run', 'package', '--silent'], { cwd: ROOT, stdio: 'ignore' });
  const entries = execFileSync('unzip', ['-Z1', VSIX], { encoding: 'utf8' }).trim().split('\n');

  it('holds the bundles, grammar, manifest, README, CHANGELOG, LICENSE and icon', () => {
    for (const required of [
      'extension/package.json',
      'extension/dist/client.js',
      'extension/dist/server.js',
      'extension/dist/cli.js',
      'extension/dist/web/client.js',
      'extension/dist/web/server.js',
      'extension/syntaxes/cable.tmLanguage.json',
      'extension/language-configuration.json',
      'extension/snippets/cable.json',
      'extension/schemas/cablelintrc.schema.json',
      'extension/readme.md',
      'extension/changelog.md',
      'extension/LICENSE.txt',
      'extension/images/icon.png',
    ]) {
      assert.ok(entries.includes(required), `missing ${required}`);
    }
  });

  it('holds no sources, tests, node_modules or source maps', () => {
    // One cable only: the walkthrough's sample.
    const unwanted = entries.filter((e) => /(^|\/)(node_modules|test|client\/src|server\/src|scripts|\.vscode)\/|\.(ts|map|mjs)$|\.cable$/.test(e) && e !== 'extension/walkthrough/sample.cable');
    assert.deepEqual(unwanted, []);
  });

  it('ships the manifest of this version, pointing at the bundled client', () => {
    const manifest = JSON.parse(execFileSync('unzip', ['-p', VSIX, 'extension/package.json'], { encoding: 'utf8' }));
    const project = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.equal(manifest.version, project.version);
    assert.equal(manifest.main, './dist/client.js');
    assert.equal(manifest.browser, './dist/web/client.js');
    // On opening a cable; in a folder with cables (the index, Lint Workspace); and when tasks
    // are listed (the `cable` task type).
    assert.deepEqual(manifest.activationEvents, ['onLanguage:cable', 'workspaceContains:**/*.cable', 'onCommand:workbench.action.tasks.runTask']);
  });
});

describe('the npm package', () => {
  it('ships the command line and the language server, nothing else (npm install -g gives cable and cable-language-server)', () => {
    const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' })) as { files: { path: string }[] }[];
    const files = packed[0].files.map((f) => f.path).sort();
    assert.deepEqual(files, ['LICENSE', 'README.md', 'dist/cli.js', 'dist/server.js', 'package.json']);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    assert.deepEqual(pkg.bin, { cable: 'dist/cli.js', 'cable-language-server': 'dist/server.js' });
  });
});

describe('the manifest: Restricted Mode and virtual workspaces', () => {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

  it('works, limited, in an untrusted workspace; the settings that name files or links are not taken from it', () => {
    const untrusted = manifest.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.deepEqual([...untrusted.restrictedConfigurations].sort(), ['cable.codeTables', 'cable.links.archiveUrl']);
    assert.match(untrusted.description, /\.cablelintrc\.json/);
    for (const setting of untrusted.restrictedConfigurations) assert.ok(manifest.contributes.configuration.properties[setting], setting);
  });

  it('works, limited, on a virtual file system: the client serves cables of any scheme', () => {
    assert.equal(manifest.capabilities.virtualWorkspaces.supported, 'limited');
    const client = readFileSync(path.join(ROOT, 'client', 'src', 'common.ts'), 'utf8');
    assert.match(client, /documentSelector: \[\{ language: 'cable' \}\]/);
  });
});

describe('the getting-started walkthrough', () => {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const [walkthrough] = manifest.contributes.walkthroughs;
  const vsixEntries = (): string[] => execFileSync('unzip', ['-Z1', VSIX], { encoding: 'utf8' }).trim().split('\n');

  it('has its four steps, each with media shipped in the .vsix', () => {
    assert.deepEqual(walkthrough.steps.map((s: { id: string }) => s.id), ['openSample', 'hover', 'fix', 'lintFolder']);
    const entries = vsixEntries();
    for (const step of walkthrough.steps) {
      assert.ok(entries.includes(`extension/${step.media.markdown}`), step.media.markdown);
    }
    assert.ok(entries.includes('extension/walkthrough/sample.cable'));
  });

  it('links only to commands that exist: the extension\'s own, or the editor\'s', () => {
    const own = new Set(manifest.contributes.commands.map((c: { command: string }) => c.command));
    const builtIn = new Set(['outline.focus', 'workbench.actions.view.problems']);
    for (const step of walkthrough.steps) {
      for (const [, command] of String(step.description).matchAll(/\(command:([\w.]+)\)/g)) {
        assert.ok(own.has(command) || builtIn.has(command), `${step.id}: ${command}`);
      }
    }
    const client = ['common.ts', 'extension.ts'].map((f) => readFileSync(path.join(ROOT, 'client', 'src', f), 'utf8')).join('\n');
    for (const command of own) assert.ok(client.includes(`'${command}'`), `${command} is registered by the client`);
  });
});
