import type { DetectionsWindow } from '../../../electron/contract/detections-window.ts';

/**
 * One detections window in flat typed arrays, so the per-frame lookup is a binary search on pts
 * and drawing reads numbers without touching (or allocating) objects. Frames are sorted by pts.
 */
export interface PackedWindow {
  t0: number;
  t1: number;
  frameCount: number;
  pts: Float64Array;
  frameIndex: Uint32Array;
  /** Boxes of frame i are boxStart[i] … boxStart[i + 1] − 1. Length frameCount + 1. */
  boxStart: Uint32Array;
  /** x1, y1, x2, y2 per box, source-video pixels. */
  coords: Float32Array;
  score: Float32Array;
  classId: Uint8Array;
  trackId: Int32Array;
}

export function packWindow(window: DetectionsWindow): PackedWindow {
  const frames = [...window.frames].sort((a, b) => a.pts - b.pts);
  const frameCount = frames.length;
  let boxCount = 0;
  for (const frame of frames) boxCount += frame.boxes.length;
  const packed: PackedWindow = {
    t0: window.t0,
    t1: window.t1,
    frameCount,
    pts: new Float64Array(frameCount),
    frameIndex: new Uint32Array(frameCount),
    boxStart: new Uint32Array(frameCount + 1),
    coords: new Float32Array(boxCount * 4),
    score: new Float32Array(boxCount),
    classId: new Uint8Array(boxCount),
    trackId: new Int32Array(boxCount),
  };
  let at = 0;
  frames.forEach((frame, i) => {
    packed.pts[i] = frame.pts;
    packed.frameIndex[i] = frame.index;
    packed.boxStart[i] = at;
    for (const box of frame.boxes) {
      packed.coords[at * 4] = box.x1;
      packed.coords[at * 4 + 1] = box.y1;
      packed.coords[at * 4 + 2] = box.x2;
      packed.coords[at * 4 + 3] = box.y2;
      packed.score[at] = box.score;
      packed.classId[at] = box.classId;
      packed.trackId[at] = box.trackId;
      at += 1;
    }
  });
  packed.boxStart[frameCount] = at;
  return packed;
}

/** Index of the last frame with pts ≤ t, or −1 when every frame is later. O(log n). */
export function frameAtOrBefore(window: PackedWindow, t: number): number {
  let lo = 0;
  let hi = window.frameCount - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((window.pts[mid] as number) <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Index of the frame nearest to t within `tolerance` seconds, or −1. O(log n). */
export function nearestFrame(window: PackedWindow, t: number, tolerance: number): number {
  const before = frameAtOrBefore(window, t);
  let best = -1;
  let bestGap = tolerance;
  if (before >= 0) {
    const gap = t - (window.pts[before] as number);
    if (gap <= bestGap) {
      best = before;
      bestGap = gap;
    }
  }
  const after = before + 1;
  if (after < window.frameCount) {
    const gap = (window.pts[after] as number) - t;
    if (gap < bestGap || (best < 0 && gap <= tolerance)) best = after;
  }
  return best;
}
