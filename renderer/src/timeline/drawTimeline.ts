import { formatTimecode } from '../lib/timecode.ts';
import { peakIn, type Activity } from './activity.ts';
import { firstVisible, type EventRow } from './eventRows.ts';
import { tickStepS, timeToX, type TimelineView } from './view.ts';

export const RULER_H = 20;
export const ACTIVITY_H = 16;
export const ROW_H = 18;

export function timelineHeight(rowCount: number): number {
  return RULER_H + ACTIVITY_H + Math.max(1, rowCount) * ROW_H + 2;
}

export interface TimelineScene {
  view: TimelineView;
  widthPx: number;
  durationS: number;
  fps: number;
  rows: readonly EventRow[];
  activity: Activity | null;
  /** Playhead time, or NaN to skip it (the DOM playhead also marks it). */
  playheadS: number;
}

/**
 * Draws ruler, activity strip and event rows for what is in view only: each row binary-searches
 * its first visible event and stops past the right edge, and events falling on a pixel column
 * already painted are skipped, so 5,000 events zoomed out cost about as much as 50 (tests/bench).
 */
export function drawTimeline(context: CanvasRenderingContext2D, scene: TimelineScene, dpr: number): void {
  const { view, widthPx, rows } = scene;
  const height = timelineHeight(rows.length);
  context.setTransform(dpr, 0, 0, dpr, 0, 0);
  context.fillStyle = '#11181f';
  context.fillRect(0, 0, widthPx, height);
  const endS = view.startS + widthPx / view.pxPerS;

  // Ruler.
  const step = tickStepS(view.pxPerS, scene.fps);
  context.fillStyle = '#93a4b5';
  context.strokeStyle = '#2c3846';
  context.lineWidth = 1;
  context.font = '11px system-ui, sans-serif';
  context.textBaseline = 'middle';
  const frameTicks = scene.fps > 0 && step < 1 / scene.fps + 1e-9;
  context.beginPath();
  for (let t = Math.ceil(view.startS / step) * step; t <= endS; t += step) {
    const x = Math.round(timeToX(view, t)) + 0.5;
    context.moveTo(x, RULER_H - 6);
    context.lineTo(x, height);
    const label = frameTicks ? `f${Math.round(t * scene.fps)}` : formatTimecode(t);
    context.fillText(label, x + 3, RULER_H / 2);
  }
  context.stroke();

  // Activity strip: the busiest second under each pixel column, as a bar.
  if (scene.activity && scene.activity.max > 0) {
    const activity = scene.activity;
    const secondsPerPx = 1 / view.pxPerS;
    context.fillStyle = '#2f6f9f';
    for (let x = 0; x < widthPx; x++) {
      const t = view.startS + x * secondsPerPx;
      if (t >= scene.durationS) break;
      const peak = peakIn(activity, t, t + secondsPerPx);
      if (peak <= 0) continue;
      const h = Math.max(1, Math.round((peak / activity.max) * (ACTIVITY_H - 2)));
      context.fillRect(x, RULER_H + ACTIVITY_H - 1 - h, 1, h);
    }
  }

  // Event rows.
  let y = RULER_H + ACTIVITY_H;
  for (const row of rows) {
    context.fillStyle = '#171e26';
    context.fillRect(0, y + 1, widthPx, ROW_H - 2);
    context.fillStyle = row.colour;
    // Overlapping events of the code stack in sub-lanes; each lane skips columns it already painted.
    const laneH = (ROW_H - 6) / row.laneCount;
    const paintedTo = new Array<number>(row.laneCount).fill(-1);
    for (let i = firstVisible(row, view.startS); i < row.starts.length; i++) {
      const start = row.starts[i] as number;
      if (start > endS) break;
      const end = row.ends[i] as number;
      if (end < view.startS) continue;
      const lane = row.lanes[i] as number;
      const x1 = Math.max(0, Math.floor(timeToX(view, start)));
      const x2 = Math.min(widthPx, Math.max(x1 + 3, Math.ceil(timeToX(view, end))));
      if (x2 <= (paintedTo[lane] as number)) continue;
      const from = Math.max(x1, paintedTo[lane] as number);
      const top = y + 3 + lane * laneH;
      // A pixel of gap between stacked lanes so two bars read as two events.
      context.fillRect(from, top, x2 - from, row.laneCount > 1 ? Math.max(1, laneH - 1) : laneH);
      paintedTo[lane] = x2;
    }
    y += ROW_H;
  }

  if (Number.isFinite(scene.playheadS)) {
    const x = Math.round(timeToX(view, scene.playheadS)) + 0.5;
    if (x >= 0 && x <= widthPx) {
      context.strokeStyle = '#ffd23f';
      context.lineWidth = 2;
      context.beginPath();
      context.moveTo(x, 0);
      context.lineTo(x, height);
      context.stroke();
    }
  }
}
