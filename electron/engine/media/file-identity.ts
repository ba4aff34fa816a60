import type { BigIntStats } from 'node:fs';

/**
 * Which file a path names, as the filesystem tells it: device and inode (the file itself, whatever
 * its name), size and modification time. A file replaced at the same path — by a copy, another
 * file or a symlink — has another identity; one edited in place has another size or mtime.
 * Decimal strings: inode numbers and nanosecond times do not fit a double.
 */
export interface FileIdentity {
  dev: string;
  ino: string;
  size: number;
  mtimeNs: string;
}

export function identityOf(info: BigIntStats): FileIdentity {
  return { dev: String(info.dev), ino: String(info.ino), size: Number(info.size), mtimeNs: String(info.mtimeNs) };
}

export function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs;
}

/** What the analyst is told when a library video's file is no longer the file imported. */
export const MEDIA_CHANGED_MESSAGE = 'The video file changed on disk since it was imported — re-link it.';
