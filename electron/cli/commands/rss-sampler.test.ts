import { describe, expect, it } from 'vitest';
import { createRssSampler } from './rss-sampler.ts';

describe('RSS sampler', () => {
  it('reports the maximum, the samples and a slope fitted after the warm-up', () => {
    const sampler = createRssSampler(60_000);
    sampler.frame(100);
    const report = sampler.report();
    sampler.stop();
    expect(report.rss_max_mb).toBeGreaterThan(10);
    expect(report.rss_samples.at(-1)?.[0]).toBe(100);
    expect(report.rss_slope_fitted_from_frame).toBe(10);
    // One sample after the warm-up: no line to fit, so no slope is claimed.
    expect(report.rss_slope_mb_per_10k_frames).toBe(0);
  });
});
