import type { Rect } from '../../contract/detection.ts';

/** Options shared by every output adapter and the detector. */
export interface DecodeOptions {
  /** Minimum final score (objectness × class for YOLOX, class score for ultralytics). */
  score: number;
  /** Only these class ids are kept; undefined or null keeps all. */
  classes?: ReadonlySet<number> | null;
}

export function iou(a: Rect, b: Rect): number {
  const w = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
  const h = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  const union = (a.x2 - a.x1) * (a.y2 - a.y1) + (b.x2 - b.x1) * (b.y2 - b.y1) - inter;
  return union > 0 ? inter / union : 0;
}
