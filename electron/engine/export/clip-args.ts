/**
 * The ffmpeg command line of one clip export: seek near the cut, select the exact frames with
 * trim/atrim on the source timeline (-copyts keeps it), burn in the ASS overlay, encode H.264 +
 * AAC in an mp4 that plays everywhere (yuv420p, faststart).
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
  /** Reel segments: scale/pad to this size and always carry 48 kHz stereo audio (silent if none). */
  uniform: { width: number; height: number } | null;
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

const sec = (s: number) => s.toFixed(6);

function videoChain(input: ClipArgsInput): string {
  const { cut } = input;
  const steps: string[] = [];
  const trim: string[] = [];
  if (cut.trimStartS !== null) trim.push(`start=${sec(cut.trimStartS)}`);
  if (cut.trimEndS !== null) trim.push(`end=${sec(cut.trimEndS)}`);
  if (trim.length > 0) steps.push(`trim=${trim.join(':')}`);
  // The clip's first frame becomes time 0: the ASS overlay's times count from it.
  steps.push('setpts=PTS-STARTPTS');
  if (input.ass) steps.push(`ass=filename=${filterPath(input.ass.file)}:fontsdir=${filterPath(input.ass.fontsDir)}`);
  if (input.uniform) {
    const { width: w, height: h } = input.uniform;
    steps.push(`scale=${w}:${h}:force_original_aspect_ratio=decrease`, `pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2`, 'setsar=1');
  } else if (input.width % 2 !== 0 || input.height % 2 !== 0) {
    // yuv420p needs even sizes; drop the odd last row/column rather than scale the picture.
    steps.push('crop=trunc(iw/2)*2:trunc(ih/2)*2:0:0');
  }
  steps.push('format=yuv420p');
  return `[0:v:0]${steps.join(',')}[v]`;
}

function audioChain(input: ClipArgsInput): string | null {
  const { cut } = input;
  const duration = sec(cut.audioEndS - cut.audioStartS);
  const uniform = input.uniform ? ',aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo' : '';
  if (input.hasAudio) {
    return `[0:a:0]atrim=start=${sec(cut.audioStartS)}:end=${sec(cut.audioEndS)},asetpts=PTS-STARTPTS${uniform}[a]`;
  }
  // Reel segments all need an audio track of the same shape, or the joined file loses sync.
  if (input.uniform) return `anullsrc=r=48000:cl=stereo,atrim=duration=${duration}${uniform}[a]`;
  return null;
}

export function clipArgs(input: ClipArgsInput): string[] {
  const first = input.cut.frames[0] ?? 0;
  const seekS = first - SEEK_MARGIN_S;
  const audio = audioChain(input);
  const graph = [videoChain(input), ...(audio ? [audio] : [])].join(';');
  return [
    '-nostdin',
    '-hide_banner',
    '-v',
    'error',
    '-y',
    // Source timestamps stay as they are, so trim/atrim cut at the probed frame times.
    '-copyts',
    ...(seekS > 0 ? ['-ss', sec(seekS), '-noaccurate_seek'] : []),
    '-i',
    path.resolve(input.src),
    '-filter_complex',
    graph,
    '-map',
    '[v]',
    ...(audio ? ['-map', '[a]'] : []),
    '-fps_mode',
    'passthrough',
    '-c:v',
    'libx264',
    '-preset',
    input.encoder.preset,
    '-crf',
    String(input.encoder.crf),
    '-pix_fmt',
    'yuv420p',
    '-profile:v',
    'high',
    ...(audio ? ['-c:a', 'aac', '-b:a', '160k'] : []),
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
