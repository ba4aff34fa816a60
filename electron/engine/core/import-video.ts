import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { basename, isAbsolute, resolve } from 'node:path';
import { AppFailure } from '../../contract/errors.ts';
import type { Video } from '../../contract/domain.ts';
import type { JobContext } from '../jobs/runner.ts';
import { getGame, type StoreContext } from '../store/games.ts';
import { addVideo } from '../store/videos.ts';
import type { MediaOps } from './media-ops.ts';

/**
 * Import = check the file, probe it, hash it, then one short transaction. Probing comes before
 * hashing so a non-video is refused in milliseconds instead of after reading gigabytes; nothing
 * is written to the library unless every step succeeded.
 */
export async function importVideo(
  store: StoreContext,
  media: MediaOps,
  gameId: string,
  requestedPath: string,
  ctx: JobContext,
): Promise<Video> {
  getGame(store, gameId);
  const path = isAbsolute(requestedPath) ? requestedPath : resolve(requestedPath);
  const name = basename(path);
  ctx.progress({ done: 0, total: 0, stage: 'checking' });
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new AppFailure('not-found', `${name} does not exist.`, path);
    if (error.code === 'EACCES') throw new AppFailure('unreadable', `Rinkside is not allowed to read ${name}.`, path);
    throw new AppFailure('unreadable', `${name} cannot be read.`, `${path}: ${error.message}`);
  });
  if (!info.isFile()) throw new AppFailure('not-video', `${name} is a folder, not a video file.`, path);
  await access(path, constants.R_OK).catch(() => {
    throw new AppFailure('unreadable', `Rinkside is not allowed to read ${name}.`, path);
  });

  ctx.progress({ done: 0, total: 0, stage: 'probing' });
  const probe = await media.probe(path, { signal: ctx.signal, log: ctx.log });

  ctx.progress({ done: 0, total: info.size, stage: 'hashing' });
  const sha256 = await media.sha256(path, {
    signal: ctx.signal,
    log: ctx.log,
    onProgress: (done, total) => ctx.progress({ done, total, stage: 'hashing' }),
  });
  if (ctx.signal.aborted) throw new AppFailure('cancelled', 'Cancelled');
  return addVideo(store, { gameId, path, sizeBytes: info.size, sha256, probe });
}
