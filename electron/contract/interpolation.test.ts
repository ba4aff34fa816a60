import { describe, expect, it } from 'vitest';
import type { TrackedDetection } from './detection.ts';
import type { AnalysedFrame } from './interpolation.ts';
import { interpolateTracks, lerpRect } from './interpolation.ts';

const a = { x1: 0, y1: 0, x2: 10, y2: 20 };
const b = { x1: 10, y1: 20, x2: 30, y2: 60 };

describe('lerpRect', () => {
  it.each([
    { t: 1.0, want: a },
    { t: 1.5, want: { x1: 5, y1: 10, x2: 20, y2: 40 } },
    { t: 1.25, want: { x1: 2.5, y1: 5, x2: 15, y2: 30 } },
    { t: 2.0, want: b },
    { t: 0.5, want: a }, // clamped: never extrapolates
    { t: 3.0, want: b },
  ])('t = $t', ({ t, want }) => {
    expect(lerpRect(a, b, 1, 2, t)).toEqual(want);
  });

  it('returns the first box when both frames share a time', () => {
    expect(lerpRect(a, b, 1, 1, 1)).toEqual(a);
  });
});

const box = (trackId: number, x: number, score = 0.9, classId = 0): TrackedDetection => ({
  x1: x,
  y1: 0,
  x2: x + 10,
  y2: 10,
  trackId,
  classId,
  score,
});

const rounded = (g: TrackedDetection): TrackedDetection => ({ ...g, x1: round(g.x1), x2: round(g.x2) });
const round = (v: number): number => Math.round(v * 1e6) / 1e6;

describe('interpolateTracks', () => {
  const prev: AnalysedFrame = { pts: 10.0, boxes: [box(1, 0, 0.5), box(2, 100), box(-1, 50), box(3, 200)] };
  const next: AnalysedFrame = { pts: 10.2, boxes: [box(1, 20, 0.7), box(2, 80), box(-1, 55), box(4, 300)] };

  it.each([
    { name: 'three quarters (score from the nearer frame)', t: 10.15, gap: 0.5, want: [box(1, 15, 0.7), box(2, 85)] },
    { name: 'one quarter', t: 10.05, gap: 0.5, want: [box(1, 5, 0.5), box(2, 95)] },
    { name: 'at the first frame', t: 10.0, gap: 0.5, want: [box(1, 0, 0.5), box(2, 100)] },
    { name: 'at the second frame', t: 10.2, gap: 0.5, want: [box(1, 20, 0.7), box(2, 80)] },
    { name: 'before the first frame', t: 9.9, gap: 0.5, want: [] },
    { name: 'after the second frame', t: 10.3, gap: 0.5, want: [] },
    { name: 'gap larger than maxGapS', t: 10.1, gap: 0.1, want: [] },
  ])('$name', ({ t, gap, want }) => {
    expect(interpolateTracks(prev, next, t, gap).map(rounded)).toEqual(want);
  });

  it('pairs by track id, not by order, and skips untracked boxes and one-sided tracks', () => {
    const swapped: AnalysedFrame = { pts: 10.2, boxes: [box(2, 80), box(1, 20)] };
    const ids = interpolateTracks(prev, swapped, 10.05, 1).map((g) => [g.trackId, round(g.x1)]);
    expect(ids).toEqual([
      [1, 5],
      [2, 95],
    ]);
  });
});
