import type { RinkPolygon } from '../../../electron/contract/index.ts';

/** A point of the rink region being drawn, in fractions of the picture. */
export interface DraftPoint {
  x: number;
  y: number;
}

/** Fewer corners than this enclose nothing. */
export const MIN_RINK_POINTS = 3;
/** The stored region's limit (RinkPolygon): more clicks are ignored. */
export const MAX_RINK_POINTS = 64;

/**
 * A click in source-video pixels → a point in fractions, or null when it fell on the bars beside
 * the picture (the drawing layer is as big as the element; the picture keeps its aspect ratio).
 */
export function draftPointAt(
  sourceX: number,
  sourceY: number,
  videoWidth: number,
  videoHeight: number,
): DraftPoint | null {
  if (!(videoWidth > 0 && videoHeight > 0)) return null;
  const x = sourceX / videoWidth;
  const y = sourceY / videoHeight;
  if (x < 0 || x > 1 || y < 0 || y > 1) return null;
  // Rounded: the stored JSON stays short, and 1/10,000 of the frame is far below a pixel.
  return { x: Math.round(x * 10_000) / 10_000, y: Math.round(y * 10_000) / 10_000 };
}

export function addDraftPoint(points: readonly DraftPoint[], point: DraftPoint | null): DraftPoint[] {
  if (!point || points.length >= MAX_RINK_POINTS) return [...points];
  const last = points.at(-1);
  // A double click lands twice on the same spot: one corner, not two.
  if (last && last.x === point.x && last.y === point.y) return [...points];
  return [...points, point];
}

/** The region to save, or null while it has too few corners to close. */
export function closeDraft(points: readonly DraftPoint[]): RinkPolygon | null {
  return points.length >= MIN_RINK_POINTS ? points.map((p) => ({ x: p.x, y: p.y })) : null;
}
