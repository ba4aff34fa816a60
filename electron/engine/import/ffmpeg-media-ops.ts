import type { Logger } from '../log.ts';
import { sha256File } from '../media/hash.ts';
import { remuxToMp4, transcodeProxy, type PlayableOptions } from '../media/playable.ts';
import { probeVideo } from '../media/probe.ts';
import { resolveMediaTools, type ResolvedMediaTools } from '../media/tools.ts';
import type { MediaOpOptions, MediaOps } from './media-ops.ts';

/**
 * MediaOps over the real ffmpeg/ffprobe. Tools are resolved on first use (and again after a
 * failure), so a missing ffmpeg is reported on the job that needs it, not at startup.
 */
export function createFfmpegMediaOps(options: {
  ffmpegSetting: string | null;
  ffprobeSetting: string | null;
  log: Logger;
}): MediaOps {
  let tools: Promise<ResolvedMediaTools> | null = null;
  const resolved = () => {
    tools ??= resolveMediaTools({
      ffmpegSetting: options.ffmpegSetting,
      ffprobeSetting: options.ffprobeSetting,
      log: options.log,
    }).catch((error: unknown) => {
      tools = null;
      throw error;
    });
    return tools;
  };
  const playable = (op: MediaOpOptions): PlayableOptions => ({
    log: op.log,
    signal: op.signal,
    onProgress: (progress) => op.onProgress?.(progress.doneS, progress.totalS),
  });
  return {
    probe: async (path, op) => probeVideo(await resolved(), path, { log: op.log, signal: op.signal }),
    sha256: (path, op) =>
      sha256File(path, {
        signal: op.signal,
        onProgress: (progress) => op.onProgress?.(progress.doneBytes, progress.totalBytes),
      }),
    remux: async (source, dest, op) => (await remuxToMp4(await resolved(), source, dest, playable(op))).timeShiftS,
    proxy: async (source, dest, op) => (await transcodeProxy(await resolved(), source, dest, playable(op))).timeShiftS,
  };
}
