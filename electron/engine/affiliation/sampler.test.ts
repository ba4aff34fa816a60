import { describe, expect, it } from 'vitest';
import type { TrackedDetection } from '../../contract/detection.ts';
import { letterboxGeometry } from '../detect/letterbox.ts';
import { createJerseySampler } from './sampler.ts';
import { blankRink, paintPerson, RED } from './synthetic-rink.test-helper.ts';

// A 832×832 source: the model frame (416) is half its size, the still is the source itself.
const geometry = letterboxGeometry(832, 832, 416, 416, 'top-left');
const person = (trackId: number, x: number): TrackedDetection => ({
  x1: x,
  y1: 200,
  x2: x + 80,
  y2: 400,
  score: 0.9,
  classId: 0,
  trackId,
});

function framesWith(boxes: TrackedDetection[]) {
  const still = blankRink(832, 832, 'rgb');
  const model = blankRink(416, 416, 'bgr');
  for (const b of boxes) {
    paintPerson(still, b, { kind: 'solid', colour: RED });
    paintPerson(model, { x1: b.x1 / 2, y1: b.y1 / 2, x2: b.x2 / 2, y2: b.y2 / 2 }, { kind: 'solid', colour: RED });
  }
  return { still, model };
}

describe('the jersey sampler', () => {
  it('samples everyone on a still, and a track new since the last still once on the model frame', () => {
    const sampler = createJerseySampler({
      source: { width: 832, height: 832 },
      geometry,
      personClassIds: new Set([0]),
    });
    expect(sampler.stills).toMatchObject({ periodS: 0.5, width: 832, height: 832 });
    const one = [person(1, 100)];
    const { still } = framesWith(one);
    expect(sampler.sample(still, 0, 0, one).map((r) => r.trackId)).toEqual([1]);
    // Between two stills a second person appears: sampled once, on the model frame, the first not again.
    const two = [person(1, 110), person(2, 500)];
    const { model } = framesWith(two);
    expect(sampler.hasNew(two)).toBe(true);
    const fresh = sampler.sampleNew(model, 3, 0.1, two);
    expect(fresh.map((r) => r.trackId)).toEqual([2]);
    expect(fresh[0]!.a).toBeGreaterThan(30);
    expect(fresh[0]!.footX).toBeCloseTo(540 / 832, 5);
    expect(sampler.hasNew(two)).toBe(false);
    expect(sampler.sampleNew(model, 4, 0.13, two)).toEqual([]);
    // The next still samples both again.
    expect(sampler.sample(framesWith(two).still, 15, 0.5, two).map((r) => r.trackId)).toEqual([1, 2]);
  });

  it('on a resume, tracks sampled before are not new; untracked boxes and other classes never are', () => {
    const sampler = createJerseySampler({
      source: { width: 832, height: 832 },
      geometry,
      personClassIds: new Set([0]),
      afterPts: 12.3,
      sampled: [7],
    });
    expect(sampler.stills.afterPts).toBe(12.3);
    expect(sampler.hasNew([person(7, 100)])).toBe(false);
    expect(sampler.hasNew([person(-1, 100), { ...person(8, 300), classId: 32 }])).toBe(false);
    expect(sampler.hasNew([person(8, 300)])).toBe(true);
  });
});
