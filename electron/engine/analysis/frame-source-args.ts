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
  /**
   * The pts this source reported for frame `startFrame` in an earlier run of the same file (or any
   * time after frame startFrame - 1 and no later than it). With
   * it the source seeks near that point instead of decoding everything before it (an hour of
   * 1080p is minutes of decoding); without it frames before startFrame are decoded and dropped.
   * Trusted, not checked: a wrong pts shifts every index (checking needs the decode it avoids).
   */
  startPts?: number;
  /** 'auto' probes hardware decoders first (probeHwDecode) and uses one only if it decoded. Default 'none'. */
  hwaccel?: 'auto' | 'none';
  /**
   * Decoder and filter threads. Analysis leaves the cores ONNX Runtime uses alone: ffmpeg's
   * default (one thread per core, plus frame threads) would steal the inference core.
   */
  decodeThreads?: number;
  /** Frames decoded ahead of the consumer before ffmpeg is paused. Default 8. */
  queueFrames?: number;
  /** Also a full-resolution copy of a few of the analysed frames, on a second pipe (jersey samples). */
  stills?: StillOptions;
  signal: AbortSignal;
  log: Logger;
}

/**
 * Stills: the first analysed frame of every `periodS` of video time, at up to the source's own
 * resolution, as yuv420p planes (the decoded picture copied out, not converted). The model-sized frame is too small for some things (a referee's
 * stripes are gone at 416 px across a 1080p picture); converting every frame at full size would
 * cost more than the model does, a few frames a second cost next to nothing. The same decode
 * feeds both outputs: no second pass over the file.
 */
export interface StillOptions {
  periodS: number;
  width: number;
  height: number;
  /** On a resume: the pts of the last analysed frame, so the stills fall where an uninterrupted run's would. */
  afterPts?: number;
}

/** Bytes of a yuv420p frame (chroma planes round odd sizes up, as ffmpeg's do). */
export function yuv420pBytes(width: number, height: number): number {
  return width * height + 2 * ((width + 1) >> 1) * ((height + 1) >> 1);
}

/** Stills are never wider than this: a 4K frame would triple the bytes for no better jersey. */
export const STILL_MAX_WIDTH = 1920;

/** The still size for a source: its own size, scaled down to STILL_MAX_WIDTH (even). */
export function stillSize(width: number, height: number): { width: number; height: number } {
  if (width <= STILL_MAX_WIDTH) return { width, height };
  return { width: STILL_MAX_WIDTH, height: Math.max(2, Math.round((height * STILL_MAX_WIDTH) / width / 2) * 2) };
}

/**
 * Whether a frame at `pts` is a still, given the previous still's pts (or the resume point):
 * the first frame of a new period. The ffmpeg side (stillSelect) computes the same doubles the
 * same way, so both sides agree frame for frame.
 */
export function isStill(pts: number, previous: number, periodS: number): boolean {
  return Math.floor(pts / periodS) > Math.floor(previous / periodS);
}

/** No previous still: any real pts starts a new period. */
const NO_STILL_PTS = -1e12;

export function stillSelect(stills: StillOptions): string {
  const p = stills.periodS;
  const after = stills.afterPts ?? NO_STILL_PTS;
  return `select=gt(floor(t/${p})\\,floor(if(isnan(prev_selected_t)\\,${after}\\,prev_selected_t)/${p}))`;
}

/** Frames decoded ahead of the consumer by default. */
export const DEFAULT_QUEUE_FRAMES = 8;

const SELECT_NEEDED = (stride: number, startFrame: number) => stride > 1 || startFrame > 0;
/** Seek this far before the resume pts: decoding must start at the keyframe at or before it. */
const SEEK_MARGIN_S = 2;
/** Frames are ≥ 1 ms apart; our pts and select's `t` are the same double product, so 1 µs is ample. */
const PTS_EPSILON = 1e-6;

/** Whether a resume can seek: otherwise select drops the frames before startFrame after decoding them. */
function resumeSeeks(options: Pick<FrameSourceOptions, 'startFrame' | 'startPts'>): boolean {
  return (options.startFrame ?? 0) > 0 && options.startPts !== undefined;
}

/**
 * The filter chain. select comes first so its `n` is the decoder's frame number (the source
 * index) and skipped frames are never scaled; showinfo comes last so it only sees kept frames
 * (its own `n` counts them: kept frame k has source index firstIndex + k·stride) and hashes
 * small model-sized frames, not 1080p ones.
 */
export function buildFilter(filter: string, stride: number, startFrame: number, startPts?: number): string {
  return [...selectFilters(stride, startFrame, startPts), filter, 'showinfo=checksum=0'].join(',');
}

/**
 * With stills: one graph, split after the frame selection, so the decoder and the select run
 * once; the model branch is exactly buildFilter's chain, the stills branch keeps a few frames
 * and copies only those out at full size.
 */
export function buildStillsGraph(
  filter: string,
  stills: StillOptions,
  stride: number,
  startFrame: number,
  startPts?: number,
): string {
  const selects = selectFilters(stride, startFrame, startPts);
  const head = selects.length > 0 ? selects.join(',') : 'null';
  // scale passes a frame of the right size and format through untouched.
  const still = `${stillSelect(stills)},scale=${stills.width}:${stills.height}:flags=bicubic,format=yuv420p`;
  return `[0:v:0]${head},split=2[m][s];[m]${filter},showinfo=checksum=0[model];[s]${still}[still]`;
}

function selectFilters(stride: number, startFrame: number, startPts?: number): string[] {
  const parts: string[] = [];
  if (startFrame > 0 && startPts !== undefined) {
    // After a seek the decoder's n counts from wherever decoding began, so the resume point is
    // found by pts; from there the frames are startFrame, startFrame + 1…, in order.
    parts.push(`select=gte(t\\,${startPts - PTS_EPSILON})`);
    if (stride > 1) parts.push(`select=not(mod(n+${startFrame}\\,${stride}))`);
  } else if (SELECT_NEEDED(stride, startFrame)) {
    const terms = [startFrame > 0 ? `gte(n\\,${startFrame})` : '', stride > 1 ? `not(mod(n\\,${stride}))` : ''];
    parts.push(`select=${terms.filter((term) => term !== '').join('*')}`);
  }
  return parts;
}

/** The first source index ≥ startFrame on the stride grid 0, N, 2N… */
export function firstIndex(stride: number, startFrame: number): number {
  return Math.ceil(startFrame / stride) * stride;
}

export function validateFrameSourceOptions(options: FrameSourceOptions): void {
  const positive = (value: number) => Number.isInteger(value) && value > 0;
  const problems: string[] = [];
  if (!positive(options.width) || !positive(options.height))
    problems.push('width and height must be positive integers');
  if (options.stride !== undefined && !positive(options.stride)) problems.push('stride must be a positive integer');
  const start = options.startFrame ?? 0;
  if (!Number.isInteger(start) || start < 0) problems.push('startFrame must be an integer ≥ 0');
  if (options.queueFrames !== undefined && !positive(options.queueFrames)) problems.push('queueFrames must be ≥ 1');
  if (options.startPts !== undefined && !Number.isFinite(options.startPts))
    problems.push('startPts must be a finite number');
  if (options.pixFmt !== 'bgr24' && options.pixFmt !== 'rgb24') problems.push('pixFmt must be bgr24 or rgb24');
  const stills = options.stills;
  if (stills && (!positive(stills.width) || !positive(stills.height) || !(stills.periodS > 0)))
    problems.push('stills need a positive size and period');
  if (stills?.afterPts !== undefined && !Number.isFinite(stills.afterPts))
    problems.push('stills.afterPts must be finite');
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
  const seekTo = (options.startPts ?? 0) - SEEK_MARGIN_S;
  // seek_timestamp: -ss is the file's own timestamp (not offset by its start time, which
  // -copyts would then apply twice); noaccurate_seek: our select trims, by pts.
  if (resumeSeeks(options) && seekTo > 0) args.push('-seek_timestamp', '1', '-noaccurate_seek', '-ss', String(seekTo));
  const stills = options.stills;
  if (options.decodeThreads !== undefined) {
    const threads = String(options.decodeThreads);
    args.push(stills ? '-filter_complex_threads' : '-filter_threads', threads, '-threads', threads);
  }
  // -copyts keeps the file's own timestamps: without it ffmpeg shifts the first frame to 0.
  args.push('-copyts', '-i', options.input);
  if (stills) {
    const graph = buildStillsGraph(options.filter, stills, stride, startFrame, options.startPts);
    args.push('-filter_complex', graph);
    // passthrough on each output: one output frame per kept frame, never duplicated to fake CFR.
    args.push('-map', '[model]', '-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', options.pixFmt, 'pipe:1');
    args.push('-map', '[still]', '-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', 'pipe:3');
    return args;
  }
  args.push('-map', '0:v:0', '-an', '-sn', '-dn');
  // passthrough: one output frame per decoded frame, never duplicated or dropped to fake CFR.
  args.push('-fps_mode', 'passthrough', '-filter:v', buildFilter(options.filter, stride, startFrame, options.startPts));
  args.push('-f', 'rawvideo', '-pix_fmt', options.pixFmt, 'pipe:1');
  return args;
}
