import { constants, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { AppFailure, type AppErrorKind } from '../../contract/errors.ts';

export type InputRole = 'video' | 'model' | 'library' | 'detections' | 'Sportscode XML' | 'model manifest' | 'labels';

const KIND: Record<InputRole, AppErrorKind> = {
  video: 'not-video',
  model: 'model-error',
  library: 'invalid-args',
  detections: 'invalid-args',
  'Sportscode XML': 'invalid-args',
  'model manifest': 'model-error',
  labels: 'invalid-args',
};

/** What a path is, in words, when it is not a plain file. */
export function describeNonFile(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * Only regular files are read as a video, a model or a library: a named pipe blocks its reader
 * forever (and ffprobe with it), a device such as /dev/zero never ends.
 */
export async function requireRegularFile(file: string, role: InputRole): Promise<Stats> {
  let info: Stats;
  try {
    info = await stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new AppFailure('not-found', `"${file}" does not exist.`);
    if (code === 'EACCES' || code === 'EPERM') throw new AppFailure('unreadable', `"${file}" cannot be read.`);
    throw new AppFailure('unreadable', `"${file}" cannot be read.`, String(error));
  }
  if (!info.isFile()) {
    throw new AppFailure(KIND[role], `"${file}" is ${describeNonFile(info)}, not a ${role} file.`);
  }
  return info;
}

/**
 * Refuses a path that exists but is not a regular file; a missing or unreadable one is left to the
 * caller's own, more specific, error (ffprobe's errno-exact wording for a video).
 */
export async function refuseNonRegularFile(file: string, role: InputRole): Promise<void> {
  let info: Stats;
  try {
    info = await stat(file);
  } catch {
    return;
  }
  if (!info.isFile()) {
    throw new AppFailure(KIND[role], `"${file}" is ${describeNonFile(info)}, not a ${role} file.`);
  }
}

/**
 * Reads a text input (detections JSON, a Sportscode XML, a manifest…) only if it is a regular
 * file: opened without blocking (opening a named pipe for reading otherwise waits for a writer
 * forever) and checked on the open descriptor, so what is read is what was checked. `checkSize`
 * may refuse the file by its size (it throws) before any of it is read.
 */
export async function readRegularText(
  file: string,
  role: InputRole,
  checkSize?: (bytes: number) => void,
): Promise<string> {
  let handle;
  try {
    // O_NONBLOCK does not exist on Windows, where there are no FIFOs to open.
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new AppFailure('not-found', `The ${role} file "${file}" does not exist.`);
    if (code === 'EISDIR') throw new AppFailure(KIND[role], `"${file}" is a folder, not a ${role} file.`);
    throw new AppFailure('unreadable', `Rinkside cannot read "${file}".`, String(error));
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new AppFailure(KIND[role], `"${file}" is ${describeNonFile(info)}, not a ${role} file.`);
    checkSize?.(info.size);
    return await handle.readFile('utf8');
  } catch (error) {
    if (error instanceof AppFailure) throw error;
    throw new AppFailure('unreadable', `Rinkside cannot read "${file}".`, String(error));
  } finally {
    await handle.close();
  }
}
