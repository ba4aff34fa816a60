/**
 * The ffmpeg command line of one clip export: seek near the cut, select the exact frames with
 * trim/atrim on the source timeline (-copyts keeps it), burn in the ASS overlay, encode H.264 +
 * AAC in an mp4 that plays everywhere (yuv420p, faststart). The pieces are shared with reels.
 */
import path from 'node:path';
import type { Cut } from './cut.ts';

export interface EncoderSettings {
  preset: string;
  crf: number;
}

export const DEFAULT_ENCODER: EncoderSettings = { preset: 'veryfast', crf: 20 };

export interface ClipArgsInput {
  src: string;
  /** Where ffmpeg writes (the temporary name; the caller renames it). */
  out: string;
  cut: Cut;
  /** The source has an audio stream. */
  hasAudio: boolean;
  /** The picture's size and whether it must be made even for yuv420p. */
  width: number;
  height: number;
  /** The ASS overlay script and the folder of its fonts; null for a clean clip. */
  ass: { file: string; fontsDir: string } | null;
  encoder: EncoderSettings;
}

/** Seek this far before the cut; the demuxer lands on the keyframe before it, trim does the rest. */
const SEEK_MARGIN_S = 3;

/** Escapes one filter option value (ffmpeg's first quoting level: `\ ' :`). */
function escapeOption(value: string): string {
  return value.replace(/[\\':]/g, (c) => `\\${c}`);
}

/** Escapes text placed in a filtergraph (second level: `\ ' [ ] , ;`). */
function escapeGraph(value: string): string {
  return value.replace(/[\\'[\],;]/g, (c) => `\\${c}`);
}

/** A file path as the value of a filter option inside -filter_complex (Windows drive colons included). */
export function filterPath(file: string): string {
  return escapeGraph(escapeOption(path.resolve(file).split(path.sep).join('/')));
}

export const sec = (s: number) => s.toFixed(6);

/** Selects the cut's frames on the source timeline and makes its first frame time 0 (the overlay counts from it). */
export function cutSteps(cut: Cut): string[] {
  const trim: string[] = [];
  if (cut.trimStartS !== null) trim.push(`start=${sec(cut.trimStartS)}`);
  if (cut.trimEndS !== null) trim.push(`end=${sec(cut.trimEndS)}`);
  return [...(trim.length > 0 ? [`trim=${trim.join(':')}`] : []), 'setpts=PTS-STARTPTS'];
}

export function assStep(ass: { file: string; fontsDir: string }): string {
  return `ass=filename=${filterPath(ass.file)}:fontsdir=${filterPath(ass.fontsDir)}`;
}

/** The audio that plays with the cut's frames: the first frame's pts to the last frame's end. */
export function audioCutSteps(cut: Cut): string[] {
  return [`atrim=start=${sec(cut.audioStartS)}:end=${sec(cut.audioEndS)}`, 'asetpts=PTS-STARTPTS'];
}

/** A coarse input seek before the cut: the demuxer lands on the keyframe before it, trim does the rest. */
export function seekArgs(cut: Cut): string[] {
  const seekS = (cut.frames[0] ?? 0) - SEEK_MARGIN_S;
  return seekS > 0 ? ['-ss', sec(seekS), '-noaccurate_seek'] : [];
}

/** H.264 High yuv420p (+ AAC), plays everywhere; no metadata of the source carried over. */
export function encodeArgs(encoder: EncoderSettings, audio: boolean): string[] {
  return [
    '-c:v',
    'libx264',
    '-preset',
    encoder.preset,
    '-crf',
    String(encoder.crf),
    '-pix_fmt',
    'yuv420p',
    '-profile:v',
    'high',
    ...(audio ? ['-c:a', 'aac', '-b:a', '160k'] : []),
  ];
}

function videoChain(input: ClipArgsInput): string {
  const steps = cutSteps(input.cut);
  if (input.ass) steps.push(assStep(input.ass));
  if (input.width % 2 !== 0 || input.height % 2 !== 0) {
    // yuv420p needs even sizes; drop the odd last row/column rather than scale the picture.
    steps.push('crop=trunc(iw/2)*2:trunc(ih/2)*2:0:0');
  }
  steps.push('format=yuv420p');
  return `[0:v:0]${steps.join(',')}[v]`;
}

export function clipArgs(input: ClipArgsInput): string[] {
  const audio = input.hasAudio ? `[0:a:0]${audioCutSteps(input.cut).join(',')}[a]` : null;
  const graph = [videoChain(input), ...(audio ? [audio] : [])].join(';');
  return [
    '-nostdin',
    '-hide_banner',
    '-v',
    'error',
    '-y',
    // Source timestamps stay as they are, so trim/atrim cut at the probed frame times.
    '-copyts',
    ...seekArgs(input.cut),
    '-i',
    path.resolve(input.src),
    '-filter_complex',
    graph,
    '-map',
    '[v]',
    ...(audio ? ['-map', '[a]'] : []),
    '-fps_mode',
    'passthrough',
    ...encodeArgs(input.encoder, audio !== null),
    '-map_metadata',
    '-1',
    '-movflags',
    '+faststart',
    '-progress',
    'pipe:1',
    '-nostats',
    '-f',
    'mp4',
    path.resolve(input.out),
  ];
}
