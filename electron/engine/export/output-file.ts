/**
 * Where an export may write, and how a finished file takes its name.
 *
 * The path must be absolute: the engine's working directory means nothing to the analyst, so a
 * relative path is refused rather than guessed (the CLI resolves against the user's shell, the
 * Electron save dialog returns absolute paths). Whatever is at the path must be a regular file
 * or nothing: the final rename would otherwise replace a FIFO, a device or a symbolic link (and
 * not the file it points to) with our file. No folder on the way may be a symbolic link either
 * (see linkOnTheWay). The data goes to a temporary name in the same folder, is flushed to disk,
 * and is renamed over the target only when complete.
 */
import { randomBytes } from 'node:crypto';
import { lstat, open, readlink, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppFailure } from '../../contract/errors.ts';

/** A name next to `out` that no other export uses and that no player takes for a finished file. */
export function temporaryName(out: string): string {
  return path.join(path.dirname(out), `.${path.basename(out)}.${randomBytes(4).toString('hex')}.partial`);
}

export function requireAbsolute(file: string, what = 'export'): string {
  if (!path.isAbsolute(file)) {
    throw new AppFailure(
      'invalid-args',
      `The ${what} path "${file}" is not a full path. Choose where to save with Save as…, or type the whole path (for example /home/me/clips/reel.mp4).`,
    );
  }
  return path.normalize(file);
}

/**
 * The first folder of `folder` (itself included) that is a symbolic link, or null. A link there
 * sends the write somewhere the path does not say — a link planted in a shared or synced folder
 * can point an export at any file the user may write. Entries right under the root are the
 * operating system's own (macOS's /tmp and /var, merged-/usr Linux's /bin) and are allowed.
 */
async function linkOnTheWay(folder: string): Promise<string | null> {
  const { root } = path.parse(folder);
  const names = folder.slice(root.length).split(path.sep).filter(Boolean);
  let current = root;
  for (const [depth, name] of names.entries()) {
    current = path.join(current, name);
    const info = await lstat(current).catch(() => null);
    // Missing: the caller reports the folder that does not exist.
    if (!info) return null;
    if (info.isSymbolicLink() && depth > 0) return current;
  }
  return null;
}

/** Refuses a folder reached through a symbolic link, naming the link and where it points. */
async function refuseLinkedFolder(folder: string, what: string): Promise<void> {
  const link = await linkOnTheWay(folder);
  if (!link) return;
  const target = await readlink(link).catch(() => '?');
  throw new AppFailure(
    'conflict',
    `The ${what} folder "${folder}" goes through the symbolic link "${link}" (to "${target}"); Rinkside does not write through links. Choose the folder it points to instead.`,
  );
}

/** The folder an export writes into: absolute, existing, a folder, reached without a symbolic link. */
export async function checkOutputFolder(dir: string, what = 'export'): Promise<string> {
  const folder = requireAbsolute(dir, what);
  await refuseLinkedFolder(folder, what);
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) throw new AppFailure('not-found', `The folder "${folder}" for the ${what} does not exist.`);
  return folder;
}

/** Refuses a target that is anything but a regular file or nothing (it would be replaced). */
async function checkTarget(out: string): Promise<void> {
  const info = await lstat(out).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw new AppFailure('unreadable', `Rinkside cannot check "${out}".`, String(error));
  });
  if (!info || info.isFile()) return;
  const what = info.isSymbolicLink()
    ? 'a symbolic link (Rinkside does not write through links)'
    : info.isDirectory()
      ? 'a folder'
      : info.isFIFO()
        ? 'a named pipe (FIFO)'
        : info.isCharacterDevice() || info.isBlockDevice()
          ? 'a device'
          : info.isSocket()
            ? 'a socket'
            : 'not a regular file';
  throw new AppFailure('conflict', `"${out}" is ${what}; Rinkside will not replace it. Choose another file name.`);
}

/**
 * Checks a file the app is about to write: absolute, in an existing folder, and nothing but a
 * regular file at the path. Returns the normalised path.
 */
export async function checkOutputFile(file: string, what = 'export'): Promise<string> {
  const out = requireAbsolute(file, what);
  await checkOutputFolder(path.dirname(out), what);
  await checkTarget(out);
  return out;
}

/**
 * Creates the temporary file for `out` exclusively (O_EXCL: never an existing file, never through
 * a link), empty, so a tool that writes it by name writes our own file.
 */
export async function reserveTemporary(out: string): Promise<string> {
  const partial = temporaryName(out);
  const handle = await open(partial, 'wx', 0o644);
  await handle.close();
  return partial;
}

async function syncPath(file: string, flags: string): Promise<void> {
  const handle = await open(file, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Makes the complete temporary file the target: flushed to disk first (a crash after the rename
 * must not leave an empty file under the real name), the target checked again just before, then
 * the rename and the folder's own entry flushed.
 */
export async function commitFile(partial: string, out: string): Promise<void> {
  await syncPath(partial, 'r+');
  // Checked again: the folder or the target may have been swapped for a link while the export ran.
  await refuseLinkedFolder(path.dirname(out), 'export');
  await checkTarget(out);
  await rename(partial, out);
  // Directories cannot be opened for fsync on every platform (Windows): the rename stands anyway.
  await syncPath(path.dirname(out), 'r').catch(() => {});
}

/** Removes a temporary file after a failure or cancel; a missing one is fine. */
export async function discardTemporary(partial: string | null): Promise<void> {
  if (partial) await rm(partial, { force: true });
}
