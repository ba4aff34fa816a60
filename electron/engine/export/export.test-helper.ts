/**
 * Test helpers for the export tests: the real tools, the committed fixtures, and reading decoded
 * frames back (frame index from the burned-in code, raw RGBA for pixel comparisons).
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { decodeRgbaFrames } from '../../../tests/fixtures/decode-frames.ts';
import { readFrameIndex } from '../../../tests/fixtures/frame-code.ts';

export const tools = {
  ffmpeg: process.env['RINKSIDE_FFMPEG'] ?? '/usr/bin/ffmpeg',
  ffprobe: process.env['RINKSIDE_FFPROBE'] ?? '/usr/bin/ffprobe',
};

export const MEDIA = fileURLToPath(new URL('../../../tests/fixtures/media/', import.meta.url));
export const media = (name: string): string => path.join(MEDIA, name);

/** The burned-in index of every frame of a file, in order (null where unreadable). */
export async function frameIndices(file: string, width: number, height: number): Promise<(number | null)[]> {
  const out: (number | null)[] = [];
  await decodeRgbaFrames(file, { width, height }, (rgba) => out.push(readFrameIndex(rgba, width, height)));
  return out;
}

/** Copies of the RGBA pixels of the frames whose positions are listed. */
export async function framesAt(
  file: string,
  width: number,
  height: number,
  wanted: number[],
): Promise<Map<number, Uint8Array>> {
  const out = new Map<number, Uint8Array>();
  await decodeRgbaFrames(file, { width, height }, (rgba, i) => {
    if (wanted.includes(i)) out.set(i, rgba.slice());
  });
  return out;
}

/** Mean absolute RGB difference of two frames inside a rectangle [x0, x1) × [y0, y1). */
export function meanDiff(
  a: Uint8Array,
  b: Uint8Array,
  width: number,
  rect: { x0: number; y0: number; x1: number; y1: number },
): number {
  let sum = 0;
  let n = 0;
  for (let y = rect.y0; y < rect.y1; y++) {
    for (let x = rect.x0; x < rect.x1; x++) {
      const i = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) sum += Math.abs((a[i + c] ?? 0) - (b[i + c] ?? 0));
      n += 3;
    }
  }
  return n > 0 ? sum / n : 0;
}

export interface StreamFacts {
  codec_name?: string;
  codec_type?: string;
  pix_fmt?: string;
  nb_read_frames?: string;
  duration?: string;
  start_time?: string;
}

/** ffprobe with counted frames. */
export async function probeCounted(file: string): Promise<StreamFacts[]> {
  const { stdout } = await promisify(execFile)(tools.ffprobe, [
    '-v',
    'error',
    '-count_frames',
    '-show_entries',
    'stream=codec_name,codec_type,pix_fmt,nb_read_frames,duration,start_time',
    '-of',
    'json',
    file,
  ]);
  return (JSON.parse(stdout) as { streams: StreamFacts[] }).streams;
}

/** True when the mp4's moov box comes before mdat (faststart). */
export function isFaststart(file: string): boolean {
  const head = readFileSync(file)
    .subarray(0, 64 * 1024)
    .toString('latin1');
  const moov = head.indexOf('moov');
  const mdat = head.indexOf('mdat');
  return moov >= 0 && (mdat < 0 || moov < mdat);
}

/** Is this process still alive? */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function listDir(dir: string): string[] {
  return readdirSync(dir).sort();
}
