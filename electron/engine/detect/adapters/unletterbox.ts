import type { Detection } from '../../../contract/detection.ts';
import type { LetterboxGeometry } from '../letterbox.ts';

/**
 * Model-input box (x1,y1,x2,y2 in letterboxed pixels) → source pixels: subtract the pad, divide
 * by r, clip to the frame. Returns null for boxes that end up empty (entirely in the padding).
 */
export function toSourceBox(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  score: number,
  classId: number,
  g: LetterboxGeometry,
): Detection | null {
  const sx1 = clamp((x1 - g.padX) / g.scale, g.srcW);
  const sy1 = clamp((y1 - g.padY) / g.scale, g.srcH);
  const sx2 = clamp((x2 - g.padX) / g.scale, g.srcW);
  const sy2 = clamp((y2 - g.padY) / g.scale, g.srcH);
  if (!(sx2 > sx1 && sy2 > sy1)) return null;
  return { x1: sx1, y1: sy1, x2: sx2, y2: sy2, score, classId };
}

function clamp(v: number, max: number): number {
  return v < 0 ? 0 : v > max ? max : v;
}
