import { describe, expect, it } from 'vitest';
import { decodeDetectionsWindow, encodeDetectionsWindow } from '../../../electron/contract/detections-window.ts';
import { packWindow } from '../overlay/packedWindow.ts';
import { addWindow, createActivity, peakIn } from './activity.ts';

const box = { x1: 0, y1: 0, x2: 1, y2: 1, score: 1, classId: 0, trackId: 1 };
const frame = (pts: number, n: number) => ({
  index: Math.round(pts * 10),
  pts,
  boxes: Array.from({ length: n }, () => box),
});
const win = (frames: ReturnType<typeof frame>[], t0: number, t1: number) =>
  packWindow(decodeDetectionsWindow(encodeDetectionsWindow(frames, t0, t1)));

describe('activity strip', () => {
  it('counts boxes per second from a window', () => {
    const activity = createActivity(4);
    addWindow(activity, win([frame(0, 2), frame(0.5, 3), frame(1.2, 1), frame(2, 7)], 0, 2));
    expect([...activity.bins]).toEqual([5, 1, 0, 0]);
    expect([...activity.known]).toEqual([1, 1, 0, 0]);
    expect(activity.max).toBe(5);
  });

  it('does not count a refetched window twice, nor the frame on its end boundary', () => {
    const activity = createActivity(4);
    addWindow(activity, win([frame(0.1, 2)], 0, 2));
    addWindow(activity, win([frame(0.1, 2), frame(1.5, 4), frame(2, 9)], 0, 2));
    expect([...activity.bins]).toEqual([2, 4, 0, 0]);
  });

  it('reports the peak of the known seconds in a span, −1 when none is known', () => {
    const activity = createActivity(10);
    addWindow(activity, win([frame(0.1, 2), frame(1.1, 6)], 0, 3));
    expect(peakIn(activity, 0, 2)).toBe(6);
    expect(peakIn(activity, 0.2, 0.4)).toBe(2);
    expect(peakIn(activity, 5, 6)).toBe(-1);
  });
});
