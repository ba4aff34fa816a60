import { canInterpolate, interpolationWeight, laterIsNearer, lerp } from '../../../electron/contract/interpolation.ts';
import { frameAtOrBefore, type PackedWindow } from './packedWindow.ts';

/**
 * The boxes to draw for one presented frame, in source pixels. Reused from draw to draw: it grows
 * (rarely) but is never reallocated per frame, so drawing at 60 Hz makes no garbage.
 */
export interface FrameBoxes {
  count: number;
  coords: Float32Array;
  classId: Uint8Array;
  trackId: Int32Array;
  score: Float32Array;
  /** Stored frame index drawn, −1 when interpolated or nothing found. */
  frameIndex: number;
  /** 'exact' a stored frame within half a frame; 'interpolated' between two; 'none'; 'loading'. */
  source: 'exact' | 'interpolated' | 'none' | 'loading';
}

export function createFrameBoxes(capacity = 64): FrameBoxes {
  return {
    count: 0,
    coords: new Float32Array(capacity * 4),
    classId: new Uint8Array(capacity),
    trackId: new Int32Array(capacity),
    score: new Float32Array(capacity),
    frameIndex: -1,
    source: 'none',
  };
}

function reserve(out: FrameBoxes, n: number): void {
  if (out.classId.length >= n) return;
  const grown = createFrameBoxes(Math.max(n, out.classId.length * 2));
  out.coords = grown.coords;
  out.classId = grown.classId;
  out.trackId = grown.trackId;
  out.score = grown.score;
}

/** Where windows are looked up: by key, allocation-free (see windowCache.ts). */
export interface WindowSource {
  readonly windowS: number;
  window(key: number): PackedWindow | null;
}

export interface LookupOptions {
  /** Half the video's frame duration: a stored frame this close to the presented pts is "it". */
  toleranceS: number;
  /** No interpolation across a gap wider than this (the app passes MAX_INTERPOLATION_GAP_S). */
  maxGapS: number;
}

// Frame references found by the lookup; module-level scratch keeps the draw path allocation-free.
let beforeWindow: PackedWindow | null = null;
let beforeFrame = -1;
let afterWindow: PackedWindow | null = null;
let afterFrame = -1;

function findNeighbours(source: WindowSource, t: number): boolean {
  const key = Math.floor(Math.max(0, t) / source.windowS);
  const here = source.window(key);
  beforeWindow = afterWindow = null;
  beforeFrame = afterFrame = -1;
  if (!here) return false;
  const b = frameAtOrBefore(here, t);
  if (b >= 0) {
    beforeWindow = here;
    beforeFrame = b;
  } else {
    const previous = key > 0 ? source.window(key - 1) : null;
    if (previous && previous.frameCount > 0) {
      beforeWindow = previous;
      beforeFrame = previous.frameCount - 1;
    }
  }
  if (b + 1 < here.frameCount) {
    afterWindow = here;
    afterFrame = b + 1;
  } else {
    const next = source.window(key + 1);
    if (next && next.frameCount > 0) {
      // Windows include both ends: the next window may start with the very frame we already have.
      const first = (next.pts[0] as number) <= t ? 1 : 0;
      if (first < next.frameCount) {
        afterWindow = next;
        afterFrame = first;
      }
    }
  }
  return true;
}

function copyFrame(out: FrameBoxes, window: PackedWindow, frame: number): void {
  const start = window.boxStart[frame] as number;
  const end = window.boxStart[frame + 1] as number;
  reserve(out, end - start);
  out.coords.set(window.coords.subarray(start * 4, end * 4));
  out.classId.set(window.classId.subarray(start, end));
  out.trackId.set(window.trackId.subarray(start, end));
  out.score.set(window.score.subarray(start, end));
  out.count = end - start;
  out.frameIndex = window.frameIndex[frame] as number;
  out.source = 'exact';
}

/**
 * Tracks present in both stored frames, at time t between them, by the contract's interpolation
 * rule (the one export uses) applied to the packed arrays; the others are not drawn.
 */
function interpolate(out: FrameBoxes, a: PackedWindow, fa: number, b: PackedWindow, fb: number, t: number): void {
  const ta = a.pts[fa] as number;
  const tb = b.pts[fb] as number;
  const u = interpolationWeight(ta, tb, t);
  const fromLater = laterIsNearer(ta, tb, t);
  const aStart = a.boxStart[fa] as number;
  const aEnd = a.boxStart[fa + 1] as number;
  const bStart = b.boxStart[fb] as number;
  const bEnd = b.boxStart[fb + 1] as number;
  reserve(out, aEnd - aStart);
  let n = 0;
  for (let i = aStart; i < aEnd; i++) {
    const track = a.trackId[i] as number;
    if (track < 0) continue;
    let j = bStart;
    while (j < bEnd && b.trackId[j] !== track) j++;
    if (j === bEnd) continue;
    for (let c = 0; c < 4; c++) {
      out.coords[n * 4 + c] = lerp(a.coords[i * 4 + c] as number, b.coords[j * 4 + c] as number, u);
    }
    out.classId[n] = (fromLater ? b.classId[j] : a.classId[i]) as number;
    out.trackId[n] = track;
    out.score[n] = (fromLater ? b.score[j] : a.score[i]) as number;
    n++;
  }
  out.count = n;
  out.frameIndex = -1;
  out.source = 'interpolated';
}

/**
 * Fills `out` with the boxes for presentation time t: the stored frame within half a frame of t,
 * else tracks interpolated between the stored frames either side (no extrapolation past either,
 * none across a gap wider than maxGapS). O(log n) in the window's frames.
 */
export function lookupFrameBoxes(source: WindowSource, t: number, options: LookupOptions, out: FrameBoxes): FrameBoxes {
  out.count = 0;
  out.frameIndex = -1;
  if (!findNeighbours(source, t)) {
    out.source = 'loading';
    return out;
  }
  const gapBefore = beforeWindow ? t - (beforeWindow.pts[beforeFrame] as number) : Infinity;
  const gapAfter = afterWindow ? (afterWindow.pts[afterFrame] as number) - t : Infinity;
  if (beforeWindow && gapBefore <= options.toleranceS && gapBefore <= gapAfter) {
    copyFrame(out, beforeWindow, beforeFrame);
  } else if (afterWindow && gapAfter <= options.toleranceS) {
    copyFrame(out, afterWindow, afterFrame);
  } else if (
    beforeWindow &&
    afterWindow &&
    canInterpolate(beforeWindow.pts[beforeFrame] as number, afterWindow.pts[afterFrame] as number, t, options.maxGapS)
  ) {
    interpolate(out, beforeWindow, beforeFrame, afterWindow, afterFrame, t);
  } else {
    out.source = 'none';
  }
  return out;
}
