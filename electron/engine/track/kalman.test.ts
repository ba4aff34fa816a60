import { describe, expect, it } from 'vitest';
import { initiate, predict, stateOf, update, velocityOf } from './kalman.ts';

/** A box moving at (vx, vy) px/s, measured at the given times; returns the filter after the last. */
function follow(times: number[], vx: number, vy: number) {
  const at = (t: number) => ({ cx: 100 + vx * t, cy: 200 + vy * t, w: 40, h: 100 });
  let k = initiate(at(times[0] ?? 0));
  for (let i = 1; i < times.length; i++) {
    k = update(predict(k, (times[i] ?? 0) - (times[i - 1] ?? 0)), at(times[i] ?? 0));
  }
  return k;
}

const sampled = (fps: number, seconds: number) => Array.from({ length: fps * seconds + 1 }, (_, i) => i / fps);

describe('constant-velocity Kalman filter in seconds', () => {
  it.each([
    { name: '10 fps', times: sampled(10, 3) },
    { name: '30 fps', times: sampled(30, 3) },
    { name: '5 fps', times: sampled(5, 3) },
    { name: 'variable rate', times: [0, 0.02, 0.1, 0.13, 0.3, 0.31, 0.5, 0.9, 1.0, 1.4, 1.45, 2, 2.5, 3] },
  ])('learns the velocity in px/s at $name', ({ times }) => {
    const v = velocityOf(follow(times, 120, -45));
    expect(v.cx).toBeCloseTo(120, 0);
    expect(v.cy).toBeCloseTo(-45, 0);
    expect(Math.abs(v.w)).toBeLessThan(1);
  });

  it('predicts by elapsed seconds, whatever the frame rate was', () => {
    for (const fps of [10, 30]) {
      const k = follow(sampled(fps, 3), 120, -45);
      const ahead = stateOf(predict(k, 0.5));
      expect(ahead.cx).toBeCloseTo(100 + 120 * 3.5, 0);
      expect(ahead.cy).toBeCloseTo(200 - 45 * 3.5, 0);
      expect(ahead.h).toBeCloseTo(100, 1);
    }
  });

  it('does not move for dt ≤ 0 and grows its uncertainty with time', () => {
    const k = follow(sampled(10, 1), 50, 0);
    expect(predict(k, 0)).toBe(k);
    expect(predict(k, -1)).toBe(k);
    const short = predict(k, 0.1).axes[0].pxx;
    const long = predict(k, 1).axes[0].pxx;
    expect(long).toBeGreaterThan(short);
    expect(short).toBeGreaterThan(k.axes[0].pxx);
  });
});
