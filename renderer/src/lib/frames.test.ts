import { describe, expect, it } from 'vitest';
import { clampFrame, frameCovering, frameIndexAt, frameStartTime, seekTimeForFrame } from './frames.ts';

const hockey = { fps: 30, firstFrameTimeS: 0.0334, frameCount: 50 };
const fixture = { fps: 10, firstFrameTimeS: 0, frameCount: 100 };
const ntsc = { fps: 30000 / 1001, firstFrameTimeS: 0, frameCount: 1000 };

describe('frameIndexAt', () => {
  it('counts from the first frame, not from 0', () => {
    expect(frameIndexAt(hockey, 0.0334)).toBe(0);
    expect(frameIndexAt(hockey, 0.0334 + 1 / 30)).toBe(1);
    expect(frameIndexAt(hockey, 0.0334 + 49 / 30)).toBe(49);
  });

  it('rounds small pts noise to the nearest frame', () => {
    expect(frameIndexAt(fixture, 0.29999)).toBe(3);
    expect(frameIndexAt(fixture, 0.30001)).toBe(3);
  });

  it('clamps to the clip', () => {
    expect(frameIndexAt(hockey, 0)).toBe(0);
    expect(frameIndexAt(hockey, 100)).toBe(49);
  });

  it('answers 0 when fps is unknown', () => {
    expect(frameIndexAt({ fps: 0, firstFrameTimeS: 0, frameCount: 10 }, 3)).toBe(0);
  });
});

describe('seekTimeForFrame', () => {
  it('aims inside the frame, past its start', () => {
    expect(seekTimeForFrame(fixture, 3)).toBeCloseTo(0.325, 9);
    expect(seekTimeForFrame(hockey, 0)).toBeCloseTo(0.0334 + 0.25 / 30, 9);
  });

  it('lands back on the same frame index for every frame (round trip)', () => {
    for (const timing of [hockey, fixture, ntsc]) {
      for (let k = 0; k < timing.frameCount; k += 1) {
        expect(frameIndexAt(timing, frameStartTime(timing, k))).toBe(k);
        expect(frameCovering(timing, seekTimeForFrame(timing, k))).toBe(k);
      }
    }
  });

  it('clamps beyond the ends', () => {
    expect(seekTimeForFrame(fixture, -4)).toBeCloseTo(0.025, 9);
    expect(seekTimeForFrame(fixture, 1000)).toBeCloseTo(9.925, 9);
  });
});

describe('frameCovering', () => {
  it('maps a typed time to the frame showing then', () => {
    expect(frameCovering(fixture, 0.35)).toBe(3);
    expect(frameCovering(fixture, 0.3)).toBe(3);
    expect(frameCovering(hockey, 0.0334)).toBe(0);
    expect(frameCovering(hockey, 0.01)).toBe(0);
  });
});

describe('clampFrame', () => {
  it('keeps an empty clip at frame 0', () => {
    expect(clampFrame({ fps: 10, firstFrameTimeS: 0, frameCount: 0 }, 5)).toBe(0);
  });
});
