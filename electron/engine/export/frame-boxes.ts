/**
 * The boxes to draw on each frame of a clip. Detections exist only on analysed frames (stride, a
 * slower analysis fps); a frame in between gets each track's box interpolated linearly from its
 * two analysed neighbours by the overlay's own rule (electron/contract/interpolation.ts), nothing
 * extrapolated.
 */
import type { DetectionFrame, TrackedDetection } from '../../contract/detection.ts';
import { interpolateTracks, MAX_INTERPOLATION_GAP_S } from '../../contract/interpolation.ts';

/** A frame's pts and an analysed frame's pts are the same frame when closer than this. */
const SAME_FRAME_S = 0.0005;

/** Index of the last frame with pts ≤ t, or −1. `frames` sorted by pts. */
function lastAtOrBefore(frames: readonly DetectionFrame[], t: number): number {
  let lo = 0;
  let hi = frames.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((frames[mid]?.pts ?? Infinity) <= t) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** Boxes at source time `t`: the analysed frame's own boxes, else tracks interpolated. */
export function boxesAt(
  frames: readonly DetectionFrame[],
  t: number,
  maxGapS = MAX_INTERPOLATION_GAP_S,
): TrackedDetection[] {
  const i = lastAtOrBefore(frames, t + SAME_FRAME_S);
  const prev = i >= 0 ? frames[i] : undefined;
  if (prev && Math.abs(prev.pts - t) <= SAME_FRAME_S) return prev.boxes;
  const next = frames[i + 1];
  if (!prev || !next) return [];
  return interpolateTracks(prev, next, t, maxGapS);
}

/** Boxes for every clip frame, `times` being the frames' source pts in seconds. */
export function boxesForFrames(
  frames: readonly DetectionFrame[],
  times: readonly number[],
  maxGapS = MAX_INTERPOLATION_GAP_S,
): TrackedDetection[][] {
  const sorted = isSortedByPts(frames) ? frames : [...frames].sort((a, b) => a.pts - b.pts);
  return times.map((t) => boxesAt(sorted, t, maxGapS));
}

function isSortedByPts(frames: readonly DetectionFrame[]): boolean {
  for (let k = 1; k < frames.length; k++) if ((frames[k]?.pts ?? 0) < (frames[k - 1]?.pts ?? 0)) return false;
  return true;
}
