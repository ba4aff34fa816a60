/**
 * How a track's box is shown between two analysed frames: one rule for the overlay and for
 * export, so a clip draws what the player drew. The video plays at its own rate while detections
 * exist only on analysed frames (stride, or a slower analysis fps); between two of them each track
 * present in both moves linearly. Nothing is extrapolated: a time outside the two frames, or two
 * frames further apart than the gap (a seek, a dropped stretch), shows no boxes.
 * Dependency-free: the renderer's allocation-free overlay uses the same pieces on packed arrays.
 */
import type { Rect, TrackedDetection } from './detection.ts';

/** Analysed frames further apart than this are a gap: a track missing that long is not guessed. */
export const MAX_INTERPOLATION_GAP_S = 1.0;

/** Two analysed frames, at t0 and t1, show boxes at t: t lies between them and the gap is not too wide. */
export function canInterpolate(t0: number, t1: number, t: number, maxGapS: number): boolean {
  return t1 >= t0 && t >= t0 && t <= t1 && t1 - t0 <= maxGapS;
}

/** How far t lies from t0 (0) to t1 (1), clamped into [0, 1]; two frames at one time give 0. */
export function interpolationWeight(t0: number, t1: number, t: number): number {
  const span = t1 - t0;
  return span > 0 ? Math.min(1, Math.max(0, (t - t0) / span)) : 0;
}

/** p at weight 0, q at weight 1. */
export function lerp(p: number, q: number, u: number): number {
  return p + (q - p) * u;
}

/** Score and class come from the nearer frame: true when that is the later one (at t1). */
export function laterIsNearer(t0: number, t1: number, t: number): boolean {
  return t - t0 > t1 - t;
}

/** The rect at time t, linear between a (at t0) and b (at t1); t is clamped into [t0, t1]. */
export function lerpRect(a: Rect, b: Rect, t0: number, t1: number, t: number): Rect {
  const u = interpolationWeight(t0, t1, t);
  return { x1: lerp(a.x1, b.x1, u), y1: lerp(a.y1, b.y1, u), x2: lerp(a.x2, b.x2, u), y2: lerp(a.y2, b.y2, u) };
}

/** What interpolation needs of an analysed frame (a DetectionFrame is one). */
export interface AnalysedFrame {
  pts: number;
  boxes: readonly TrackedDetection[];
}

/**
 * Every track present in both neighbouring analysed frames, at time t between them. Untracked
 * boxes (trackId < 0) cannot be paired and are left out.
 */
export function interpolateTracks(
  prev: AnalysedFrame,
  next: AnalysedFrame,
  t: number,
  maxGapS: number = MAX_INTERPOLATION_GAP_S,
): TrackedDetection[] {
  if (!canInterpolate(prev.pts, next.pts, t, maxGapS)) return [];
  const later = new Map<number, TrackedDetection>();
  for (const b of next.boxes) if (b.trackId >= 0) later.set(b.trackId, b);
  const nearerNext = laterIsNearer(prev.pts, next.pts, t);
  const out: TrackedDetection[] = [];
  for (const a of prev.boxes) {
    const b = a.trackId >= 0 ? later.get(a.trackId) : undefined;
    if (!b) continue;
    const near = nearerNext ? b : a;
    out.push({
      ...lerpRect(a, b, prev.pts, next.pts, t),
      trackId: a.trackId,
      classId: near.classId,
      score: near.score,
    });
  }
  return out;
}
