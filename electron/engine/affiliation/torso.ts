/**
 * One sample of a person's jersey: the torso region of one box on one decoded frame.
 *
 * The torso is the box's upper-middle part (a hockey player's box runs from helmet to skates; the
 * jersey's body is about 15–50 % down and the middle half across — outside that are arms, stick,
 * pants and the ice between the legs). Pixels that look like the rink around the players (ice,
 * boards, glass: the background colours of the frame) are left out of the colour, and how much of
 * the torso was left out is itself kept: a white jersey on white ice shows up as "mostly
 * background", which still tells it apart from a dark jersey.
 * Stripes (officials) are high-contrast periodic lightness across the torso's width, measured on
 * every pixel, background or not — a referee's white stripes look like ice.
 */
import type { Rect } from '../../contract/detection.ts';
import { labAt, type PackedFrame } from './pixels.ts';

export type { PackedFrame } from './pixels.ts';

export interface TorsoSample {
  /** Mean Lab of the torso pixels that are not background (0 when none are). */
  L: number;
  a: number;
  b: number;
  /** Fraction of torso pixels that are background-coloured. */
  background: number;
  /** 0…1: how much of the torso's rows are striped (high-contrast alternation across x). */
  stripes: number;
  /** Torso pixels looked at: tiny boxes give noisy samples and are weighted down or skipped. */
  pixels: number;
}

/** The torso's share of the box (fractions of its width and height). */
export const TORSO = { left: 0.25, right: 0.75, top: 0.15, bottom: 0.5 } as const;
/** Smaller torsos carry too few pixels for a colour (and none for stripes). */
export const MIN_TORSO_PIXELS = 12;
/** A torso pixel this close (ΔE) to a background colour counts as background. */
export const BACKGROUND_DELTA_E = 14;
/** Lightness swing (L*) that counts as a stripe edge: a referee's black/white is ~60–80. */
const STRIPE_SWING = 14;

const lab = new Float64Array(3);

function readLab(frame: PackedFrame, x: number, y: number): void {
  labAt(frame, x, y, lab);
}

function isBackground(background: Float64Array, L: number, a: number, b: number): boolean {
  for (let k = 0; k < background.length; k += 3) {
    const dL = L - background[k]!;
    const da = a - background[k + 1]!;
    const db = b - background[k + 2]!;
    if (dL * dL + da * da + db * db < BACKGROUND_DELTA_E * BACKGROUND_DELTA_E) return true;
  }
  return false;
}

/** The torso sample of one box (in the frame's own pixels), or null when the torso is too small to say anything. */
export function torsoSample(frame: PackedFrame, box: Rect, background: Float64Array): TorsoSample | null {
  const w = box.x2 - box.x1;
  const h = box.y2 - box.y1;
  const x0 = Math.max(0, Math.round(box.x1 + w * TORSO.left));
  const x1 = Math.min(frame.width, Math.round(box.x1 + w * TORSO.right));
  const y0 = Math.max(0, Math.round(box.y1 + h * TORSO.top));
  const y1 = Math.min(frame.height, Math.round(box.y1 + h * TORSO.bottom));
  const cols = x1 - x0;
  const rows = y1 - y0;
  if (cols < 3 || rows < 2 || cols * rows < MIN_TORSO_PIXELS) return null;
  let sumL = 0;
  let sumA = 0;
  let sumB = 0;
  let kept = 0;
  let stripedRows = 0;
  const rowL = new Float64Array(cols);
  for (let y = y0; y < y1; y++) {
    let rowSum = 0;
    for (let x = x0; x < x1; x++) {
      readLab(frame, x, y);
      const L = lab[0]!;
      rowL[x - x0] = L;
      rowSum += L;
      if (!isBackground(background, L, lab[1]!, lab[2]!)) {
        sumL += L;
        sumA += lab[1]!;
        sumB += lab[2]!;
        kept += 1;
      }
    }
    if (isStripedRow(rowL, rowSum / cols)) stripedRows += 1;
  }
  const pixels = cols * rows;
  return {
    L: kept ? sumL / kept : 0,
    a: kept ? sumA / kept : 0,
    b: kept ? sumB / kept : 0,
    background: 1 - kept / pixels,
    stripes: stripedRows / rows,
    pixels,
  };
}

/**
 * Crossings of a row's mean lightness that make it striped. A jersey number's strokes cross up to
 * four times (a white "8" or "16" on a dark trim, measured on the hand-labelled 1080p samples:
 * up to a fifth of a white jersey's rows reach four); a referee's shirt, seen at full
 * resolution, crosses six to twelve times across the torso.
 */
const STRIPE_CROSSINGS = 5;

/**
 * A row is striped when its lightness crosses its mean, with a real swing each side, at least
 * STRIPE_CROSSINGS times across the torso.
 */
function isStripedRow(row: Float64Array, mean: number): boolean {
  let crossings = 0;
  let side = 0;
  for (let i = 0; i < row.length; i++) {
    const d = row[i]! - mean;
    const s = d > STRIPE_SWING ? 1 : d < -STRIPE_SWING ? -1 : 0;
    if (s !== 0 && s !== side) {
      if (side !== 0) crossings += 1;
      side = s;
    }
  }
  return crossings >= STRIPE_CROSSINGS;
}
