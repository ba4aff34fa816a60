/**
 * Samples this process's RSS on a timer and at frame counts, for the memory targets
 * (max < 400 MB, slope ≤ 5 MB per 10,000 frames). The slope is a least-squares fit of RSS
 * against frames done over the samples after the first 10 % of the frames: ONNX Runtime's arena
 * and SQLite's cache fill up during the first few thousand frames, and that is warm-up, not growth.
 */
export function createRssSampler(everyMs: number) {
  const samples: { frames: number; rssMb: number }[] = [];
  let frames = 0;
  let max = 0;
  const sample = () => {
    const rssMb = process.memoryUsage.rss() / 1024 / 1024;
    max = Math.max(max, rssMb);
    samples.push({ frames, rssMb });
  };
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    frame(done: number) {
      frames = done;
    },
    stop() {
      clearInterval(timer);
    },
    report() {
      sample();
      const warmUp = 0.1 * frames;
      const fit = samples.filter((s) => s.frames >= warmUp);
      const n = fit.length;
      let slope = 0;
      if (n >= 2) {
        const mx = fit.reduce((s, p) => s + p.frames, 0) / n;
        const my = fit.reduce((s, p) => s + p.rssMb, 0) / n;
        const sxy = fit.reduce((s, p) => s + (p.frames - mx) * (p.rssMb - my), 0);
        const sxx = fit.reduce((s, p) => s + (p.frames - mx) ** 2, 0);
        slope = sxx > 0 ? (sxy / sxx) * 10_000 : 0;
      }
      return {
        rss_max_mb: Number(max.toFixed(1)),
        rss_slope_mb_per_10k_frames: Number(slope.toFixed(2)),
        rss_slope_fitted_from_frame: Math.round(warmUp),
        rss_samples: samples.map((s) => [s.frames, Number(s.rssMb.toFixed(1))]),
      };
    },
  };
}
