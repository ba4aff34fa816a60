import { sha256File } from '../media/hash.ts';
import { remuxToMp4, transcodeProxy, type PlayableOptions } from '../media/playable.ts';
import { probeVideo } from '../media/probe.ts';
import type { Tools } from '../media/tools.ts';
import type { MediaOpOptions, MediaOps } from './media-ops.ts';

/** MediaOps over the real ffmpeg/ffprobe, found through the engine's one `tools()`. */
export function createFfmpegMediaOps(tools: Tools): MediaOps {
  const playable = (op: MediaOpOptions): PlayableOptions => ({
    log: op.log,
    signal: op.signal,
    onProgress: (progress) => op.onProgress?.(progress.doneS, progress.totalS),
  });
  return {
    probe: async (path, op) => probeVideo(await tools(), path, { log: op.log, signal: op.signal }),
    sha256: (path, op) =>
      sha256File(path, {
        signal: op.signal,
        onProgress: (progress) => op.onProgress?.(progress.doneBytes, progress.totalBytes),
      }),
    remux: async (source, dest, op) => (await remuxToMp4(await tools(), source, dest, playable(op))).timeShiftS,
    proxy: async (source, dest, op) => (await transcodeProxy(await tools(), source, dest, playable(op))).timeShiftS,
  };
}
