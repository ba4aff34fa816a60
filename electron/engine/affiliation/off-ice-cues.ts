/**
 * Who is not on the ice without (or beside) the drawn rink region: people in the stands and on
 * the bench stand still and look small. Still: their skates barely move in the picture over
 * seconds (a camera view is fixed: the rink region is drawn per view on the same assumption).
 * Small: their box is much shorter than a skater's at the same height in the picture — the crowd
 * is farther away, and a bench player is cut at the waist by the boards. Either cue alone is not
 * enough: a goalie in his crease stands still, a far skater is small; both together are rare on
 * the ice.
 */
import type { JerseySampleRow } from './sampler.ts';

/** Samples (2 a second) needed before a track is called still: two seconds of being watched. */
export const MIN_CUE_SAMPLES = 4;
/** Skates moving less than this (fraction of the frame, 10th–90th percentile spread) are still. */
export const STILL_TRAVEL = 0.02;
/** A box shorter than this share of a skater's at the same place in the picture is small. */
export const SMALL_SIZE = 0.6;

/** One person's box on one frame, in fractions of the frame. */
export interface PersonBox {
  footY: number;
  height: number;
}

function spread(values: number[]): number {
  const s = [...values].sort((p, q) => p - q);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))]!;
  return at(0.9) - at(0.1);
}

/** How far a track's skates moved over its samples; percentiles, so one bad box does not count. */
export function travelOf(samples: readonly Pick<JerseySampleRow, 'footX' | 'footY'>[]): number {
  return Math.hypot(spread(samples.map((s) => s.footX)), spread(samples.map((s) => s.footY)));
}

/** Still: watched long enough, and its skates stayed put. */
export function isStill(samples: readonly Pick<JerseySampleRow, 'footX' | 'footY'>[]): boolean {
  return samples.length >= MIN_CUE_SAMPLES && travelOf(samples) < STILL_TRAVEL;
}

function median(values: number[]): number {
  const s = [...values].sort((p, q) => p - q);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * A skater's expected box height where the skates are, from the others on the same frames:
 * perspective makes height grow roughly linearly down the picture, so a least-squares line when
 * the others spread over the picture, else their median height.
 */
export function expectedHeight(others: readonly PersonBox[]): ((footY: number) => number) | null {
  if (others.length === 0) return null;
  const ys = others.map((o) => o.footY);
  const flat = median(others.map((o) => o.height));
  if (others.length < 3 || spread(ys) < 0.1) return () => flat;
  const my = ys.reduce((s, v) => s + v, 0) / ys.length;
  const mh = others.reduce((s, o) => s + o.height, 0) / others.length;
  let sxy = 0;
  let sxx = 0;
  for (const o of others) {
    sxy += (o.footY - my) * (o.height - mh);
    sxx += (o.footY - my) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  // A line that shrinks people towards the camera is noise (a few boxes): fall back to the median.
  if (slope <= 0) return () => flat;
  return (footY) => Math.max(flat * 0.25, mh + slope * (footY - my));
}

/** The median of a track's box height over what a skater's would be at the same place; null when unknown. */
export function relativeSize(track: readonly PersonBox[], others: readonly PersonBox[]): number | null {
  const expected = expectedHeight(others);
  if (!expected || track.length === 0) return null;
  return median(track.map((b) => b.height / expected(b.footY)));
}

/** Off the ice by the cues: still and small. */
export function offIceByCues(still: boolean, size: number | null): boolean {
  return still && size !== null && size < SMALL_SIZE;
}
