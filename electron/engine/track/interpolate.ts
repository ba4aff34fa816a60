/**
 * Box interpolation for display: the video plays at its own rate while detections exist only on
 * analysed frames (stride, or a slower analysis fps). Between two analysed frames the overlay
 * moves each track's box linearly. Nothing is extrapolated: a time outside the two frames, or two
 * frames further apart than maxGapS (a seek gap, a dropped stretch), gives no boxes.
 */

export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface TrackBox extends Box {
  trackId: number;
  classId: number;
  score: number;
}

export interface AnalysedFrame {
  /** Presentation time in seconds. */
  pts: number;
  boxes: readonly TrackBox[];
}

/** The box at time t, linear between a (at t0) and b (at t1); t is clamped into [t0, t1]. */
export function lerpBox(a: Box, b: Box, t0: number, t1: number, t: number): Box {
  const span = t1 - t0;
  const u = span > 0 ? Math.min(1, Math.max(0, (t - t0) / span)) : 0;
  const mix = (p: number, q: number): number => p + (q - p) * u;
  return { x1: mix(a.x1, b.x1), y1: mix(a.y1, b.y1), x2: mix(a.x2, b.x2), y2: mix(a.y2, b.y2) };
}

/**
 * Every track present in both neighbouring analysed frames, at time t between them. Score and
 * class come from the nearer frame. Untracked boxes (trackId < 0) cannot be paired and are left out.
 */
export function interpolateTracks(prev: AnalysedFrame, next: AnalysedFrame, t: number, maxGapS: number): TrackBox[] {
  if (!(next.pts >= prev.pts) || t < prev.pts || t > next.pts) return [];
  if (next.pts - prev.pts > maxGapS) return [];
  const later = new Map<number, TrackBox>();
  for (const b of next.boxes) if (b.trackId >= 0) later.set(b.trackId, b);
  const nearerNext = t - prev.pts > next.pts - t;
  const out: TrackBox[] = [];
  for (const a of prev.boxes) {
    const b = a.trackId >= 0 ? later.get(a.trackId) : undefined;
    if (!b) continue;
    const near = nearerNext ? b : a;
    out.push({ ...lerpBox(a, b, prev.pts, next.pts, t), trackId: a.trackId, classId: near.classId, score: near.score });
  }
  return out;
}
