/**
 * Builds the overlay of an exported clip as one ASS script: box outlines as vector drawings
 * (`{\p1}`), track labels (id or player name/number) on a team-coloured tag, and an event caption.
 * ffmpeg burns it in with libass in the same run that encodes the clip (ass-timing.ts explains
 * how frames map to ASS times).
 */
import type { DetectionFrame, TrackedDetection } from '../../contract/detection.ts';
import type { Overlays } from '../../contract/export.ts';
import { assColour, assHeader, dialogue, escapeAssText, isLightColour } from './ass-format.ts';
import { frameSpans } from './ass-timing.ts';
import { boxesForFrames } from './frame-boxes.ts';

/** How one track is shown: a player's label ("12 Smith") and team colour when it is linked. */
export interface TrackStyle {
  name?: string | null;
  colour?: string | null;
  /** Not drawn at all (people off the ice, hidden on the overlay too). */
  hidden?: boolean;
}

export interface AssOverlayInput {
  /** Size of the picture the filter draws on (PlayResX/Y). */
  width: number;
  height: number;
  /** Source pts (seconds) of every frame of the clip, ascending; the first is the clip's time 0. */
  frameTimes: readonly number[];
  detections: readonly DetectionFrame[];
  show: Overlays;
  tracks?: ReadonlyMap<number, TrackStyle>;
  /** Colour of boxes without a team colour. */
  defaultColour?: string;
  caption?: string | null;
  maxGapS?: number;
}

export interface AssOverlay {
  text: string;
  /** Dialogue lines written (after merging frames where nothing moved). */
  events: number;
  /** Most boxes drawn on one frame, and the mean over the clip's frames. */
  maxBoxesPerFrame: number;
  meanBoxesPerFrame: number;
}

export const DEFAULT_BOX_COLOUR = '#FFD400';

interface Open {
  startCs: number;
  endCs: number;
  layer: number;
  style: string;
  text: string;
}

/** Outline thickness and text sizes scale with the picture so 576p and 2160p look alike. */
export function overlayMetrics(height: number): { thickness: number; labelSize: number; captionSize: number } {
  return {
    thickness: Math.max(2, Math.round(height / 360)),
    labelSize: Math.max(12, Math.round(height / 45)),
    captionSize: Math.max(14, Math.round(height / 30)),
  };
}

/** A hollow rectangle: outer contour clockwise, inner one counter-clockwise (a hole by winding). */
function boxDrawing(x: number, y: number, w: number, h: number, t: number, colour: string): string {
  const shape =
    w > 2 * t && h > 2 * t
      ? `m 0 0 l ${w} 0 l ${w} ${h} l 0 ${h} m ${t} ${t} l ${t} ${h - t} l ${w - t} ${h - t} l ${w - t} ${t}`
      : `m 0 0 l ${w} 0 l ${w} ${h} l 0 ${h}`;
  // Drawn relative to \pos so boxes of equal size share libass's rasterised outline cache.
  return `{\\pos(${x},${y})\\c${assColour(colour)}\\p1}${shape}{\\p0}`;
}

function labelText(box: TrackedDetection, show: Overlays, style: TrackStyle | undefined): string | null {
  if (show.names && style?.name) return style.name;
  if ((show.ids || show.names) && box.trackId >= 0) return `#${box.trackId}`;
  return null;
}

export function buildAssOverlay(input: AssOverlayInput): AssOverlay {
  const { width, height, show } = input;
  const m = overlayMetrics(height);
  const t0 = input.frameTimes[0] ?? 0;
  const rel = input.frameTimes.map((t) => t - t0);
  const spans = frameSpans(rel);
  const wantBoxes = show.boxes || show.ids || show.names;
  const perFrame = wantBoxes
    ? boxesForFrames(input.detections, input.frameTimes, input.maxGapS)
    : input.frameTimes.map(() => []);
  const lines: string[] = [];
  const open = new Map<string, Open>();
  const flush = (key: string) => {
    const e = open.get(key);
    if (!e) return;
    if (e.endCs > e.startCs) lines.push(dialogue(e.layer, e.startCs, e.endCs, e.style, e.text));
    open.delete(key);
  };
  // Consecutive frames with the same drawing become one event: a still player costs one line.
  const put = (key: string, startCs: number, endCs: number, layer: number, style: string, text: string) => {
    const e = open.get(key);
    if (e && e.text === text && e.endCs === startCs) {
      e.endCs = endCs;
      return;
    }
    flush(key);
    open.set(key, { startCs, endCs, layer, style, text });
  };

  let maxBoxes = 0;
  let sumBoxes = 0;
  perFrame.forEach((boxes, k) => {
    const span = spans[k];
    if (!span) return;
    const seen = new Set<string>();
    let drawn = 0;
    boxes.forEach((box, n) => {
      const x1 = Math.round(Math.max(0, Math.min(width, box.x1)));
      const y1 = Math.round(Math.max(0, Math.min(height, box.y1)));
      const x2 = Math.round(Math.max(0, Math.min(width, box.x2)));
      const y2 = Math.round(Math.max(0, Math.min(height, box.y2)));
      if (x2 - x1 < 1 || y2 - y1 < 1) return;
      const style = box.trackId >= 0 ? input.tracks?.get(box.trackId) : undefined;
      if (style?.hidden) return;
      drawn++;
      const colour = style?.colour ?? input.defaultColour ?? DEFAULT_BOX_COLOUR;
      const key = box.trackId >= 0 ? `t${box.trackId}` : `u${n}`;
      if (show.boxes) {
        seen.add(`${key}b`);
        put(`${key}b`, span.startCs, span.endCs, 0, 'Box', boxDrawing(x1, y1, x2 - x1, y2 - y1, m.thickness, colour));
      }
      const label = labelText(box, show, style);
      if (label !== null) {
        seen.add(`${key}l`);
        // Above the box when there is room, else just inside its top edge.
        const above = y1 >= m.labelSize + 4;
        const pos = above ? `\\an1\\pos(${x1},${y1 - 1})` : `\\an7\\pos(${x1 + m.thickness},${y1 + m.thickness})`;
        const ink = isLightColour(colour) ? '&H000000&' : '&HFFFFFF&';
        const text = `{${pos}\\c${ink}\\3c${assColour(colour)}}${escapeAssText(label)}`;
        put(`${key}l`, span.startCs, span.endCs, 1, 'Label', text);
      }
    });
    for (const key of [...open.keys()]) if (!seen.has(key)) flush(key);
    maxBoxes = Math.max(maxBoxes, drawn);
    sumBoxes += drawn;
  });
  for (const key of [...open.keys()]) flush(key);

  if (show.caption && input.caption) {
    const end = spans.at(-1)?.endCs ?? 0;
    lines.push(dialogue(2, 0, end, 'Caption', `{\\an1}${escapeAssText(input.caption)}`));
  }
  const header = assHeader({ width, height, labelSize: m.labelSize, captionSize: m.captionSize });
  return {
    text: `${header}\n${lines.join('\n')}\n`,
    events: lines.length,
    maxBoxesPerFrame: maxBoxes,
    meanBoxesPerFrame: perFrame.length > 0 ? sumBoxes / perFrame.length : 0,
  };
}
