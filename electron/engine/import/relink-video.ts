import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { AppFailure } from '../../contract/errors.ts';
import type { Video } from '../../contract/domain.ts';
import type { JobContext } from '../jobs/runner.ts';
import { identityOf, sameFile } from '../media/file-identity.ts';
import { refuseNonRegularFile } from '../media/regular-file.ts';
import type { StoreContext } from '../store/games.ts';
import { getVideo, relinkVideo } from '../store/videos.ts';
import { realFilePath } from './import-video.ts';
import type { MediaOps } from './media-ops.ts';

/**
 * Re-link = the video's file is at `requestedPath` now (moved, copied back from a drive). It is the
 * same video only if its SHA-256 is the one recorded at import, so events, tracks and analyses
 * tagged on it stay right; then the library points at it and records its identity for the media
 * route. A file of another size is refused before reading gigabytes.
 */
export async function relinkVideoFile(
  store: StoreContext,
  media: MediaOps,
  videoId: string,
  requestedPath: string,
  ctx: JobContext,
): Promise<Video> {
  const video = getVideo(store, videoId);
  const path = await realFilePath(isAbsolute(requestedPath) ? requestedPath : resolve(requestedPath));
  await refuseNonRegularFile(path, 'video');
  let info;
  try {
    info = await stat(path, { bigint: true });
  } catch {
    throw new AppFailure('not-found', `"${path}" does not exist.`);
  }
  const before = identityOf(info);
  const notIt = `"${path}" is not the video that was imported as ${video.fileName}`;
  if (before.size !== video.sizeBytes) {
    throw new AppFailure('conflict', `${notIt} (it is ${before.size} bytes, the original ${video.sizeBytes}).`);
  }
  ctx.progress({ done: 0, total: before.size, stage: 'checking' });
  const sha256 = await media.sha256(path, {
    signal: ctx.signal,
    log: ctx.log,
    onProgress: (done, total) => ctx.progress({ done, total, stage: 'checking' }),
  });
  if (ctx.signal.aborted) throw new AppFailure('cancelled', 'Cancelled');
  if (sha256 !== video.sha256) throw new AppFailure('conflict', `${notIt} (its SHA-256 differs).`);
  if (!sameFile(before, identityOf(await stat(path, { bigint: true })))) {
    throw new AppFailure('media-changed', `"${path}" changed while it was being checked. Try again.`);
  }
  return relinkVideo(store, video.id, path, before);
}
