import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { AppFailure } from '../../contract/errors.ts';
import type { Video } from '../../contract/domain.ts';
import type { JobContext } from '../jobs/runner.ts';
import { getGame, type StoreContext } from '../store/games.ts';
import { addVideo } from '../store/videos.ts';
import { identityOf, sameFile } from '../media/file-identity.ts';
import { refuseNonRegularFile } from '../media/regular-file.ts';
import type { MediaOps } from './media-ops.ts';

/**
 * The file itself, not a symlink to it: the media route opens the stored path without following
 * links. A missing file keeps its path, for the probe's errno-exact error.
 */
export async function realFilePath(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}

/**
 * Import = probe, hash, then one short transaction. Probing comes first (it also checks that
 * the file exists and is readable) so a non-video is refused in milliseconds instead of after
 * reading gigabytes; nothing is written to the library unless every step succeeded.
 */
export async function importVideo(
  store: StoreContext,
  media: MediaOps,
  gameId: string,
  requestedPath: string,
  ctx: JobContext,
): Promise<Video> {
  getGame(store, gameId);
  const path = await realFilePath(isAbsolute(requestedPath) ? requestedPath : resolve(requestedPath));
  // A named pipe would block ffprobe (and the import job) forever; a device never ends.
  await refuseNonRegularFile(path, 'video');
  ctx.progress({ done: 0, total: 0, stage: 'probing' });
  const probe = await media.probe(path, { signal: ctx.signal, log: ctx.log });
  const before = identityOf(await stat(path, { bigint: true }));
  const size = before.size;
  ctx.progress({ done: 0, total: size, stage: 'hashing' });
  const sha256 = await media.sha256(path, {
    signal: ctx.signal,
    log: ctx.log,
    onProgress: (done, total) => ctx.progress({ done, total, stage: 'hashing' }),
  });
  if (ctx.signal.aborted) throw new AppFailure('cancelled', 'Cancelled');
  // The hash must describe the file the media route will check against: unchanged while hashed.
  if (!sameFile(before, identityOf(await stat(path, { bigint: true })))) {
    throw new AppFailure(
      'media-changed',
      `"${path}" changed while it was being imported. Import it again once it is complete.`,
    );
  }
  return addVideo(store, { gameId, path, sizeBytes: size, sha256, probe, identity: before });
}
