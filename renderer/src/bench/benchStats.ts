/**
 * Timing samples for the UI benchmark (tests/bench/ui-bench.spec.ts), fed by the overlay's and
 * the timeline's onPaint taps and off unless the bench turns them on: no allocation per draw.
 */
export interface Samples {
  enabled: boolean;
  /** When timing was last turned on (performance.now()); Infinity while off. */
  enabledAt: number;
  values: Float64Array;
  count: number;
}

function samples(capacity: number): Samples {
  return { enabled: false, enabledAt: Infinity, values: new Float64Array(capacity), count: 0 };
}

export function record(target: Samples, ms: number): void {
  if (!target.enabled || target.count >= target.values.length) return;
  target.values[target.count++] = ms;
}

export function reset(target: Samples, enabled: boolean): void {
  target.count = 0;
  target.enabled = enabled;
  target.enabledAt = enabled ? performance.now() : Infinity;
}

export function summary(target: Pick<Samples, 'values' | 'count'>): {
  count: number;
  p50: number;
  p95: number;
  max: number;
} {
  const sorted = Array.from(target.values.subarray(0, target.count)).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? NaN };
}

export const benchStats = {
  /** From a requestVideoFrameCallback to that frame's boxes drawn (or, when its window was not loaded yet, to the draw after it arrives). */
  callbackToDrawn: samples(4096),
  /** Timeline paint (rAF) duration. */
  timelinePaint: samples(4096),
};
