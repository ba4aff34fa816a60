import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { ffmpegLetterboxFilter, letterboxGeometry, type LetterboxGeometry } from './letterbox.ts';
import type { ModelManifest } from './manifest.ts';
import { FFMPEG } from './paths.test-helper.ts';

export interface LetterboxedImage {
  frame: Uint8Array;
  geometry: LetterboxGeometry;
  /** The full ffmpeg command line, to re-run by hand when a test fails. */
  command: string[];
}

function probeSize(path: string): { width: number; height: number } {
  const ffprobe = FFMPEG.includes('/') ? join(dirname(FFMPEG), 'ffprobe') : 'ffprobe';
  const out = execFileSync(
    ffprobe,
    ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', path],
    {
      encoding: 'utf8',
    },
  );
  const [width, height] = out.trim().split(',').map(Number);
  if (!width || !height) throw new Error(`ffprobe gave no size for ${path}: ${out}`);
  return { width, height };
}

/** Decodes one image with ffmpeg through the production letterbox filter, as the decoder will. */
export function letterboxedImage(path: string, manifest: ModelManifest): LetterboxedImage {
  const { width, height } = probeSize(path);
  const geometry = letterboxGeometry(
    width,
    height,
    manifest.input.width,
    manifest.input.height,
    manifest.letterbox.placement,
  );
  const { filter, pixFmt } = ffmpegLetterboxFilter(geometry, manifest);
  const command = [FFMPEG, '-v', 'error', '-i', path, '-vf', filter, '-pix_fmt', pixFmt, '-f', 'rawvideo', '-'];
  const frame = execFileSync(command[0] as string, command.slice(1), { maxBuffer: 64 << 20 });
  const expected = manifest.input.width * manifest.input.height * 3;
  if (frame.length !== expected)
    throw new Error(`${command.join(' ')} gave ${frame.length} bytes, expected ${expected}`);
  return { frame: new Uint8Array(frame.buffer, frame.byteOffset, frame.length), geometry, command };
}
