/**
 * Writing a fixed cable back without losing anything: not a concurrent edit, not a symlink,
 * hard link, owner or mode, and no temporary file left behind.
 *
 * - A symlink is followed: the file it points to is fixed and the link stays a link.
 * - A file with several hard links is rewritten in place (a rename would split the links);
 *   any other file goes through a temporary file, flushed to disk, then renamed over it.
 * - The temporary file has a fixed name beside the file (`.NAME.cable-fix~`), so a run that
 *   was killed leaves at most one, which the next run replaces and removes.
 * - A read-only file (no write bit for anyone) is refused with a message, even for root.
 * - The file is read again right before it is replaced: if it changed since it was read,
 *   nothing is written.
 */
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FileError } from './files';

/** Where a rerun finds what an interrupted run left. */
export function temporaryFileFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.cable-fix~`);
}

/** Writes `bytes` to `file` if the file still holds `expected` (see the module comment). */
export async function writeAtomically(file: string, bytes: Uint8Array, expected: Uint8Array): Promise<void> {
  const target = await fs.realpath(file).catch(() => file);
  const stat = await fs.stat(target);
  if (!stat.isFile()) throw new FileError(file, 'not a regular file; left as it is');
  if ((stat.mode & 0o222) === 0) throw new FileError(file, 'read-only; not fixed (make it writable to fix it)');
  await fs.access(target, constants.W_OK).catch(() => {
    throw new FileError(file, 'not writable by this user; not fixed');
  });
  if (stat.nlink > 1) {
    await rewriteInPlace(file, target, bytes, expected);
    return;
  }
  const temp = temporaryFileFor(target);
  try {
    await fs.rm(temp, { force: true });
    const handle = await fs.open(temp, 'wx', stat.mode & 0o7777);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // Keep the owner where we may (root fixing another user's file); otherwise the user's own.
    await fs.chown(temp, stat.uid, stat.gid).catch(() => undefined);
    await fs.chmod(temp, stat.mode & 0o7777);
    await ensureUnchanged(file, target, expected);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

async function ensureUnchanged(file: string, target: string, expected: Uint8Array): Promise<void> {
  checkUnchanged(file, await fs.readFile(target), expected);
}

function checkUnchanged(file: string, now: Uint8Array, expected: Uint8Array): void {
  if (!Buffer.from(now).equals(Buffer.from(expected))) {
    throw new FileError(file, 'changed on disk while it was being fixed; left as it is');
  }
}

/** For a file with several hard links: write through one handle, so every link sees the fix. */
async function rewriteInPlace(file: string, target: string, bytes: Uint8Array, expected: Uint8Array): Promise<void> {
  const handle = await fs.open(target, 'r+');
  try {
    checkUnchanged(file, await handle.readFile(), expected);
    await handle.write(bytes, 0, bytes.length, 0);
    await handle.truncate(bytes.length);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
