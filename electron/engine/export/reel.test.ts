import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../log.ts';
import type { BatchProgress } from './batch-progress.ts';
import { exportClips } from './clips.ts';
import { exportReel } from './reel.ts';
import { alive, frameIndices, isFaststart, listDir, media, probeCounted, tools } from './export.test-helper.ts';

const W = 768;
const H = 576;
const people = media('people-10s.mp4');
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rinkside-reel-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, k) => a + k);

describe('exportReel', () => {
  it('joins the events in order, frame-accurate, with overall progress, and leaves only the reel', async () => {
    const out = path.join(dir, 'reel.mp4');
    const progress: BatchProgress[] = [];
    const caption = {
      detections: [],
      show: { boxes: false, ids: false, names: false, caption: true },
      caption: 'Shot · P1 · 0:06.0',
    };
    const result = await exportReel({
      tools,
      out,
      log: silentLogger,
      segments: [
        { src: people, startS: 6, endS: 7, overlay: caption },
        { src: people, startS: 1.5, endS: 2.2, overlay: null },
        // Runs off the end of the video: clamped, with a warning naming the event.
        { src: people, startS: 9.5, endS: 12, overlay: null },
      ],
      onProgress: (p) => progress.push(p),
    });
    expect(result.frames).toBe(10 + 7 + 5);
    expect(result.segmentStartsS.map((s) => Number(s.toFixed(3)))).toEqual([0, 1, 1.7]);
    expect(result.warnings).toEqual([expect.stringMatching(/^Event 3: .*after the video's last frame/)]);
    expect(await frameIndices(out, W, H)).toEqual([...range(60, 69), ...range(15, 21), ...range(95, 99)]);
    const streams = await probeCounted(out);
    expect(streams.find((s) => s.codec_type === 'video')).toMatchObject({
      codec_name: 'h264',
      pix_fmt: 'yuv420p',
      nb_read_frames: '22',
    });
    expect(Math.abs(Number(streams.find((s) => s.codec_type === 'audio')?.duration) - 2.2)).toBeLessThan(0.06);
    expect(isFaststart(out)).toBe(true);
    expect(listDir(dir)).toEqual(['reel.mp4']);
    expect(new Set(progress.map((p) => p.clipIndex))).toEqual(new Set([0, 1, 2]));
    expect(progress.every((p) => p.clipCount === 3 && p.doneS <= p.totalS + 1e-9)).toBe(true);
    expect(progress.at(-1)?.totalS).toBeCloseTo(2.2, 6);
  });

  it('gives a silent track to segments of a video without audio, so the joined file keeps one', async () => {
    const out = path.join(dir, 'mixed.mp4');
    const result = await exportReel({
      tools,
      out,
      log: silentLogger,
      segments: [
        { src: people, startS: 0, endS: 0.5, overlay: null },
        { src: media('crossing-seq.mp4'), startS: 1, endS: 1.5, overlay: null },
      ],
    });
    expect(result.frames).toBe(10);
    expect(await frameIndices(out, W, H)).toEqual([...range(0, 4), ...range(10, 14)]);
    const audio = (await probeCounted(out)).find((s) => s.codec_type === 'audio');
    expect(Math.abs(Number(audio?.duration) - 1)).toBeLessThan(0.06);
  });
});

describe('exportReel: cancel', () => {
  it('leaves no reel, no temporary file and no ffmpeg process', async () => {
    const sub = await mkdtemp(path.join(dir, 'cancel-'));
    const controller = new AbortController();
    const pids: number[] = [];
    const run = exportReel({
      tools,
      out: path.join(sub, 'reel.mp4'),
      log: silentLogger,
      signal: controller.signal,
      segments: [
        { src: people, startS: 0, endS: 1, overlay: null },
        { src: people, startS: 2, endS: 10, overlay: null },
      ],
      // The whole reel is one ffmpeg run: cancel while it encodes (its temporary file exists then).
      onSpawn: (pid) => {
        pids.push(pid);
        setTimeout(() => controller.abort(), 300);
      },
    });
    await expect(run).rejects.toMatchObject({ kind: 'cancelled' });
    expect(pids).toHaveLength(1);
    expect(pids.some(alive)).toBe(false);
    expect(listDir(sub)).toEqual([]);
  });
});

describe('exportReel: folder names', () => {
  it('writes a reel into a folder whose name holds a newline and quotes, with the right frames', async () => {
    // Such a name once broke out of a line of ffmpeg's concat list and named another file.
    const sub = path.join(dir, "Game\nfile 'other.mp4'\n'x");
    await mkdir(sub);
    const out = path.join(sub, 'reel.mp4');
    const result = await exportReel({
      tools,
      out,
      log: silentLogger,
      segments: [
        { src: people, startS: 1, endS: 1.5, overlay: null },
        { src: people, startS: 4, endS: 4.3, overlay: null },
      ],
    });
    expect(result.path).toBe(out);
    expect(await frameIndices(out, W, H)).toEqual([...range(10, 14), ...range(40, 42)]);
    expect(listDir(sub)).toEqual(['reel.mp4']);
  });
});

describe('exportClips', () => {
  it('writes one file per event and reports each clip', async () => {
    const sub = await mkdtemp(path.join(dir, 'clips-'));
    const progress: BatchProgress[] = [];
    const { clips } = await exportClips({
      tools,
      log: silentLogger,
      items: [
        { src: people, startS: 3, endS: 3.5, overlay: null, out: path.join(sub, 'a.mp4') },
        { src: people, startS: 8.2, endS: 8.5, overlay: null, out: path.join(sub, 'b.mp4') },
      ],
      onProgress: (p) => progress.push(p),
    });
    expect(clips.map((c) => c.frames)).toEqual([5, 3]);
    expect(listDir(sub)).toEqual(['a.mp4', 'b.mp4']);
    expect(await frameIndices(path.join(sub, 'b.mp4'), W, H)).toEqual([82, 83, 84]);
    expect(progress.some((p) => p.clipIndex === 1)).toBe(true);
  });
});
