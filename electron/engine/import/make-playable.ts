import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlayabilityFix, Video } from '../../contract/domain.ts';
import type { JobContext } from '../jobs/runner.ts';
import type { StoreContext } from '../store/games.ts';
import { getVideo, setProxyPath } from '../store/videos.ts';
import type { MediaOps } from './media-ops.ts';

/**
 * Makes a playable stand-in next to the library (never beside the user's file): a stream-copy
 * remux for containers the player cannot open, an H.264 proxy for codecs it cannot decode.
 * The original stays the reference for analysis and export.
 */
export async function makePlayable(
  store: StoreContext,
  media: MediaOps,
  proxiesDir: string,
  videoId: string,
  fix: PlayabilityFix,
  ctx: JobContext,
): Promise<Video> {
  const video = getVideo(store, videoId);
  await mkdir(proxiesDir, { recursive: true });
  const dest = join(proxiesDir, `${video.id}.${fix}.mp4`);
  const stage = fix === 'remux' ? 'remuxing' : 'transcoding';
  const options = {
    signal: ctx.signal,
    log: ctx.log,
    onProgress: (done: number, total: number) => ctx.progress({ done, total, stage }),
  };
  ctx.progress({ done: 0, total: video.probe.durationS, stage });
  const shift =
    fix === 'remux' ? await media.remux(video.path, dest, options) : await media.proxy(video.path, dest, options);
  return setProxyPath(store, video.id, dest, shift);
}
