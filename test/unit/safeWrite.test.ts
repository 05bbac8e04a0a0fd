/**
 * How `cable fix` writes a file back (server/src/node/safeWrite.ts): symlinks, hard links,
 * mode and owner kept; read-only files refused; no temporary file left, even after a run
 * that was killed halfway.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, linkSync, lstatSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { temporaryFileFor, writeAtomically } from '../../server/src/node/safeWrite';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const ARTIFACT = 'UNCLAS ROME 000001\nTAGS: PREL\nSUBJECT: X\n\n1. (U) Rock &amp; roll.\n';
const FIXED = 'UNCLAS ROME 000001\nTAGS: PREL\nSUBJECT: X\n\n1. (U) Rock & roll.\n';
const scratchDirs: string[] = [];
const scratch = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cable-write-'));
  scratchDirs.push(dir);
  return dir;
};
// Read-only folders made by the tests are made writable again so that they can go.
after(() => {
  for (const dir of scratchDirs) {
    spawnSync('chmod', ['-R', 'u+rwx', dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});
const cable = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

describe('writing fixes back', () => {
  it('fixes the target of a symlink and keeps the link a link', () => {
    const dir = scratch();
    const target = path.join(dir, 'real.cable');
    const link = path.join(dir, 'link.cable');
    writeFileSync(target, ARTIFACT);
    symlinkSync(target, link);
    const run = cable(['fix', link]);
    assert.equal(run.status, 0, run.stderr);
    assert.ok(lstatSync(link).isSymbolicLink(), 'still a symlink');
    assert.equal(readFileSync(target, 'utf8'), FIXED);
    assert.deepEqual(readdirSync(dir).sort(), ['link.cable', 'real.cable']);
  });

  it('keeps hard links: every name sees the fixed text', () => {
    const dir = scratch();
    const one = path.join(dir, 'one.cable');
    const other = path.join(dir, 'other-name.txt');
    writeFileSync(one, ARTIFACT);
    linkSync(one, other);
    const run = cable(['fix', one]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(readFileSync(other, 'utf8'), FIXED);
    assert.equal(statSync(one).ino, statSync(other).ino);
    assert.equal(statSync(one).nlink, 2);
  });

  it('keeps the mode and the owner', () => {
    const dir = scratch();
    const file = path.join(dir, 'private.cable');
    writeFileSync(file, ARTIFACT);
    chmodSync(file, 0o664); // group-writable: a umask of 022 would drop that bit
    const before = statSync(file);
    assert.equal(cable(['fix', file]).status, 0);
    const after = statSync(file);
    assert.equal(readFileSync(file, 'utf8'), FIXED);
    assert.notEqual(after.ino, before.ino, 'written through a temporary file and a rename');
    assert.equal(after.mode & 0o7777, 0o664);
    assert.equal(after.uid, before.uid);
    assert.equal(after.gid, before.gid);
  });

  it('refuses a read-only file with a message for that file, and fixes the others', () => {
    const dir = scratch();
    const locked = path.join(dir, 'locked.cable');
    const open = path.join(dir, 'open.cable');
    writeFileSync(locked, ARTIFACT);
    writeFileSync(open, ARTIFACT);
    chmodSync(locked, 0o444);
    const run = cable(['fix', dir]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /locked\.cable: read-only; not fixed/);
    assert.equal(readFileSync(locked, 'utf8'), ARTIFACT);
    assert.equal(readFileSync(open, 'utf8'), FIXED);
  });

  it('replaces and removes the temporary file a killed run left behind', async () => {
    const dir = scratch();
    const file = path.join(dir, 'seed.cable');
    writeFileSync(file, ARTIFACT);
    writeFileSync(temporaryFileFor(file), 'half of a fixed text from a run that was killed');
    await writeAtomically(file, Buffer.from(FIXED), Buffer.from(ARTIFACT));
    assert.equal(readFileSync(file, 'utf8'), FIXED);
    assert.deepEqual(readdirSync(dir), ['seed.cable']);
  });

  it('leaves a hard-linked file alone when it changed on disk after it was read', async () => {
    const dir = scratch();
    const file = path.join(dir, 'a.cable');
    writeFileSync(file, 'what the user saved meanwhile\n');
    linkSync(file, path.join(dir, 'b.cable'));
    await assert.rejects(writeAtomically(file, Buffer.from(FIXED), Buffer.from(ARTIFACT)), /changed on disk while it was being fixed/);
    assert.equal(readFileSync(file, 'utf8'), 'what the user saved meanwhile\n');
    // A shorter text written in place leaves no tail of the longer one.
    await writeAtomically(file, Buffer.from('short\n'), Buffer.from('what the user saved meanwhile\n'));
    assert.equal(readFileSync(path.join(dir, 'b.cable'), 'utf8'), 'short\n');
  });
});
