/**
 * Smoothed rate and ETA for a progress counter. An exponential moving average over the
 * instantaneous rate keeps the ETA from jumping with every noisy sample.
 */
export interface RateEstimate {
  rate: number; // units per second
  etaS: number | null;
}

export function createRateEstimator(smoothing = 0.3): (done: number, total: number, nowMs: number) => RateEstimate {
  let lastDone: number | null = null;
  let lastTime = 0;
  let rate = 0;
  return (done, total, nowMs) => {
    if (lastDone === null || done < lastDone) {
      lastDone = done;
      lastTime = nowMs;
      return { rate: 0, etaS: null };
    }
    const dt = (nowMs - lastTime) / 1000;
    if (dt > 0.05) {
      const instant = (done - lastDone) / dt;
      rate = rate === 0 ? instant : rate + smoothing * (instant - rate);
      lastDone = done;
      lastTime = nowMs;
    }
    const etaS = total > 0 && rate > 0 ? Math.max(0, (total - done) / rate) : null;
    return { rate, etaS };
  };
}
