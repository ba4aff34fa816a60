import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../contract/errors.ts';
import type { DetectionFrame } from '../../contract/detection.ts';
import { silentLogger } from '../log.ts';
import { defaultFontsDir, exportClip, type ClipProgress } from './clip.ts';
import {
  alive,
  frameIndices,
  framesAt,
  isFaststart,
  listDir,
  meanDiff,
  media,
  probeCounted,
  tools,
} from './export.test-helper.ts';

const W = 768;
const H = 576;
const people = media('people-10s.mp4');
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rinkside-clip-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, k) => a + k);

describe('exportClip: frame-accurate cuts', () => {
  it('cuts people-10s 2.0–5.0 s to frames 20…49, H.264 yuv420p + AAC, faststart', async () => {
    const out = path.join(dir, 'clean.mp4');
    const progress: ClipProgress[] = [];
    const result = await exportClip({
      tools,
      src: people,
      startS: 2,
      endS: 5,
      out,
      overlay: null,
      log: silentLogger,
      onProgress: (p) => progress.push(p),
    });
    expect(result).toMatchObject({ path: out, frames: 30, firstFrameS: 2, lastFrameS: 4.9, warnings: [] });
    expect(result.durationS).toBeCloseTo(3, 6);
    expect(await frameIndices(out, W, H)).toEqual(range(20, 49));
    const streams = await probeCounted(out);
    const video = streams.find((s) => s.codec_type === 'video');
    const audio = streams.find((s) => s.codec_type === 'audio');
    expect(video).toMatchObject({ codec_name: 'h264', pix_fmt: 'yuv420p', nb_read_frames: '30' });
    expect(Math.abs(Number(video?.duration) - 3)).toBeLessThanOrEqual(0.1);
    expect(audio?.codec_name).toBe('aac');
    expect(Math.abs(Number(audio?.duration) - 3)).toBeLessThanOrEqual(0.05);
    expect(isFaststart(out)).toBe(true);
    expect(progress.at(-1)?.totalS).toBeCloseTo(3, 6);
    expect(listDir(dir)).toEqual(['clean.mp4']);
  });

  it('starts on the right frame away from a keyframe, after a seek (7.25–8.95 s → frames 73…89)', async () => {
    const out = path.join(dir, 'seek.mp4');
    const result = await exportClip({
      tools,
      src: people,
      startS: 7.25,
      endS: 8.95,
      out,
      overlay: null,
      log: silentLogger,
    });
    expect(result.frames).toBe(17);
    expect(await frameIndices(out, W, H)).toEqual(range(73, 89));
  });

  it('cuts a video whose first frame is not at 0 (offset-start: frame i at (i+1)/30 s)', async () => {
    const out = path.join(dir, 'offset.mp4');
    const result = await exportClip({
      tools,
      src: media('offset-start.mp4'),
      startS: 0.5,
      endS: 1.0,
      out,
      overlay: null,
      log: silentLogger,
    });
    expect(result.frames).toBe(15);
    expect(result.firstFrameS).toBeCloseTo(0.5, 4);
    expect(await frameIndices(out, 384, 288)).toEqual(range(14, 28));
  });

  it('cuts a variable-frame-rate video by its real timestamps, no frame duplicated or dropped', async () => {
    // vfr.mp4: frame 2k at 0.15k s, frame 2k+1 at 0.15k + 0.1 s. [0.9, 1.5) holds frames 12…19.
    const out = path.join(dir, 'vfr.mp4');
    const result = await exportClip({
      tools,
      src: media('vfr.mp4'),
      startS: 0.9,
      endS: 1.5,
      out,
      overlay: null,
      log: silentLogger,
    });
    expect(result.frames).toBe(8);
    expect(result.durationS).toBeCloseTo(0.6, 6);
    expect(await frameIndices(out, 384, 288)).toEqual(range(12, 19));
  });

  it('clamps an event running past the end of the video, with a warning', async () => {
    const out = path.join(dir, 'clamped.mp4');
    const result = await exportClip({ tools, src: people, startS: 8, endS: 15, out, overlay: null, log: silentLogger });
    expect(result.frames).toBe(20);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/after the video's last frame/);
    expect(await frameIndices(out, W, H)).toEqual(range(80, 99));
  });

  it('refuses an event entirely outside the video', async () => {
    const out = path.join(dir, 'outside.mp4');
    await expect(
      exportClip({ tools, src: people, startS: 20, endS: 25, out, overlay: null, log: silentLogger }),
    ).rejects.toMatchObject({
      kind: 'invalid-args',
      message: expect.stringMatching(/outside the video/),
    });
    expect(existsSync(out)).toBe(false);
  });

  it('names a missing source file as not-found', async () => {
    const out = path.join(dir, 'missing.mp4');
    const error = await exportClip({
      tools,
      src: path.join(dir, 'nope.mp4'),
      startS: 0,
      endS: 1,
      out,
      overlay: null,
      log: silentLogger,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppFailure);
    expect(error).toMatchObject({ kind: 'not-found', message: expect.stringContaining('nope.mp4') });
    expect(existsSync(out)).toBe(false);
  });
});

describe('exportClip: overlay', () => {
  // One box, on source frame 25 only (no neighbour to interpolate with), track 7.
  const box = { x1: 400, y1: 300, x2: 520, y2: 460 };
  const detections: DetectionFrame[] = [
    { index: 25, pts: 2.5, boxes: [{ ...box, score: 0.9, classId: 0, trackId: 7 }] },
  ];
  const show = { boxes: true, ids: false, names: false, caption: false };

  it('draws the box on exactly its frame, and nothing far from it', async () => {
    const clean = path.join(dir, 'ov-clean.mp4');
    const annotated = path.join(dir, 'ov-annotated.mp4');
    await exportClip({ tools, src: people, startS: 2, endS: 3.5, out: clean, overlay: null, log: silentLogger });
    const result = await exportClip({
      tools,
      src: people,
      startS: 2,
      endS: 3.5,
      out: annotated,
      overlay: { detections, show, defaultColour: '#FF00FF' },
      log: silentLogger,
    });
    expect(result.maxBoxesPerFrame).toBe(1);
    expect(await frameIndices(annotated, W, H)).toEqual(range(20, 34));
    const [a, c] = await Promise.all([framesAt(annotated, W, H, [4, 5, 6]), framesAt(clean, W, H, [4, 5, 6])]);
    const at = (m: Map<number, Uint8Array>, k: number) => m.get(k) ?? new Uint8Array();
    // The outline band (2 px at 576p) on each edge of the box, on output frame 5 = source frame 25.
    const edges = [
      { x0: box.x1, y0: box.y1, x1: box.x2, y1: box.y1 + 2 },
      { x0: box.x1, y0: box.y2 - 2, x1: box.x2, y1: box.y2 },
      { x0: box.x1, y0: box.y1, x1: box.x1 + 2, y1: box.y2 },
      { x0: box.x2 - 2, y0: box.y1, x1: box.x2, y1: box.y2 },
    ];
    for (const edge of edges) expect(meanDiff(at(a, 5), at(c, 5), W, edge)).toBeGreaterThan(40);
    // Inside the box, away from its outline, and far from it: only codec noise.
    const inside = { x0: box.x1 + 10, y0: box.y1 + 10, x1: box.x2 - 10, y1: box.y2 - 10 };
    const far = { x0: 0, y0: 40, x1: 300, y1: 260 };
    expect(meanDiff(at(a, 5), at(c, 5), W, inside)).toBeLessThan(4);
    expect(meanDiff(at(a, 5), at(c, 5), W, far)).toBeLessThan(3);
    // The neighbouring frames carry no box: the overlay is timed to the frame.
    for (const k of [4, 6]) for (const edge of edges) expect(meanDiff(at(a, k), at(c, k), W, edge)).toBeLessThan(6);
  });

  it('times a one-frame box to its frame at 30 fps with a first frame at 0.033 s', async () => {
    // offset-start.mp4: frame i at (i + 1)/30 s. Source frame 18 (0.633 s) is output frame 4 of
    // 0.5–1.0 s, at 133.3 ms; frame 5 is at 166.7 ms, where cutting at frame times rounded to
    // centiseconds (170 ms) would still show frame 4's box.
    const src = media('offset-start.mp4');
    const b = { x1: 150, y1: 100, x2: 250, y2: 220 };
    const one: DetectionFrame[] = [{ index: 18, pts: 19 / 30, boxes: [{ ...b, score: 1, classId: 0, trackId: 1 }] }];
    const clean = path.join(dir, 'os-clean.mp4');
    const annotated = path.join(dir, 'os-annotated.mp4');
    await exportClip({ tools, src, startS: 0.5, endS: 1.0, out: clean, overlay: null, log: silentLogger });
    await exportClip({
      tools,
      src,
      startS: 0.5,
      endS: 1.0,
      out: annotated,
      overlay: { detections: one, show, defaultColour: '#FF00FF' },
      log: silentLogger,
    });
    const [a, c] = await Promise.all([framesAt(annotated, 384, 288, [3, 4, 5]), framesAt(clean, 384, 288, [3, 4, 5])]);
    const top = { x0: b.x1, y0: b.y1, x1: b.x2, y1: b.y1 + 2 };
    const diff = (k: number) => meanDiff(a.get(k) ?? new Uint8Array(), c.get(k) ?? new Uint8Array(), 384, top);
    expect(diff(4)).toBeGreaterThan(40);
    expect(diff(3)).toBeLessThan(6);
    expect(diff(5)).toBeLessThan(6);
  });

  it('interpolates a track between analysed frames', async () => {
    // Track 3 analysed at frames 20 and 30 moving right by 100 px: at frame 25 its left edge is at 450.
    const moving: DetectionFrame[] = [
      { index: 20, pts: 2.0, boxes: [{ x1: 400, y1: 300, x2: 480, y2: 460, score: 1, classId: 0, trackId: 3 }] },
      { index: 30, pts: 3.0, boxes: [{ x1: 500, y1: 300, x2: 580, y2: 460, score: 1, classId: 0, trackId: 3 }] },
    ];
    const clean = path.join(dir, 'ip-clean.mp4');
    const annotated = path.join(dir, 'ip-annotated.mp4');
    await exportClip({ tools, src: people, startS: 2, endS: 3, out: clean, overlay: null, log: silentLogger });
    await exportClip({
      tools,
      src: people,
      startS: 2,
      endS: 3,
      out: annotated,
      overlay: { detections: moving, show, defaultColour: '#FF00FF' },
      log: silentLogger,
    });
    const [a, c] = await Promise.all([framesAt(annotated, W, H, [5]), framesAt(clean, W, H, [5])]);
    const fa = a.get(5) ?? new Uint8Array();
    const fc = c.get(5) ?? new Uint8Array();
    expect(meanDiff(fa, fc, W, { x0: 450, y0: 320, x1: 452, y1: 440 })).toBeGreaterThan(40);
    expect(meanDiff(fa, fc, W, { x0: 400, y0: 320, x1: 402, y1: 440 })).toBeLessThan(6);
  });

  it('burns labels and a caption with fonts from a folder whose name needs filtergraph escaping', async () => {
    const fonts = path.join(dir, "fonts, a'b:c [x];d");
    await mkdir(fonts);
    await cp(defaultFontsDir(), fonts, { recursive: true });
    const out = path.join(dir, 'labels.mp4');
    const clean = path.join(dir, 'labels-clean.mp4');
    const overlay = {
      detections,
      show: { boxes: true, ids: true, names: true, caption: true },
      tracks: new Map([[7, { name: 'Smith {9} \\N', colour: '#1144FF' }]]),
      caption: 'Shot · P2 · 0:02.5',
    };
    await exportClip({ tools, src: people, startS: 2, endS: 3, out, overlay, fontsDir: fonts, log: silentLogger });
    await exportClip({ tools, src: people, startS: 2, endS: 3, out: clean, overlay: null, log: silentLogger });
    const [a, c] = await Promise.all([framesAt(out, W, H, [5]), framesAt(clean, W, H, [5])]);
    const fa = a.get(5) ?? new Uint8Array();
    const fc = c.get(5) ?? new Uint8Array();
    // The label sits just above the box; the caption in the bottom-left corner.
    expect(meanDiff(fa, fc, W, { x0: box.x1, y0: box.y1 - 14, x1: box.x1 + 60, y1: box.y1 - 2 })).toBeGreaterThan(20);
    expect(meanDiff(fa, fc, W, { x0: 20, y0: H - 36, x1: 160, y1: H - 16 })).toBeGreaterThan(20);
  });
});

describe('exportClip: cancel', () => {
  it('leaves no output, no temporary file and no ffmpeg process', async () => {
    const sub = path.join(dir, 'cancel');
    await mkdir(sub);
    const out = path.join(sub, 'cancelled.mp4');
    const controller = new AbortController();
    let pid = 0;
    const detections: DetectionFrame[] = Array.from({ length: 100 }, (_, i) => ({
      index: i,
      pts: i / 10,
      boxes: [{ x1: 100 + i, y1: 100, x2: 200 + i, y2: 300, score: 1, classId: 0, trackId: 1 }],
    }));
    const run = exportClip({
      tools,
      src: people,
      startS: 0,
      endS: 10,
      out,
      overlay: { detections, show: { boxes: true, ids: true, names: true, caption: true }, caption: 'x' },
      log: silentLogger,
      signal: controller.signal,
      onSpawn: (p) => {
        pid = p;
        setTimeout(() => controller.abort(), 300);
      },
    });
    await expect(run).rejects.toMatchObject({ kind: 'cancelled' });
    expect(pid).toBeGreaterThan(0);
    expect(alive(pid)).toBe(false);
    expect(listDir(sub)).toEqual([]);
  });
});
