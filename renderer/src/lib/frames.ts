/**
 * Frame index ↔ presentation time. The first frame is not always at 0 (camera files often start
 * later: the hockey dev clip's first frame is at 0.0334 s), so every conversion goes through it.
 */
export interface FrameTiming {
  fps: number;
  firstFrameTimeS: number;
  frameCount: number;
}

/** Index of the frame presented at mediaTime (the pts requestVideoFrameCallback reports). */
export function frameIndexAt(timing: FrameTiming, mediaTime: number): number {
  if (!(timing.fps > 0)) return 0;
  const index = Math.round((mediaTime - timing.firstFrameTimeS) * timing.fps);
  return clampFrame(timing, index);
}

/** Nominal start time of frame k. */
export function frameStartTime(timing: FrameTiming, index: number): number {
  return timing.firstFrameTimeS + index / timing.fps;
}

/**
 * Where to seek to show frame k. A seek to time t shows the frame whose interval contains t;
 * aiming a quarter frame past the nominal start keeps rounding of fps (29.97…) and container
 * timestamps from landing on frame k−1.
 */
export function seekTimeForFrame(timing: FrameTiming, index: number): number {
  const k = clampFrame(timing, index);
  return frameStartTime(timing, k) + 0.25 / timing.fps;
}

/** The frame that covers time t (for go-to-time), so a typed time lands on a whole frame. */
export function frameCovering(timing: FrameTiming, seconds: number): number {
  if (!(timing.fps > 0)) return 0;
  return clampFrame(timing, Math.floor((seconds - timing.firstFrameTimeS) * timing.fps + 1e-6));
}

export function clampFrame(timing: FrameTiming, index: number): number {
  const last = Math.max(0, timing.frameCount - 1);
  return Math.min(last, Math.max(0, index));
}
