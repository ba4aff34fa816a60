import type { PackedWindow } from '../overlay/packedWindow.ts';

/**
 * Boxes per second over the whole game, filled in as detection windows load. Idempotent per
 * window: a window resets the seconds it covers before adding its frames, so a refetched
 * (still-growing) window does not count twice.
 */
export interface Activity {
  binS: number;
  /** Boxes found in each bin. */
  bins: Float32Array;
  /** 1 where a window has covered the bin (0: not loaded yet, drawn as unknown). */
  known: Uint8Array;
  max: number;
}

export function createActivity(durationS: number, binS = 1): Activity {
  const n = Math.max(1, Math.ceil(durationS / binS));
  return { binS, bins: new Float32Array(n), known: new Uint8Array(n), max: 0 };
}

/** Adds a window covering [t0, t1): its frames with pts in that range. */
export function addWindow(activity: Activity, window: PackedWindow): void {
  const { binS, bins, known } = activity;
  const first = Math.max(0, Math.floor(window.t0 / binS));
  const end = Math.min(bins.length, Math.ceil(window.t1 / binS));
  for (let b = first; b < end; b++) {
    bins[b] = 0;
    known[b] = 1;
  }
  for (let i = 0; i < window.frameCount; i++) {
    const pts = window.pts[i] as number;
    if (pts < window.t0 || pts >= window.t1) continue;
    const b = Math.floor(pts / binS);
    if (b < 0 || b >= bins.length) continue;
    bins[b] = (bins[b] as number) + ((window.boxStart[i + 1] as number) - (window.boxStart[i] as number));
  }
  let max = 0;
  for (let b = 0; b < bins.length; b++) if ((bins[b] as number) > max) max = bins[b] as number;
  activity.max = max;
}

/** Largest bin in [fromS, toS): what one timeline pixel column shows when zoomed out. */
export function peakIn(activity: Activity, fromS: number, toS: number): number {
  const first = Math.max(0, Math.floor(fromS / activity.binS));
  const end = Math.min(activity.bins.length, Math.max(first + 1, Math.ceil(toS / activity.binS)));
  let peak = -1;
  for (let b = first; b < end; b++) {
    if (activity.known[b] !== 1) continue;
    const v = activity.bins[b] as number;
    if (v > peak) peak = v;
  }
  return peak;
}
