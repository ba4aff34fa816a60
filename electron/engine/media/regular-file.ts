import { stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { AppFailure, type AppErrorKind } from '../../contract/errors.ts';

export type InputRole = 'video' | 'model' | 'library';

const KIND: Record<InputRole, AppErrorKind> = { video: 'not-video', model: 'model-error', library: 'invalid-args' };

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
