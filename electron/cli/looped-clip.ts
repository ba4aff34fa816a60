import path from 'node:path';
import type { Logger } from '../engine/log.ts';
import { probeVideo } from '../engine/media/probe.ts';
import { runTool } from '../engine/media/run-ffmpeg.ts';
import type { MediaTools } from '../engine/media/tools.ts';

/**
 * Benchmarks need more footage than the short development clip: loop it by stream copy (no
 * re-encode, so it costs nothing in the measurement) until it covers `untilS`. Returns `src`
 * itself when it is long enough.
 */
export async function loopedClip(
  tools: MediaTools,
  src: string,
  untilS: number,
  dir: string,
  log: Logger,
): Promise<string> {
  const probe = await probeVideo(tools, src, { log });
  const end = probe.firstFrameTimeS + probe.durationS;
  if (untilS <= end) return src;
  const loops = Math.ceil(untilS / Math.max(0.1, probe.durationS));
  const out = path.join(dir, `looped${path.extname(src) || '.mp4'}`);
  await runTool(
    tools.ffmpeg,
    [
      '-nostdin',
      '-hide_banner',
      '-v',
      'error',
      '-y',
      '-stream_loop',
      String(loops),
      '-i',
      src,
      '-map',
      '0:v:0',
      '-map',
      '0:a:0?',
      '-c',
      'copy',
      '-t',
      (untilS + 1).toFixed(3),
      out,
    ],
    { log, subject: src },
  );
  return out;
}
