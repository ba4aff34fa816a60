/**
 * A reel from videos that differ in frame rate (30 and 10 fps), size (768x576 and 384x288) and
 * audio (none, a sine): read back with ffprobe (durations, frame count, chapters), the burned-in
 * frame index of every frame (which source frames, how long each shows) and the decoded audio
 * (silence exactly where the source had none).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeRgbaFrames } from '../../../tests/fixtures/decode-frames.ts';
import { readFrameIndex } from '../../../tests/fixtures/frame-code.ts';
import { silentLogger } from '../log.ts';
import { exportReel } from './reel.ts';
import { listDir, media, tools } from './export.test-helper.ts';

const run = promisify(execFile);
const W = 768;
const H = 576;
const FPS = 30;
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rinkside-reel-mixed-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, k) => a + k);

interface Probe {
  streams: { codec_type: string; duration: string; nb_read_frames?: string; sample_rate?: string; channels?: number }[];
  format: { duration: string };
  chapters: { start_time: string; end_time: string; tags: { title: string } }[];
}

async function probe(file: string): Promise<Probe> {
  const { stdout } = await run(tools.ffprobe, [
    '-v',
    'error',
    '-count_frames',
    '-show_entries',
    'stream=codec_type,duration,nb_read_frames,sample_rate,channels:format=duration',
    '-show_chapters',
    '-of',
    'json',
    file,
  ]);
  return JSON.parse(stdout) as Probe;
}

/** RMS of the decoded audio (mono float) over [fromS, toS). */
async function rms(file: string, fromS: number, toS: number): Promise<number> {
  const { stdout } = await run(
    tools.ffmpeg,
    ['-v', 'error', '-i', file, '-map', '0:a:0', '-ac', '1', '-ar', '48000', '-f', 'f32le', '-'],
    { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
  );
  const samples = new Float32Array(stdout.buffer, stdout.byteOffset, stdout.byteLength / 4);
  const part = samples.subarray(Math.round(fromS * 48000), Math.round(toS * 48000));
  return Math.sqrt(part.reduce((sum, x) => sum + x * x, 0) / Math.max(1, part.length));
}

describe('exportReel: mixed sources', () => {
  it('brings 30 fps, 10 fps and half-size clips to one size, rate and audio track, frame-accurately', async () => {
    const out = path.join(dir, 'mixed.mp4');
    const result = await exportReel({
      tools,
      out,
      log: silentLogger,
      segments: [
        // 30 fps, no audio: frames 10–29.
        { src: media('people-2s-30fps.mp4'), startS: 10 / 30, endS: 1, overlay: null, title: 'Shot · P1 · 0:00.3' },
        // 10 fps with audio: frames 20–29, each shown three times at 30 fps.
        { src: media('people-10s.mp4'), startS: 2, endS: 3, overlay: null, title: 'Goal = 1;0 # \\N\nnext' },
        // 384x288, 30 fps, audio, frame i at (i + 1)/30 s: frames 14–28, scaled ×2.
        { src: media('offset-start.mp4'), startS: 0.5, endS: 1, overlay: null },
      ],
    });
    expect(result.format).toEqual({ width: W, height: H, rate: { num: 30, den: 1 } });
    const frames = 20 + 30 + 15;
    expect(result.frames).toBe(frames);
    expect(result.segmentStartsS).toEqual([0, 20 / FPS, 50 / FPS]);

    const expected = [...range(10, 29), ...range(20, 29).flatMap((i) => [i, i, i]), ...range(14, 28)];
    const seen: (number | null)[] = [];
    await decodeRgbaFrames(out, { width: W, height: H }, (rgba, i) =>
      // The half-size clip's code cells are 32 px in the reel.
      seen.push(readFrameIndex(rgba, W, H, W * 4, i >= 50 ? { scale: 2 } : {})),
    );
    expect(seen).toEqual(expected);

    const facts = await probe(out);
    const video = facts.streams.find((s) => s.codec_type === 'video');
    const audio = facts.streams.find((s) => s.codec_type === 'audio');
    expect(video?.nb_read_frames).toBe(String(frames));
    expect(audio).toMatchObject({ sample_rate: '48000', channels: 2 });
    // Video, audio and container all last the clips' sum, within one output frame.
    for (const duration of [video?.duration, audio?.duration, facts.format.duration]) {
      expect(Math.abs(Number(duration) - frames / FPS)).toBeLessThan(1 / FPS);
    }

    expect(facts.chapters.map((c) => c.tags.title)).toEqual(['Shot · P1 · 0:00.3', 'Goal = 1;0 # \\N next', 'Clip 3']);
    expect(facts.chapters.map((c) => Number(c.start_time))).toEqual([0, 0.667, 1.667]);
    expect(facts.chapters.map((c) => Number(c.end_time))).toEqual([0.667, 1.667, 2.167]);

    // Silence where the 30 fps clip had no audio, the sine where the sources had one (edges kept
    // clear of the AAC frames that straddle a join).
    expect(await rms(out, 0, 20 / FPS - 0.03)).toBeLessThan(0.001);
    expect(await rms(out, 20 / FPS + 0.03, 50 / FPS - 0.03)).toBeGreaterThan(0.05);
    expect(await rms(out, 50 / FPS + 0.03, frames / FPS - 0.03)).toBeGreaterThan(0.05);
    expect(listDir(dir)).toEqual(['mixed.mp4']);
  });

  it('joins sources of different pixel formats into one yuv420p stream', async () => {
    // A 4:4:4 copy of the 30 fps fixture (made here from the committed file, nearly lossless so
    // its frame code survives) beside the 4:2:0 10 fps one.
    const full = path.join(dir, 'yuv444.mp4');
    await run(tools.ffmpeg, [
      '-v',
      'error',
      '-i',
      media('people-2s-30fps.mp4'),
      '-t',
      '1',
      '-pix_fmt',
      'yuv444p',
      '-c:v',
      'libx264',
      '-profile:v',
      'high444',
      '-crf',
      '4',
      full,
    ]);
    const out = path.join(dir, 'formats.mp4');
    const result = await exportReel({
      tools,
      out,
      log: silentLogger,
      segments: [
        { src: full, startS: 0.5, endS: 0.8, overlay: null },
        { src: media('people-10s.mp4'), startS: 7, endS: 7.2, overlay: null },
      ],
    });
    expect(result.frames).toBe(9 + 6);
    const seen: (number | null)[] = [];
    await decodeRgbaFrames(out, { width: W, height: H }, (rgba) => seen.push(readFrameIndex(rgba, W, H)));
    expect(seen).toEqual([...range(15, 23), 70, 70, 70, 71, 71, 71]);
    const { stdout } = await run(tools.ffprobe, [
      '-v',
      'error',
      '-show_entries',
      'stream=pix_fmt',
      '-of',
      'csv=p=0',
      out,
    ]);
    expect(stdout.trim().split('\n')[0]).toBe('yuv420p');
  });

  it('takes a size and frame rate from the caller', async () => {
    const out = path.join(dir, 'small.mp4');
    const result = await exportReel({
      tools,
      out,
      log: silentLogger,
      format: { width: 384, height: 288, fps: 10 },
      segments: [
        { src: media('people-2s-30fps.mp4'), startS: 0, endS: 1, overlay: null },
        { src: media('people-10s.mp4'), startS: 5, endS: 5.5, overlay: null },
      ],
    });
    expect(result.frames).toBe(10 + 5);
    const seen: (number | null)[] = [];
    await decodeRgbaFrames(out, { width: 384, height: 288 }, (rgba) =>
      seen.push(readFrameIndex(rgba, 384, 288, 384 * 4, { scale: 0.5 })),
    );
    // 30 → 10 fps keeps every third frame, from the first.
    expect(seen).toEqual([...range(0, 9).map((k) => 3 * k), ...range(50, 54)]);
    const facts = await probe(out);
    for (const s of facts.streams) expect(Math.abs(Number(s.duration) - 1.5)).toBeLessThan(0.1);
  });
});
