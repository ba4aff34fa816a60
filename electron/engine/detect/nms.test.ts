import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Detection } from '../../contract/detection.ts';
import { iou } from './box.ts';
import { nms } from './nms.ts';

const boxArb: fc.Arbitrary<Detection> = fc
  .record({
    x: fc.integer({ min: 0, max: 200 }),
    y: fc.integer({ min: 0, max: 200 }),
    w: fc.integer({ min: 1, max: 80 }),
    h: fc.integer({ min: 1, max: 80 }),
    score: fc.double({ min: 0.01, max: 1, noNaN: true }),
    classId: fc.integer({ min: 0, max: 2 }),
  })
  .map(({ x, y, w, h, score, classId }) => ({ x1: x, y1: y, x2: x + w, y2: y + h, score, classId }));

const boxesArb = fc.array(boxArb, { maxLength: 40 });
const thresholdArb = fc.double({ min: 0.05, max: 0.95, noNaN: true });

describe('nms (properties)', () => {
  it('keeps a subset of the input', () => {
    fc.assert(
      fc.property(boxesArb, thresholdArb, (boxes, t) => {
        for (const k of nms(boxes, t)) expect(boxes).toContain(k);
      }),
    );
  });

  it('never keeps two boxes of the same class overlapping above the threshold', () => {
    fc.assert(
      fc.property(boxesArb, thresholdArb, (boxes, t) => {
        const kept = nms(boxes, t);
        for (let i = 0; i < kept.length; i++) {
          for (let j = i + 1; j < kept.length; j++) {
            const a = kept[i] as Detection;
            const b = kept[j] as Detection;
            if (a.classId === b.classId) expect(iou(a, b)).toBeLessThanOrEqual(t);
          }
        }
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(boxesArb, thresholdArb, (boxes, t) => {
        const once = nms(boxes, t);
        expect(nms(once, t)).toEqual(once);
      }),
    );
  });

  it('always keeps the highest-scoring box', () => {
    fc.assert(
      fc.property(fc.array(boxArb, { minLength: 1, maxLength: 40 }), thresholdArb, (boxes, t) => {
        const top = Math.max(...boxes.map((b) => b.score));
        expect(nms(boxes, t).some((b) => b.score === top)).toBe(true);
      }),
    );
  });

  it('is class-aware: each class is suppressed as if alone', () => {
    fc.assert(
      fc.property(boxesArb, thresholdArb, (boxes, t) => {
        const kept = nms(boxes, t);
        for (const c of [0, 1, 2]) {
          const alone = nms(
            boxes.filter((b) => b.classId === c),
            t,
          );
          expect(kept.filter((b) => b.classId === c)).toEqual(alone);
        }
      }),
    );
  });

  it('does not modify its input and returns boxes by descending score', () => {
    fc.assert(
      fc.property(boxesArb, thresholdArb, (boxes, t) => {
        const copy = structuredClone(boxes);
        const kept = nms(boxes, t);
        expect(boxes).toEqual(copy);
        for (let i = 1; i < kept.length; i++)
          expect((kept[i - 1] as Detection).score).toBeGreaterThanOrEqual((kept[i] as Detection).score);
      }),
    );
  });
});

describe('nms (examples)', () => {
  const a: Detection = { x1: 0, y1: 0, x2: 10, y2: 10, score: 0.9, classId: 0 };
  const b: Detection = { x1: 1, y1: 1, x2: 11, y2: 11, score: 0.8, classId: 0 }; // IoU 81/119 = 0.68
  it('suppresses an overlapping lower-score box of the same class only', () => {
    expect(nms([b, a], 0.45)).toEqual([a]);
    expect(nms([b, a], 0.7)).toEqual([a, b]);
    expect(nms([a, { ...b, classId: 1 }], 0.45)).toHaveLength(2);
  });
});
