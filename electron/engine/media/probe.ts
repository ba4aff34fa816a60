import { constants as fsConstants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppFailure } from '../../contract/errors.ts';
import type { VideoProbe } from '../../contract/domain.ts';
import type { Logger } from '../log.ts';
import { mediaErrorMessage, mediaFailure } from './media-errors.ts';
import type { FfprobeOutput, FfprobePacketSample } from './probe-parse.ts';
import { isRealVideo, parseProbe, SAMPLE_PACKETS } from './probe-parse.ts';
import { runTool } from './run-ffmpeg.ts';
import type { MediaTools } from './tools.ts';

export interface ProbeOptions {
  log: Logger;
  signal?: AbortSignal;
  /** Words put before ffprobe, e.g. ['runuser', '-u', 'nobody', '--'] to probe as another user. */
  wrapper?: readonly string[];
}

/** Checks what the OS can tell us before ffprobe does, so the common cases get errno-exact kinds. */
async function checkFile(file: string): Promise<void> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) {
      throw new AppFailure('not-video', mediaErrorMessage('not-video', file), 'It is a folder.');
    }
    await access(file, fsConstants.R_OK);
  } catch (error) {
    if (error instanceof AppFailure) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? null;
    throw mediaFailure(file, (error as Error).message, code);
  }
}

function parseJson<T>(text: string, file: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new AppFailure('internal', `ffprobe gave an answer Rinkside cannot read for "${file}".`, String(error));
  }
}

/** ffprobe's JSON for the container and all streams. */
export async function probeStreams(
  tools: Pick<MediaTools, 'ffprobe'>,
  file: string,
  options: ProbeOptions,
): Promise<FfprobeOutput> {
  const input = path.resolve(file);
  const { stdout } = await runTool(
    tools.ffprobe,
    ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', input],
    { log: options.log, signal: options.signal, wrapper: options.wrapper, subject: file },
  );
  return parseJson<FfprobeOutput>(stdout, file);
}

/**
 * Probes a video: container and streams, then the timing of the first few hundred video packets,
 * which is where the first frame's pts and frame-rate changes show (headers often hide both).
 */
export async function probeVideo(
  tools: Pick<MediaTools, 'ffprobe'>,
  file: string,
  options: ProbeOptions,
): Promise<VideoProbe> {
  await checkFile(file);
  const output = await probeStreams(tools, file, options);
  const video = (output.streams ?? []).find(isRealVideo);
  if (!video || video.index === undefined) return parseProbe(output, null, file);

  let sample: FfprobePacketSample | null = null;
  try {
    const { stdout } = await runTool(
      tools.ffprobe,
      [
        '-v',
        'error',
        '-select_streams',
        String(video.index),
        '-show_entries',
        'packet=pts_time,duration_time,flags',
        '-read_intervals',
        `%+#${SAMPLE_PACKETS}`,
        '-print_format',
        'json',
        path.resolve(file),
      ],
      { log: options.log, signal: options.signal, wrapper: options.wrapper, subject: file },
    );
    sample = parseJson<FfprobePacketSample>(stdout, file);
  } catch (error) {
    if (error instanceof AppFailure && error.kind === 'cancelled') throw error;
    // The header probe worked; a damaged packet area only costs the VFR and first-pts refinement.
    options.log.warn('packet timing sample failed; using stream headers', { file, error: String(error) });
  }
  return parseProbe(output, sample, file);
}
