/**
 * When each output frame's overlay is on screen, in ASS centiseconds.
 *
 * The `ass` filter asks libass for the picture at the frame's time in whole milliseconds
 * (pts × time_base × 1000, truncated), and libass shows an event when start ≤ t < end. ASS times
 * only have centiseconds, so an interval cut exactly at a frame's time could round onto the wrong
 * frame. Instead frame k (at τ_k, seconds from the clip's first frame) owns the interval between
 * the midpoints (τ_{k−1}+τ_k)/2 … (τ_k+τ_{k+1})/2: each boundary sits half a frame away from
 * both neighbours, so rounding it to a centisecond cannot cross a frame. Where the rounded
 * midpoint would land within 1 ms of a frame (above ~100 fps), the boundary is moved to the
 * nearest centisecond strictly between the two frames when there is one.
 */

/**
 * Boundaries in centiseconds: frame k is shown from `b[k]` to `b[k + 1]`. `b[0]` is 0 and the last
 * boundary lies well after the last frame, so the final frame keeps its overlay to the end.
 * `times` are the output frames' times in seconds, ascending, the first normally 0.
 */
export function frameBoundariesCs(times: readonly number[]): number[] {
  const n = times.length;
  if (n === 0) return [0];
  const bounds: number[] = [0];
  for (let k = 1; k < n; k++) {
    const prev = times[k - 1] ?? 0;
    const cur = times[k] ?? prev;
    bounds.push(boundaryCs(prev, cur));
  }
  const last = times[n - 1] ?? 0;
  // Beyond the last frame nothing is rendered, so any later end works; one second is plenty.
  bounds.push(Math.ceil(last * 100) + 100);
  // Never let a boundary go backwards (duplicate timestamps): libass would drop the event.
  for (let k = 1; k < bounds.length; k++) bounds[k] = Math.max(bounds[k] ?? 0, bounds[k - 1] ?? 0);
  return bounds;
}

/** The centisecond between frames at `a` and `b` seconds (a < b). */
export function boundaryCs(a: number, b: number): number {
  const mid = Math.round(((a + b) / 2) * 100);
  // Milliseconds libass will be asked for at each frame, with a 1 ms guard against float error.
  const lo = a * 1000 + 1;
  const hi = b * 1000 - 1;
  if (mid * 10 >= lo && mid * 10 <= hi) return mid;
  const first = Math.ceil(lo / 10);
  if (first * 10 <= hi) return first;
  return mid;
}

/** A frame's overlay interval; empty (start = end) only for duplicate timestamps. */
export interface FrameSpan {
  startCs: number;
  endCs: number;
}

export function frameSpans(times: readonly number[]): FrameSpan[] {
  const b = frameBoundariesCs(times);
  return times.map((_, k) => ({ startCs: b[k] ?? 0, endCs: b[k + 1] ?? 0 }));
}
