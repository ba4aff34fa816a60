import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppFailure } from '../../contract/errors.ts';
import type { VideoProbe } from '../../contract/domain.ts';
import type { Logger } from '../log.ts';
import { probeVideo } from './probe.ts';
import { createProgressParser, createRateEstimator } from './progress.ts';
import { runTool } from './run-ffmpeg.ts';
import type { MediaTools } from './tools.ts';

export interface PlayableProgress {
  /** Seconds of the video written so far. */
  doneS: number;
  totalS: number;
  /** ffmpeg's speed (1 = real time), null when unknown. */
  speed: number | null;
  /** Smoothed seconds of video per second. */
  rate: number;
  etaS: number | null;
}

export interface PlayableOptions {
  log: Logger;
  signal?: AbortSignal;
  onProgress?: (progress: PlayableProgress) => void;
  /** The source's probe when the caller already has it; probed otherwise (progress needs the duration). */
  sourceProbe?: VideoProbe;
}

export interface PlayableResult {
  path: string;
  probe: VideoProbe;
  /**
   * ffmpeg moves the output's timeline so it starts near 0; a time in the original is
   * `timeInOutput + timeShiftS`. Detections stored against the original use this to line up
   * with what the player shows from the output.
   */
  timeShiftS: number;
}

const PROGRESS_ARGS = ['-progress', 'pipe:1', '-nostats'];

/**
 * Writes to a temporary name and renames on success, so a half-written file never looks like a
 * finished proxy; on failure or cancel the partial file is removed.
 */
async function writeMp4(
  tools: MediaTools,
  src: string,
  dest: string,
  codecArgs: readonly string[],
  stage: string,
  options: PlayableOptions,
): Promise<PlayableResult> {
  const log = options.log;
  const source = options.sourceProbe ?? (await probeVideo(tools, src, { log, signal: options.signal }));
  const partial = `${dest}.partial`;
  await mkdir(path.dirname(dest), { recursive: true });
  const parser = createProgressParser();
  const estimator = createRateEstimator();
  const totalS = source.durationS;
  const report = (doneS: number, speed: number | null) => {
    if (!options.onProgress) return;
    const clamped = totalS > 0 ? Math.min(doneS, totalS) : doneS;
    const { rate, etaS } = estimator.update(clamped, totalS, performance.now());
    options.onProgress({ doneS: clamped, totalS, speed, rate, etaS });
  };

  const args = [
    '-nostdin',
    '-hide_banner',
    '-v',
    'error',
    '-y',
    '-i',
    path.resolve(src),
    ...codecArgs,
    '-movflags',
    '+faststart',
    ...PROGRESS_ARGS,
    '-f',
    'mp4',
    path.resolve(partial),
  ];
  try {
    log.info(`${stage} started`, { src, dest });
    await runTool(tools.ffmpeg, args, {
      log,
      signal: options.signal,
      subject: src,
      collectStdout: false,
      onStdout: (chunk) => {
        for (const block of parser.push(chunk))
          if (block.doneS !== null && !block.ended) report(block.doneS, block.speed);
      },
    });
    const probe = await probeVideo(tools, partial, { log, signal: options.signal });
    await rename(partial, dest);
    report(totalS, null);
    log.info(`${stage} finished`, { dest });
    return { path: dest, probe, timeShiftS: source.firstFrameTimeS - probe.firstFrameTimeS };
  } catch (error) {
    await rm(partial, { force: true });
    if (error instanceof AppFailure && error.kind !== 'cancelled')
      log.warn(`${stage} failed`, { src, kind: error.kind });
    throw error;
  }
}

/**
 * Copies the streams into an mp4 without re-encoding: the fix for an MPEG-TS (or mkv) whose codecs
 * the player decodes but whose container it does not open. Data and subtitle streams are dropped
 * because mp4 cannot carry most of them.
 */
export function remuxToMp4(
  tools: MediaTools,
  src: string,
  dest: string,
  options: PlayableOptions,
): Promise<PlayableResult> {
  return writeMp4(tools, src, dest, ['-map', '0:v:0', '-map', '0:a?', '-c', 'copy', '-dn', '-sn'], 'remux', options);
}

/**
 * An H.264/AAC stand-in for a video the player cannot decode (HEVC, MPEG-2, ProRes…). Frames keep
 * their timestamps (`-fps_mode passthrough`): a duplicated or dropped frame would shift every event
 * and detection after it.
 */
export function transcodeProxy(
  tools: MediaTools,
  src: string,
  dest: string,
  options: PlayableOptions,
): Promise<PlayableResult> {
  return writeMp4(
    tools,
    src,
    dest,
    [
      '-map',
      '0:v:0',
      '-map',
      '0:a:0?',
      // yuv420p needs even dimensions; odd ones come from some phone and screen recordings.
      '-vf',
      'scale=trunc(iw/2)*2:trunc(ih/2)*2',
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-crf',
      '20',
      '-pix_fmt',
      'yuv420p',
      '-fps_mode',
      'passthrough',
      '-c:a',
      'aac',
      '-b:a',
      '160k',
      '-dn',
      '-sn',
    ],
    'proxy',
    options,
  );
}
