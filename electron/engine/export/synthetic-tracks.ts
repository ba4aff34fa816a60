/**
 * Moving, tracked boxes made up for the export benchmark (and tests), so the overlay's cost can be
 * measured on any video without running detection: the bench measures drawing, not detecting.
 * Deterministic: the same frame times give the same boxes.
 */
import type { DetectionFrame } from '../../contract/detection.ts';

export interface SyntheticTracksOptions {
  width: number;
  height: number;
  /** Source pts of the frames to fill. */
  times: readonly number[];
  /** Boxes (tracks) per frame. */
  tracks: number;
}

/** Player-sized boxes (≈3.5 % × 14 % of the picture) on Lissajous paths, each its own track id. */
export function syntheticTracks(o: SyntheticTracksOptions): DetectionFrame[] {
  const bw = Math.max(8, Math.round(o.width * 0.035));
  const bh = Math.max(16, Math.round(o.height * 0.14));
  return o.times.map((t, index) => ({
    index,
    pts: t,
    boxes: Array.from({ length: o.tracks }, (_, k) => {
      // Each track has its own speed and phase so boxes cross and never move in lockstep.
      const fx = 0.11 + 0.017 * k;
      const fy = 0.07 + 0.013 * k;
      const cx = (o.width - bw) * (0.5 + 0.45 * Math.sin(2 * Math.PI * fx * t + k));
      const cy = (o.height - bh) * (0.5 + 0.4 * Math.cos(2 * Math.PI * fy * t + 2 * k));
      return { x1: cx, y1: cy, x2: cx + bw, y2: cy + bh, score: 0.9, classId: 0, trackId: k + 1 };
    }),
  }));
}
