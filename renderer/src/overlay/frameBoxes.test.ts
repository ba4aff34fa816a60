import { describe, expect, it } from 'vitest';
import type { DetectionFrame } from '../../../electron/contract/detection.ts';
import { decodeDetectionsWindow, encodeDetectionsWindow } from '../../../electron/contract/detections-window.ts';
import { createFrameBoxes, lookupFrameBoxes, type WindowSource } from './frameBoxes.ts';
import { frameAtOrBefore, nearestFrame, packWindow, type PackedWindow } from './packedWindow.ts';

const box = (x: number, track: number, classId = 0) => ({
  x1: x,
  y1: 10,
  x2: x + 20,
  y2: 50,
  score: 0.5,
  classId,
  trackId: track,
});

function packed(frames: DetectionFrame[], t0: number, t1: number): PackedWindow {
  return packWindow(decodeDetectionsWindow(encodeDetectionsWindow(frames, t0, t1)));
}

/** Windows of 1 s keyed by floor(t). */
function source(windows: Record<number, PackedWindow>): WindowSource {
  return { windowS: 1, window: (key) => windows[key] ?? null };
}

const OPTIONS = { toleranceS: 0.05, maxGapS: 0.5 };

describe('packed window lookup', () => {
  const win = packed(
    [0, 0.1, 0.2, 0.3].map((pts, index) => ({
      index,
      pts,
      boxes: [box(index * 10, 1)],
    })),
    0,
    1,
  );

  it('finds the last frame at or before t by binary search', () => {
    expect(frameAtOrBefore(win, -0.01)).toBe(-1);
    expect(frameAtOrBefore(win, 0)).toBe(0);
    expect(frameAtOrBefore(win, 0.15)).toBe(1);
    expect(frameAtOrBefore(win, 5)).toBe(3);
  });

  it('finds the nearest frame only within the tolerance', () => {
    expect(nearestFrame(win, 0.14, 0.05)).toBe(1);
    expect(nearestFrame(win, 0.16, 0.05)).toBe(2);
    expect(nearestFrame(win, 0.15, 0.01)).toBe(-1);
    expect(nearestFrame(win, 0.34, 0.05)).toBe(3);
    expect(nearestFrame(win, 0.36, 0.05)).toBe(-1);
  });

  it('keeps box fields in flat arrays, sorted by pts', () => {
    const shuffled = packed(
      [
        { index: 2, pts: 0.2, boxes: [box(5, 7, 3)] },
        { index: 1, pts: 0.1, boxes: [] },
      ],
      0,
      1,
    );
    expect([...shuffled.frameIndex]).toEqual([1, 2]);
    expect([...shuffled.boxStart]).toEqual([0, 0, 1]);
    expect([...shuffled.coords]).toEqual([5, 10, 25, 50]);
    expect(shuffled.classId[0]).toBe(3);
    expect(shuffled.trackId[0]).toBe(7);
  });
});

describe('lookupFrameBoxes', () => {
  it('takes the stored frame within half a frame of the presented pts', () => {
    const win = packed([{ index: 4, pts: 0.4, boxes: [box(100, 3), box(200, -1)] }], 0, 1);
    const out = lookupFrameBoxes(source({ 0: win }), 0.43, OPTIONS, createFrameBoxes(1));
    expect(out.source).toBe('exact');
    expect(out.frameIndex).toBe(4);
    expect(out.count).toBe(2);
    expect([...out.coords.subarray(0, 8)]).toEqual([100, 10, 120, 50, 200, 10, 220, 50]);
    expect([...out.trackId.subarray(0, 2)]).toEqual([3, -1]);
  });

  it('interpolates tracks present in both neighbours, linear in time, and drops the others', () => {
    const win = packed(
      [
        { index: 0, pts: 0.0, boxes: [box(0, 1), box(50, 2), box(80, -1)] },
        { index: 3, pts: 0.3, boxes: [box(30, 1), box(500, 9)] },
      ],
      0,
      1,
    );
    const out = lookupFrameBoxes(source({ 0: win }), 0.1, OPTIONS, createFrameBoxes());
    expect(out.source).toBe('interpolated');
    expect(out.count).toBe(1);
    expect(out.trackId[0]).toBe(1);
    expect(out.coords[0]).toBeCloseTo(10, 4);
    expect(out.coords[2]).toBeCloseTo(30, 4);
  });

  it('takes score and class from the nearer frame, as export does (one interpolation rule)', () => {
    const win = packed(
      [
        { index: 0, pts: 0.0, boxes: [{ ...box(0, 1), score: 0.25 }] },
        { index: 4, pts: 0.4, boxes: [{ ...box(40, 1, 2), score: 0.75 }] },
      ],
      0,
      1,
    );
    const early = lookupFrameBoxes(source({ 0: win }), 0.1, OPTIONS, createFrameBoxes());
    const late = lookupFrameBoxes(source({ 0: win }), 0.3, OPTIONS, createFrameBoxes());
    expect(early.source).toBe('interpolated');
    expect(early.score[0]).toBeCloseTo(0.25, 4);
    expect(late.score[0]).toBeCloseTo(0.75, 4);
    expect([early.classId[0], late.classId[0]]).toEqual([0, 2]);
    expect(late.coords[0]).toBeCloseTo(30, 4);
  });

  it('does not interpolate across a gap wider than the maximum, nor extrapolate past the ends', () => {
    const win = packed(
      [
        { index: 0, pts: 0.0, boxes: [box(0, 1)] },
        { index: 9, pts: 0.9, boxes: [box(90, 1)] },
      ],
      0,
      1,
    );
    const src = source({ 0: win });
    expect(lookupFrameBoxes(src, 0.45, OPTIONS, createFrameBoxes()).source).toBe('none');
    expect(lookupFrameBoxes(src, 0.97, OPTIONS, createFrameBoxes()).count).toBe(0);
  });

  it('interpolates across a window boundary with the neighbour window', () => {
    const a = packed([{ index: 9, pts: 0.9, boxes: [box(0, 5)] }], 0, 1);
    const b = packed([{ index: 12, pts: 1.2, boxes: [box(30, 5)] }], 1, 2);
    const src = source({ 0: a, 1: b });
    const before = lookupFrameBoxes(src, 1.0, OPTIONS, createFrameBoxes());
    expect(before.source).toBe('interpolated');
    expect(before.coords[0]).toBeCloseTo(10, 4);
    const after = lookupFrameBoxes(src, 1.1, OPTIONS, createFrameBoxes());
    expect(after.coords[0]).toBeCloseTo(20, 4);
  });

  it('says loading while the window under the playhead has not arrived', () => {
    expect(lookupFrameBoxes(source({}), 3.2, OPTIONS, createFrameBoxes()).source).toBe('loading');
  });

  it('grows its buffers for a crowded frame and keeps them', () => {
    const many = Array.from({ length: 100 }, (_, i) => box(i, i));
    const win = packed([{ index: 0, pts: 0, boxes: many }], 0, 1);
    const out = createFrameBoxes(4);
    lookupFrameBoxes(source({ 0: win }), 0, OPTIONS, out);
    expect(out.count).toBe(100);
    expect(out.trackId[99]).toBe(99);
    const buffer = out.coords;
    lookupFrameBoxes(source({ 0: win }), 0, OPTIONS, out);
    expect(out.coords).toBe(buffer);
  });
});
