import { AppFailure } from '../../contract/errors.ts';
import type { Logger } from '../log.ts';

export interface FrameSourceOptions {
  ffmpeg: string;
  input: string;
  /** The detector's per-model filter (scale + pad to the model input); must output width×height. */
  filter: string;
  pixFmt: 'bgr24' | 'rgb24';
  width: number;
  height: number;
  /** Keep every Nth source frame (indices 0, N, 2N…). Default 1. */
  stride?: number;
  /** Resume: emit only frames with index ≥ startFrame, exactly those an uninterrupted run would. */
  startFrame?: number;
  /** 'auto' probes hardware decoders first (probeHwDecode) and uses one only if it decoded. Default 'none'. */
  hwaccel?: 'auto' | 'none';
  /** Frames decoded ahead of the consumer before ffmpeg is paused. Default 8. */
  queueFrames?: number;
  signal: AbortSignal;
  log: Logger;
}

const SELECT_NEEDED = (stride: number, startFrame: number) => stride > 1 || startFrame > 0;

/**
 * The filter chain. select comes first so its `n` is the decoder's frame number (the source
 * index) and skipped frames are never scaled; showinfo comes last so it only sees kept frames
 * (its own `n` counts them: kept frame k has source index firstIndex + k·stride) and hashes
 * small model-sized frames, not 1080p ones.
 */
export function buildFilter(filter: string, stride: number, startFrame: number): string {
  const parts: string[] = [];
  if (SELECT_NEEDED(stride, startFrame)) {
    const terms = [startFrame > 0 ? `gte(n\\,${startFrame})` : '', stride > 1 ? `not(mod(n\\,${stride}))` : ''];
    parts.push(`select=${terms.filter((term) => term !== '').join('*')}`);
  }
  parts.push(filter, 'showinfo=checksum=0');
  return parts.join(',');
}

/** The first source index ≥ startFrame on the stride grid 0, N, 2N… */
export function firstIndex(stride: number, startFrame: number): number {
  return Math.ceil(startFrame / stride) * stride;
}

export function validateFrameSourceOptions(options: FrameSourceOptions): void {
  const positive = (value: number) => Number.isInteger(value) && value > 0;
  const problems: string[] = [];
  if (!positive(options.width) || !positive(options.height)) problems.push('width and height must be positive integers');
  if (options.stride !== undefined && !positive(options.stride)) problems.push('stride must be a positive integer');
  const start = options.startFrame ?? 0;
  if (!Number.isInteger(start) || start < 0) problems.push('startFrame must be an integer ≥ 0');
  if (options.queueFrames !== undefined && !positive(options.queueFrames)) problems.push('queueFrames must be ≥ 1');
  if (options.pixFmt !== 'bgr24' && options.pixFmt !== 'rgb24') problems.push('pixFmt must be bgr24 or rgb24');
  // The pts side channel relies on being the only showinfo in the graph.
  if (/showinfo/.test(options.filter)) problems.push('filter must not contain showinfo');
  if (problems.length > 0) throw new AppFailure('invalid-args', `Bad frame source options: ${problems.join('; ')}`);
}

/** The whole ffmpeg command line after the binary. */
export function frameSourceArgs(options: FrameSourceOptions, hwaccel: string | null): string[] {
  const stride = options.stride ?? 1;
  const startFrame = options.startFrame ?? 0;
  const args = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info'];
  if (hwaccel) args.push('-hwaccel', hwaccel);
  // -copyts keeps the file's own timestamps: without it ffmpeg shifts the first frame to 0.
  args.push('-copyts', '-i', options.input, '-map', '0:v:0', '-an', '-sn', '-dn');
  // passthrough: one output frame per decoded frame, never duplicated or dropped to fake CFR.
  args.push('-fps_mode', 'passthrough', '-filter:v', buildFilter(options.filter, stride, startFrame));
  args.push('-f', 'rawvideo', '-pix_fmt', options.pixFmt, 'pipe:1');
  return args;
}
