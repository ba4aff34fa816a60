/**
 * Which source frames a clip holds, found from the real frame timestamps (never assuming CFR or
 * a first frame at 0), and the trim points that select exactly those frames in ffmpeg.
 *
 * A clip [startS, endS) holds every frame with startS ≤ pts < endS. The trim filter's cut points
 * are put half way between frames, so float rounding at a frame's own time cannot add or drop one.
 */
import path from 'node:path';
import { AppFailure } from '../../contract/errors.ts';
import type { Logger } from '../log.ts';
import { runTool } from '../media/run-ffmpeg.ts';
import type { MediaTools } from '../media/tools.ts';

/** A requested time this close to a frame's pts counts as that frame's time (ffprobe prints µs). */
const TOLERANCE_S = 0.0005;

/** Presentation times of the video packets around [fromS, toS], ascending, de-duplicated. */
export async function videoPacketTimes(
  tools: Pick<MediaTools, 'ffprobe'>,
  file: string,
  fromS: number,
  toS: number,
  options: { log: Logger; signal?: AbortSignal },
): Promise<number[]> {
  // A margin either side: packets come in decode order, so B-frames near the edges arrive late.
  const from = Math.max(0, fromS - 2);
  const { stdout } = await runTool(
    tools.ffprobe,
    [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'packet=pts_time',
      '-read_intervals',
      `${from.toFixed(6)}%${(toS + 2).toFixed(6)}`,
      '-of',
      'csv=p=0',
      path.resolve(file),
    ],
    { log: options.log, signal: options.signal, subject: file },
  );
  const times = stdout
    .split(/\r?\n/)
    .map((line) => Number.parseFloat(line.split(',')[0] ?? ''))
    .filter((t) => Number.isFinite(t))
    .sort((a, b) => a - b);
  return times.filter((t, k) => k === 0 || t - (times[k - 1] ?? -Infinity) > 1e-7);
}

export interface Cut {
  /** Source pts of every frame in the clip, ascending. */
  frames: number[];
  /** Video trim points (seconds, source timeline); null = from the file's start / to its end. */
  trimStartS: number | null;
  trimEndS: number | null;
  /** Audio span matching the frames: the first frame's pts to the last frame's end. */
  audioStartS: number;
  audioEndS: number;
  durationS: number;
  /** What was clamped, worded for the analyst. */
  warnings: string[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const clock = (s: number) => `${s.toFixed(2)} s`;

/**
 * Picks the frames of [startS, endS) from the packet times `all` (which must reach at least one
 * frame past both ends where the video has them). An interval running outside the video is
 * clamped with a warning; one with no frame at all is refused.
 */
export function selectCut(all: readonly number[], startS: number, endS: number): Cut {
  if (!(endS > startS)) {
    throw new AppFailure('invalid-args', `A clip must end after it starts (start ${startS} s, end ${endS} s).`);
  }
  const steps = all.slice(1).map((t, k) => t - (all[k] ?? t));
  const frameS = steps.length > 0 ? median(steps) : 1 / 30;
  const firstIdx = all.findIndex((t) => t >= startS - TOLERANCE_S);
  let lastIdx = -1;
  for (let k = all.length - 1; k >= 0; k--) {
    if ((all[k] ?? Infinity) < endS - TOLERANCE_S) {
      lastIdx = k;
      break;
    }
  }
  if (firstIdx < 0 || lastIdx < firstIdx) {
    throw new AppFailure(
      'invalid-args',
      `The clip ${clock(startS)}–${clock(endS)} is outside the video (its frames run ${clock(all[0] ?? 0)}–${clock((all.at(-1) ?? 0) + frameS)}).`,
    );
  }
  const frames = all.slice(firstIdx, lastIdx + 1);
  const first = frames[0] ?? 0;
  const last = frames.at(-1) ?? first;
  const prev = all[firstIdx - 1];
  const next = all[lastIdx + 1];
  const lastEnd = next ?? last + frameS;
  const warnings: string[] = [];
  // Within one frame of the video's ends is what the analyst meant (0 for a video whose first
  // frame is at 0.033 s): only a real overrun is worth a warning.
  if (prev === undefined && startS < first - frameS - TOLERANCE_S) {
    warnings.push(
      `The clip starts at ${clock(startS)}, before the video's first frame; it starts at ${clock(first)} instead.`,
    );
  }
  if (next === undefined && endS > lastEnd + frameS + TOLERANCE_S) {
    warnings.push(
      `The clip ends at ${clock(endS)}, after the video's last frame; it ends at ${clock(lastEnd)} instead.`,
    );
  }
  return {
    frames,
    trimStartS: prev === undefined ? null : (prev + first) / 2,
    trimEndS: next === undefined ? null : (last + next) / 2,
    audioStartS: first,
    audioEndS: lastEnd,
    durationS: lastEnd - first,
    warnings,
  };
}
