import { describe, expect, it } from 'vitest';
import type { Detection, TrackedDetection } from '../../contract/detection.ts';
import { createTracker, trackSequence } from './tracker.ts';

interface Walker {
  x0: number;
  y: number;
  vx: number; // px/s
  classId?: number;
  /** Time ranges (s) in which the detector misses this walker. */
  hidden?: Array<[number, number]>;
  /** Time ranges (s) in which the detector sees it only with a low score (occluded). */
  weak?: Array<[number, number]>;
}

const inside = (t: number, ranges: Array<[number, number]> | undefined): boolean =>
  (ranges ?? []).some(([a, b]) => t >= a && t <= b);

/** Detections of walkers sampled at the given pts; detection order varies so ids cannot ride on it. */
function scene(walkers: Walker[], pts: number[]): Array<{ pts: number; detections: Detection[] }> {
  return pts.map((t, frame) => {
    const detections: Detection[] = [];
    walkers.forEach((w) => {
      if (inside(t, w.hidden)) return;
      const cx = w.x0 + w.vx * t;
      detections.push({
        x1: cx - 20,
        y1: w.y - 50,
        x2: cx + 20,
        y2: w.y + 50,
        score: inside(t, w.weak) ? 0.3 : 0.9,
        classId: w.classId ?? 0,
      });
    });
    return { pts: t, detections: frame % 2 ? detections.reverse() : detections };
  });
}

const times = (fps: number, seconds: number, start = 0.0334): number[] =>
  Array.from({ length: Math.round(fps * seconds) }, (_, i) => start + i / fps);

/** Track id of the box on row y nearest to x at each frame (−2 if no box within 15 px). */
function idNear(frames: TrackedDetection[][], x: (frame: number) => number, y: number): number[] {
  return frames.map((dets, f) => {
    let best: TrackedDetection | undefined;
    for (const d of dets) {
      if (Math.abs((d.y1 + d.y2) / 2 - y) > 2) continue;
      const dx = Math.abs((d.x1 + d.x2) / 2 - x(f));
      if (dx < 15 && (!best || dx < Math.abs((best.x1 + best.x2) / 2 - x(f)))) best = d;
    }
    return best ? best.trackId : -2;
  });
}

// Two people on nearly the same line walking towards each other at 120 px/s; they fully overlap
// around t = 2 s, where the one behind is seen only with a low score and then not at all.
const crossing: Walker[] = [
  { x0: 100, y: 300, vx: 120 },
  { x0: 580, y: 310, vx: -120, weak: [[1.6, 1.85]], hidden: [[1.9, 2.2]] },
];

describe('tracker on a synthetic two-walker crossing', () => {
  it('keeps both ids through the crossing', () => {
    const pts = times(30, 4);
    const out = trackSequence(scene(crossing, pts));
    const a = idNear(out, (f) => 100 + 120 * (pts[f] ?? 0), 300);
    const b = idNear(out, (f) => 580 - 120 * (pts[f] ?? 0), 310);
    expect(a[0]).toBeGreaterThan(0);
    expect(b[0]).toBeGreaterThan(0);
    expect(a[0]).not.toBe(b[0]);
    expect(a.at(-1)).toBe(a[0]);
    expect(b.at(-1)).toBe(b[0]);
    // In between, each walker's box (when detected) never carries the other's id.
    expect(a.filter((id) => id === b[0])).toEqual([]);
    expect(b.filter((id) => id === a[0])).toEqual([]);
  });

  it('gives the same tracks and ids on every 3rd frame (stride 3)', () => {
    const pts = times(30, 4);
    const full = trackSequence(scene(crossing, pts));
    const stridedPts = pts.filter((_, i) => i % 3 === 0);
    const strided = trackSequence(scene(crossing, stridedPts));
    const ids = (frames: TrackedDetection[][], p: number[]) => [
      idNear(frames, (f) => 100 + 120 * (p[f] ?? 0), 300),
      idNear(frames, (f) => 580 - 120 * (p[f] ?? 0), 310),
    ];
    const [fa, fb] = ids(full, pts);
    const [sa, sb] = ids(strided, stridedPts);
    expect(sa?.[0]).toBe(fa?.[0]);
    expect(sb?.[0]).toBe(fb?.[0]);
    expect(sa?.at(-1)).toBe(fa?.at(-1));
    expect(sb?.at(-1)).toBe(fb?.at(-1));
    expect(new Set(full.flat().map((d) => d.trackId))).toEqual(new Set(strided.flat().map((d) => d.trackId)));
  });

  it('behaves the same at 10 fps and 30 fps because its parameters are seconds', () => {
    // A third walker disappears for 0.7 s (within lostBufferS = 1 s: keeps its id) and a fourth
    // for 1.5 s (beyond it: comes back with a new id) — at both frame rates.
    const walkers: Walker[] = [
      ...crossing,
      { x0: 50, y: 100, vx: 60, hidden: [[1.0, 1.7]] },
      { x0: 600, y: 500, vx: -60, hidden: [[1.0, 2.5]] },
    ];
    const summary = (fps: number) => {
      const pts = times(fps, 4);
      const out = trackSequence(scene(walkers, pts));
      return walkers.map((w) => {
        const ids = idNear(out, (f) => w.x0 + w.vx * (pts[f] ?? 0), w.y).filter((id) => id !== -2);
        return [...new Set(ids.filter((id) => id > 0))].length;
      });
    };
    expect(summary(10)).toEqual([1, 1, 1, 2]);
    expect(summary(30)).toEqual([1, 1, 1, 2]);
    // Variable frame rate (alternating 25 and 50 ms gaps) gives the same answer.
    const vfr: number[] = [];
    for (let t = 0.0334, i = 0; t < 4; t += i++ % 2 ? 0.05 : 0.025) vfr.push(t);
    const out = trackSequence(scene(walkers, vfr));
    const counts = walkers.map((w) => {
      const ids = idNear(out, (f) => w.x0 + w.vx * (vfr[f] ?? 0), w.y).filter((id) => id > 0);
      return new Set(ids).size;
    });
    expect(counts).toEqual([1, 1, 1, 2]);
  });

  it('keeps an occluded player through low-score boxes (the second association)', () => {
    // Seen only with score 0.3 for 1.5 s — longer than lostBufferS, so only the low-score
    // association can carry the id; such boxes never start a track of their own.
    const walkers: Walker[] = [{ x0: 100, y: 300, vx: 80, weak: [[1.0, 2.5]] }];
    for (const fps of [10, 30]) {
      const pts = times(fps, 4);
      const out = trackSequence(scene(walkers, pts));
      const ids = idNear(out, (f) => 100 + 80 * (pts[f] ?? 0), 300);
      expect(new Set(ids)).toEqual(new Set([1]));
    }
  });

  it('never matches across classes', () => {
    // A ball (class 32) passes exactly through a standing person (class 0).
    const walkers: Walker[] = [
      { x0: 300, y: 300, vx: 0 },
      { x0: 100, y: 300, vx: 100, classId: 32 },
    ];
    const out = trackSequence(scene(walkers, times(10, 4)));
    const byClass = new Map<number, Set<number>>();
    for (const d of out.flat()) {
      if (d.trackId < 0) continue;
      const set = byClass.get(d.classId) ?? new Set<number>();
      set.add(d.trackId);
      byClass.set(d.classId, set);
    }
    expect(byClass.get(0)?.size).toBe(1);
    expect(byClass.get(32)?.size).toBe(1);
    expect([...(byClass.get(0) ?? [])][0]).not.toBe([...(byClass.get(32) ?? [])][0]);
  });

  it('confirms a new track only after confirmHits and confirmS, and rejects pts going back', () => {
    const tracker = createTracker({ confirmHits: 2, confirmS: 0.15 });
    const box = (x: number): Detection => ({ x1: x, y1: 0, x2: x + 40, y2: 100, score: 0.9, classId: 0 });
    expect(tracker.update(0, [])).toEqual([]); // the first frame is empty: later births must confirm
    expect(tracker.update(0.1, [box(100)])[0]?.trackId).toBe(-1);
    expect(tracker.update(0.2, [box(102)])[0]?.trackId).toBe(-1); // 2 hits but only 0.1 s old
    expect(tracker.update(0.3, [box(104)])[0]?.trackId).toBe(1);
    expect(() => tracker.update(0.3, [])).toThrow(/must increase/);
  });
});
