import { describe, expect, it } from 'vitest';
import { UNLIMITED, bandwidthLimit } from './bandwidth.ts';

describe('bandwidth limit', () => {
  it('lets bytes through at the limit on average (a simulated clock)', async () => {
    let now = 0;
    const limit = bandwidthLimit(1_000_000, () => now);
    const signal = new AbortController().signal;
    const originalSetTimeout = globalThis.setTimeout;
    // Waiting advances the simulated clock instead of the real one.
    globalThis.setTimeout = ((fn: () => void, ms: number) => {
      now += ms;
      return originalSetTimeout(fn, 0);
    }) as typeof setTimeout;
    try {
      for (let i = 0; i < 40; i++) await limit.take(100_000, signal);
    } finally {
      globalThis.setTimeout = originalSetTimeout;
    }
    // 4 MB at 1 MB/s, minus the quarter second of burst the bucket starts with.
    expect(now).toBeGreaterThanOrEqual(3_700);
    expect(now).toBeLessThanOrEqual(4_100);
  });

  it('is no limit when none is set', async () => {
    expect(bandwidthLimit(null)).toBe(UNLIMITED);
    expect(bandwidthLimit(0)).toBe(UNLIMITED);
  });
});
