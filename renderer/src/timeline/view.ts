/**
 * The timeline's viewport: which seconds are shown and how many pixels a second takes. Pure, so
 * zoom and pan are table-tested; the component only feeds it pointer and key input.
 */
export interface TimelineView {
  /** Seconds at the left edge. */
  startS: number;
  pxPerS: number;
}

export interface TimelineBounds {
  durationS: number;
  widthPx: number;
  /** Frames per second of the video: the deepest zoom shows single frames. */
  fps: number;
}

/** Deepest zoom: one frame spans this many pixels. */
export const MAX_PX_PER_FRAME = 48;

/** The whole game in the width: the widest zoom out. */
export function minPxPerS(bounds: TimelineBounds): number {
  return bounds.widthPx / Math.max(bounds.durationS, 1e-3);
}

export function maxPxPerS(bounds: TimelineBounds): number {
  return Math.max(minPxPerS(bounds), MAX_PX_PER_FRAME * Math.max(bounds.fps, 1));
}

export function clampView(view: TimelineView, bounds: TimelineBounds): TimelineView {
  const pxPerS = Math.min(maxPxPerS(bounds), Math.max(minPxPerS(bounds), view.pxPerS));
  const visibleS = bounds.widthPx / pxPerS;
  const startS = Math.min(Math.max(0, bounds.durationS - visibleS), Math.max(0, view.startS));
  return { startS, pxPerS };
}

export function fitView(bounds: TimelineBounds): TimelineView {
  return clampView({ startS: 0, pxPerS: minPxPerS(bounds) }, bounds);
}

export const timeToX = (view: TimelineView, t: number): number => (t - view.startS) * view.pxPerS;
export const xToTime = (view: TimelineView, x: number): number => view.startS + x / view.pxPerS;

/** Zoom by `factor` keeping the time under anchorX where it is (the cursor, or the playhead). */
export function zoomAt(view: TimelineView, bounds: TimelineBounds, anchorX: number, factor: number): TimelineView {
  const anchorS = xToTime(view, anchorX);
  const pxPerS = Math.min(maxPxPerS(bounds), Math.max(minPxPerS(bounds), view.pxPerS * factor));
  return clampView({ startS: anchorS - anchorX / pxPerS, pxPerS }, bounds);
}

/** Pan by dx pixels (positive: later times come in from the right). */
export function panBy(view: TimelineView, bounds: TimelineBounds, dxPx: number): TimelineView {
  return clampView({ startS: view.startS + dxPx / view.pxPerS, pxPerS: view.pxPerS }, bounds);
}

/** Scrolls just enough to bring t into view, with a margin (following the playhead). */
export function reveal(view: TimelineView, bounds: TimelineBounds, t: number, marginPx = 40): TimelineView {
  const x = timeToX(view, t);
  if (x >= marginPx && x <= bounds.widthPx - marginPx) return view;
  const margin = Math.min(marginPx, bounds.widthPx / 4);
  const startS = x < marginPx ? t - margin / view.pxPerS : t - (bounds.widthPx - margin) / view.pxPerS;
  return clampView({ startS, pxPerS: view.pxPerS }, bounds);
}

const STEPS_S = [1 / 1000, 0.01, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];

/** Ruler tick spacing: the smallest round step at least minPx apart; frame ticks when deep. */
export function tickStepS(pxPerS: number, fps: number, minPx = 70): number {
  if (fps > 0 && pxPerS / fps >= minPx) return 1 / fps;
  for (const step of STEPS_S) if (step * pxPerS >= minPx && (fps <= 0 || step >= 1 / fps)) return step;
  return 7200;
}
