import { describe, expect, it } from 'vitest';
import type { DetectionFrame } from '../../contract/detection.ts';
import type { DetectionsMeta } from './json.ts';
import { fromJson, toJson } from './json.ts';

const meta: DetectionsMeta = {
  version: 1,
  video: { path: 'clip.mp4', sha256: 'ab'.repeat(32), width: 1920, height: 1088, frames: 50, duration: 1.667 },
  model: {
    name: 'yolox_nano_416_coco',
    sha256: 'cd'.repeat(32),
    input: [416, 416],
    classes: ['person', 'sports ball'],
  },
  run: { ep: 'cpu', stride: 1, threads: 1, score: 0.3, nms: 0.45 },
};
const frames: DetectionFrame[] = [
  { index: 0, pts: 0.0334, boxes: [{ x1: 1.5, y1: 2, x2: 30.25, y2: 80, score: 0.91, classId: 0, trackId: 3 }] },
  { index: 1, pts: 0.0667, boxes: [] },
  { index: 2, pts: 0.1, boxes: [{ x1: 5, y1: 6, x2: 7, y2: 8, score: 0.4, classId: 1, trackId: -1 }] },
];

describe('detections JSON interchange', () => {
  it('writes the shape of docs/formats.md and reads it back exactly', () => {
    const text = toJson(meta, frames);
    const raw = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(raw)).toEqual(['version', 'video', 'model', 'run', 'frames']);
    expect((raw['frames'] as unknown[])[0]).toEqual({ i: 0, t: 0.0334, boxes: [[1.5, 2, 30.25, 80, 0.91, 0, 3]] });
    expect(fromJson(text)).toEqual({ meta, frames });
    expect(fromJson(raw)).toEqual({ meta, frames });
  });

  it.each([
    { name: 'not JSON', input: '{', error: /not valid JSON/ },
    { name: 'another version', input: { ...JSON.parse(toJson(meta, frames)), version: 2 }, error: /version 1/ },
    {
      name: 'a box with six numbers',
      input: { ...JSON.parse(toJson(meta, [])), frames: [{ i: 0, t: 0, boxes: [[1, 2, 3, 4, 0.5, 0]] }] },
      error: /version 1/,
    },
    {
      name: 'frame indices going back',
      input: {
        ...JSON.parse(toJson(meta, [])),
        frames: [
          { i: 2, t: 0, boxes: [] },
          { i: 1, t: 0.1, boxes: [] },
        ],
      },
      error: /version 1/,
    },
  ])('rejects $name as invalid input', ({ input, error }) => {
    expect(() => fromJson(input)).toThrow(error);
    try {
      fromJson(input);
    } catch (e) {
      expect(e).toMatchObject({ kind: 'invalid-args' });
    }
  });

  it('refuses to write what it could not read back', () => {
    const bad = [{ index: 0, pts: Number.NaN, boxes: [] }];
    expect(() => toJson(meta, bad)).toThrow(/cannot be written/);
  });
});
