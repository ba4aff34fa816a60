import { AppFailure } from '../../contract/errors.ts';
import type { VideoProbe } from '../../contract/domain.ts';
import { mediaErrorMessage } from './media-errors.ts';

/** The parts of `ffprobe -show_format -show_streams -print_format json` we read. */
export interface FfprobeStream {
  index?: number;
  codec_name?: string;
  codec_type?: string;
  profile?: string;
  width?: number;
  height?: number;
  pix_fmt?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  start_time?: string;
  duration?: string;
  bit_rate?: string;
  nb_frames?: string;
  channels?: number;
  sample_rate?: string;
  disposition?: Record<string, number>;
  tags?: Record<string, string>;
  side_data_list?: Array<Record<string, unknown>>;
}

export interface FfprobeFormat {
  format_name?: string;
  duration?: string;
  start_time?: string;
  bit_rate?: string;
}

export interface FfprobeOutput {
  streams?: FfprobeStream[];
  format?: FfprobeFormat;
}

/** `-select_streams v:0 -show_entries packet=pts_time,duration_time,flags -read_intervals %+#N`. */
export interface FfprobePacketSample {
  packets?: Array<{ pts_time?: string; duration_time?: string; flags?: string }>;
}

/** How many packets the timing sample asks for; fewer back means it reached the end of the stream. */
export const SAMPLE_PACKETS = 300;

/*
 * ffprobe's JSON is read as untrusted data: a damaged or hostile file can make ffprobe print odd
 * values, and another build of ffprobe can change types. Only fields of the expected type pass;
 * anything else counts as absent.
 */
type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;

function pick<T>(source: Json, keys: readonly string[], read: (v: unknown) => T | undefined): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of keys) {
    const value = read(source[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function record<T>(v: unknown, read: (v: unknown) => T | undefined): Record<string, T> | undefined {
  if (!isObject(v)) return undefined;
  const out: Record<string, T> = {};
  for (const [key, value] of Object.entries(v)) {
    const read_ = read(value);
    if (read_ !== undefined && key !== '__proto__') out[key] = read_;
  }
  return out;
}

const STREAM_TEXT = [
  'codec_name',
  'codec_type',
  'profile',
  'pix_fmt',
  'r_frame_rate',
  'avg_frame_rate',
  'start_time',
  'duration',
  'bit_rate',
  'nb_frames',
  'sample_rate',
] as const;
const STREAM_NUMBERS = ['index', 'width', 'height', 'channels'] as const;

function readStream(v: Json): FfprobeStream {
  const stream: FfprobeStream = { ...pick(v, STREAM_TEXT, text), ...pick(v, STREAM_NUMBERS, finite) };
  const disposition = record(v['disposition'], finite);
  if (disposition) stream.disposition = disposition;
  const tags = record(v['tags'], text);
  if (tags) stream.tags = tags;
  if (Array.isArray(v['side_data_list'])) stream.side_data_list = v['side_data_list'].filter(isObject);
  return stream;
}

/** The parts of ffprobe's stream/format answer that have the expected types. */
export function readFfprobeOutput(v: unknown): FfprobeOutput {
  if (!isObject(v)) return {};
  const out: FfprobeOutput = {};
  if (Array.isArray(v['streams'])) out.streams = v['streams'].filter(isObject).map(readStream);
  if (isObject(v['format'])) {
    out.format = pick(v['format'], ['format_name', 'duration', 'start_time', 'bit_rate'], text);
  }
  return out;
}

/** The parts of ffprobe's packet sample that have the expected types. */
export function readPacketSample(v: unknown): FfprobePacketSample | null {
  if (!isObject(v)) return null;
  if (!Array.isArray(v['packets'])) return {};
  return { packets: v['packets'].filter(isObject).map((p) => pick(p, ['pts_time', 'duration_time', 'flags'], text)) };
}

function num(text: string | number | undefined | null): number | null {
  if (text === undefined || text === null || text === '' || text === 'N/A') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** "30000/1001" → 29.97…; "0/0" and junk → null. */
export function parseRate(text: string | undefined): number | null {
  if (!text) return null;
  const [a, b = '1'] = text.split('/');
  const n = num(a);
  const d = num(b);
  if (n === null || d === null || n <= 0 || d <= 0) return null;
  const rate = n / d;
  return Number.isFinite(rate) ? rate : null;
}

/** A video stream that is a picture (cover art in an .m4a) is not video. */
export function isRealVideo(stream: FfprobeStream): boolean {
  return stream.codec_type === 'video' && stream.disposition?.['attached_pic'] !== 1 && stream.codec_name !== 'ansi';
}

/**
 * Clockwise degrees to turn the decoded picture to show it upright, 0/90/180/270. The display
 * matrix's `rotation` is counter-clockwise (av_display_rotation_get); the legacy `rotate` tag is
 * clockwise. A matrix that is not a quarter turn (a damaged file, or a rounding such as -0.5°) is
 * snapped to the nearest quarter turn: the player and the exports can only turn by quarters.
 */
export function parseRotation(stream: FfprobeStream): number {
  let clockwise = 0;
  const tag = num(stream.tags?.['rotate']);
  if (tag !== null) clockwise = tag;
  else {
    for (const side of stream.side_data_list ?? []) {
      const ccw = typeof side['rotation'] === 'number' ? side['rotation'] : num(side['rotation'] as string);
      if (ccw !== null) {
        clockwise = -ccw;
        break;
      }
    }
  }
  const normalised = (((Math.round(clockwise / 90) * 90) % 360) + 360) % 360;
  return normalised === 0 ? 0 : normalised;
}

export interface PacketTiming {
  /** Earliest presentation time among the sampled packets, null when none had a pts. */
  firstPtsS: number | null;
  /** Frame intervals in the sample vary beyond timestamp rounding. */
  variable: boolean;
  /** Packets in the sample that will be shown (discarded edit-list packets excluded). */
  count: number;
}

/** Packets come in decode order; sorting the pts gives presentation order and the frame intervals. */
export function analysePackets(sample: FfprobePacketSample | null): PacketTiming {
  const pts: number[] = [];
  for (const packet of sample?.packets ?? []) {
    if (packet.flags?.includes('D')) continue;
    const t = num(packet.pts_time);
    if (t !== null) pts.push(t);
  }
  pts.sort((a, b) => a - b);
  const count = pts.length;
  // A sample cut off mid-stream lacks frames that decode later but show earlier (B-frames), which
  // leaves false gaps at its end; the reorder depth is at most 16 frames.
  const truncated = (sample?.packets?.length ?? 0) >= SAMPLE_PACKETS;
  const steady = truncated ? pts.slice(0, Math.max(2, pts.length - 16)) : pts;
  const deltas: number[] = [];
  for (let i = 1; i < steady.length; i++) deltas.push((steady[i] ?? 0) - (steady[i - 1] ?? 0));
  const sorted = [...deltas].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  // Timestamps are rounded to the stream's time base and printed to 1 µs: allow that much jitter.
  const tolerance = Math.max(0.002, median * 0.2);
  const variable = deltas.some((d) => Math.abs(d - median) > tolerance);
  return { firstPtsS: pts[0] ?? null, variable, count };
}

function ratesDisagree(r: number | null, avg: number | null): boolean {
  if (r === null || avg === null) return false;
  return Math.abs(r - avg) / Math.max(r, avg) > 0.02;
}

/**
 * ffprobe's answers → VideoProbe. `file` only names the file in the error when there is no video.
 * `sample` is the packet-timing sample of the first video stream; null when it could not be taken.
 */
export function parseProbe(rawOutput: unknown, rawSample: unknown, file: string): VideoProbe {
  const output = readFfprobeOutput(rawOutput);
  const sample = readPacketSample(rawSample);
  const streams = output.streams ?? [];
  const video = streams.find(isRealVideo);
  if (!video) {
    const kinds = streams.map((s) => s.codec_type ?? 'unknown').join(', ') || 'none';
    throw new AppFailure('no-video-stream', mediaErrorMessage('no-video-stream', file), `streams: ${kinds}`);
  }
  const format = output.format ?? {};
  const audioStream = streams.find((s) => s.codec_type === 'audio');
  const timing = analysePackets(sample);

  const rFrameRate = parseRate(video.r_frame_rate);
  const avgFrameRate = parseRate(video.avg_frame_rate);
  const durationS = num(format.duration) ?? num(video.duration) ?? 0;
  const fps = avgFrameRate ?? rFrameRate ?? 0;

  const headerFrames = num(video.nb_frames);
  const sampleIsWholeStream = sample !== null && timing.count > 0 && timing.count < SAMPLE_PACKETS;
  let frameCount: number;
  let frameCountExact: boolean;
  if (headerFrames !== null && headerFrames > 0) {
    frameCount = headerFrames;
    frameCountExact = true;
  } else if (sampleIsWholeStream) {
    frameCount = timing.count;
    frameCountExact = true;
  } else {
    const estimate = Math.round(durationS * fps);
    frameCount = Number.isFinite(estimate) && estimate > 0 ? estimate : 0;
    frameCountExact = false;
  }

  return {
    container: format.format_name ?? 'unknown',
    durationS,
    width: video.width ?? 0,
    height: video.height ?? 0,
    codec: video.codec_name ?? 'unknown',
    profile: video.profile ?? null,
    pixelFormat: video.pix_fmt ?? null,
    fps,
    variableFrameRate: ratesDisagree(rFrameRate, avgFrameRate) || timing.variable,
    frameCount,
    frameCountExact,
    firstFrameTimeS: timing.firstPtsS ?? num(video.start_time) ?? 0,
    rotation: parseRotation(video),
    audio: audioStream
      ? {
          codec: audioStream.codec_name ?? 'unknown',
          channels: audioStream.channels ?? 0,
          sampleRate: num(audioStream.sample_rate) ?? 0,
        }
      : null,
    bitRate: num(format.bit_rate) ?? num(video.bit_rate),
  };
}
