import { describe, expect, it } from 'vitest';
import type { DetectionFrame } from '../../contract/detection.ts';
import { decodeDetectionsWindow } from '../../contract/detections-window.ts';
import { detectionsWindowBuffer } from './window.ts';

const frames: DetectionFrame[] = Array.from({ length: 90 }, (_, i) => ({
  index: i * 3,
  pts: 0.0334 + i * 0.1,
  boxes: Array.from({ length: i % 4 }, (_, k) => ({
    x1: 10.25 * k,
    y1: 20.5,
    x2: 30.75 + k,
    y2: 90,
    score: k / 5, // multiples of 1/5 are exact in 1/65535 steps
    classId: k,
    trackId: k === 0 ? -1 : 100 + k,
  })),
}));

describe('detections window for the renderer', () => {
  it('is one buffer the contract decoder reads back exactly', () => {
    const buffer = detectionsWindowBuffer(frames.slice(10, 20), 1.0, 2.0);
    expect(buffer).toBeInstanceOf(ArrayBuffer);
    expect(buffer.byteLength).toBe(32 + 10 * 16 + frames.slice(10, 20).reduce((n, f) => n + f.boxes.length * 16, 0));
    expect(decodeDetectionsWindow(buffer)).toEqual({ t0: 1.0, t1: 2.0, frames: frames.slice(10, 20) });
  });

  it('an empty window is a valid buffer', () => {
    expect(decodeDetectionsWindow(detectionsWindowBuffer([], 5, 6))).toEqual({ t0: 5, t1: 6, frames: [] });
  });

  it('refuses frames the records cannot hold', () => {
    expect(() => detectionsWindowBuffer([{ index: -1, pts: 0, boxes: [] }], 0, 1)).toThrow(/uint32/);
  });
});
