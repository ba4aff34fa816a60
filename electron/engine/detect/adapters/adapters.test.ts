import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../contract/errors.ts';
import { letterboxGeometry } from '../letterbox.ts';
import { decodeUltralytics } from './ultralytics.ts';
import { decodeYolox, yoloxAnchorCount } from './yolox.ts';

// Synthetic head outputs with known anchors: the decode arithmetic checked by hand, independent
// of any model (the real model is covered by accuracy.test.ts).

describe('decodeYolox', () => {
  const N = 3549;
  const R = 85;
  const g = letterboxGeometry(1920, 1080, 416, 416, 'top-left');
  const r = 416 / 1920;

  function output(): Float32Array {
    return new Float32Array(N * R);
  }
  function setAnchor(out: Float32Array, i: number, t: number[], obj: number, cls: number, clsScore: number): void {
    out.set(t, i * R);
    out[i * R + 4] = obj;
    out[i * R + 5 + cls] = clsScore;
  }

  it('decodes grid offsets, stride and exp sizes, then undoes the letterbox', () => {
    const out = output();
    // stride 8 level, gx=10, gy=5 → anchor 5*52+10
    setAnchor(out, 5 * 52 + 10, [0.5, 0.5, Math.log(4), Math.log(8)], 0.9, 32, 0.8);
    // stride 32 level, gx=3, gy=2 → anchor 2704+676 + 2*13+3
    setAnchor(out, 2704 + 676 + 2 * 13 + 3, [0, 0, 0, 0], 0.5, 0, 0.7);
    const boxes = decodeYolox(out, [1, N, R], g, { score: 0.3 });
    expect(boxes).toHaveLength(2);
    const [ball, person] = boxes;
    // cx = 10.5*8 = 84, cy = 5.5*8 = 44, w = 32, h = 64 (input pixels)
    expect(ball?.classId).toBe(32);
    expect(ball?.score).toBeCloseTo(0.72, 6);
    expect(ball?.x1).toBeCloseTo(68 / r, 3);
    expect(ball?.y1).toBeCloseTo(12 / r, 3);
    expect(ball?.x2).toBeCloseTo(100 / r, 3);
    expect(ball?.y2).toBeCloseTo(76 / r, 3);
    // cx = 3*32 = 96, cy = 2*32 = 64, w = h = 32
    expect(person?.classId).toBe(0);
    expect(person?.x1).toBeCloseTo(80 / r, 3);
    expect(person?.y2).toBeCloseTo(80 / r, 3);
  });

  it('skips low objectness without looking at classes, applies the score and class filters', () => {
    const out = output();
    setAnchor(out, 100, [0, 0, 0, 0], 0.2, 0, 1); // obj below threshold
    setAnchor(out, 200, [0, 0, 0, 0], 0.5, 0, 0.5); // 0.25 < 0.3
    setAnchor(out, 300, [0, 0, 0, 0], 0.9, 2, 0.9); // car
    expect(decodeYolox(out, [1, N, R], g, { score: 0.3 }).map((b) => b.classId)).toEqual([2]);
    expect(decodeYolox(out, [1, N, R], g, { score: 0.3, classes: new Set([0, 32]) })).toEqual([]);
  });

  it('clips to the frame and drops boxes that lie in the padding', () => {
    const out = output();
    setAnchor(out, 0, [-2, -2, Math.log(4), Math.log(4)], 0.9, 0, 0.9); // around (-8,-8): clipped to 0
    // stride 8, gy = 40 → y = 324 input px > 234 (1080*r): entirely in the bottom padding
    setAnchor(out, 40 * 52 + 5, [0, 0, 0, 0], 0.9, 0, 0.9);
    const boxes = decodeYolox(out, [1, N, R], g, { score: 0.3 });
    expect(boxes).toHaveLength(1);
    expect(boxes[0]?.x1).toBe(0);
    expect(boxes[0]?.y1).toBe(0);
  });

  it('refuses an output that does not fit the input size', () => {
    expect(() => decodeYolox(new Float32Array(10 * R), [1, 10, R], g, { score: 0.3 })).toThrow(AppFailure);
    expect(yoloxAnchorCount(640, 640)).toBe(8400);
  });
});

describe('decodeUltralytics', () => {
  const N = 8400;
  const C = 84;
  const g = letterboxGeometry(548, 342, 640, 640, 'center'); // padY 120
  const r = 640 / 548;

  function setAnchor(out: Float32Array, j: number, box: number[], scores: Record<number, number>): void {
    box.forEach((v, k) => (out[k * N + j] = v));
    for (const [c, s] of Object.entries(scores)) out[(4 + Number(c)) * N + j] = s;
  }

  it('takes the best class per anchor and undoes the centred letterbox', () => {
    const out = new Float32Array(C * N);
    setAnchor(out, 1234, [320, 320, 100, 50], { 0: 0.9, 5: 0.4 });
    setAnchor(out, 5000, [100, 200, 20, 20], { 0: 0.2, 32: 0.6 });
    setAnchor(out, 7000, [100, 200, 20, 20], { 1: 0.29 });
    const boxes = decodeUltralytics(out, [1, C, N], g, { score: 0.3 });
    expect(boxes.map((b) => [b.classId, b.score])).toEqual([
      [0, expect.closeTo(0.9, 6)],
      [32, expect.closeTo(0.6, 6)],
    ]);
    const p = boxes[0];
    expect(p?.x1).toBeCloseTo(270 / r, 3);
    expect(p?.y1).toBeCloseTo((295 - 120) / r, 3);
    expect(p?.x2).toBeCloseTo(370 / r, 3);
    expect(p?.y2).toBeCloseTo((345 - 120) / r, 3);
    expect(decodeUltralytics(out, [1, C, N], g, { score: 0.3, classes: new Set([32]) })).toHaveLength(1);
  });

  it('gives the same result on repeated calls (its scratch buffers are reused)', () => {
    const out = new Float32Array(C * N);
    setAnchor(out, 10, [320, 320, 100, 50], { 3: 0.8 });
    const first = decodeUltralytics(out, [1, C, N], g, { score: 0.3 });
    const empty = decodeUltralytics(new Float32Array(C * N), [1, C, N], g, { score: 0.3 });
    expect(empty).toEqual([]);
    expect(decodeUltralytics(out, [1, C, N], g, { score: 0.3 })).toEqual(first);
  });

  it('refuses a malformed shape', () => {
    expect(() => decodeUltralytics(new Float32Array(12), [1, 3, 4], g, { score: 0.3 })).toThrow(AppFailure);
  });
});
