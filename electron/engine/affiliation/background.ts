/**
 * The rink's own colours around the players on a frame: ice, boards, glass — what shows between
 * a player's arm and body and leaks into the torso. Sampled on a grid in a ring around each
 * detected person (outside every box) and reduced to a few Lab colours by k-means; torso pixels
 * close to one of them are not jersey. Around the players, not over the whole frame: the stands
 * and dark seats fill much of a broadcast picture, and taking them for background would eat a
 * black jersey (measured on the hand-labelled 1080p samples: a black jersey lost three quarters
 * of its torso that way). Computed once per still, so its cost is a small fraction of the work.
 */
import { labAt } from './pixels.ts';
import type { Rect } from '../../contract/detection.ts';
import type { PackedFrame } from './pixels.ts';

/** About this many grid samples per frame when there is nobody to look around. */
const GRID_SAMPLES = 2700;
/** About this many samples in the ring around each person. */
const RING_SAMPLES = 300;
/** The ring reaches this share of the box's width beside it, and of its height above and below. */
const RING_X = 0.6;
const RING_Y = 0.15;
const COLOURS = 3;
const ITERATIONS = 6;
/** A colour covering less than this share of the samples is not background (a banner, a logo). */
const MIN_SHARE = 0.15;

function inside(regions: readonly Rect[], x: number, y: number): boolean {
  for (const r of regions) if (x >= r.x1 && x < r.x2 && y >= r.y1 && y < r.y2) return true;
  return false;
}

/** Up to three background colours as packed [L, a, b, L, a, b, …]. */
export function backgroundColours(frame: PackedFrame, boxes: readonly Rect[]): Float64Array {
  const samples: number[] = [];
  const lab = new Float64Array(3);
  const take = (x: number, y: number) => {
    labAt(frame, x, y, lab);
    samples.push(lab[0]!, lab[1]!, lab[2]!);
  };
  const grid = (x0: number, y0: number, x1: number, y1: number, step: number) => {
    for (let y = Math.max(0, Math.floor(y0 + step / 2)); y < Math.min(frame.height, y1); y += step) {
      for (let x = Math.max(0, Math.floor(x0 + step / 2)); x < Math.min(frame.width, x1); x += step) {
        if (!inside(boxes, x, y)) take(x, y);
      }
    }
  };
  for (const b of boxes) {
    const w = b.x2 - b.x1;
    const h = b.y2 - b.y1;
    const ring = { x0: b.x1 - w * RING_X, y0: b.y1 - h * RING_Y, x1: b.x2 + w * RING_X, y1: b.y2 + h * RING_Y };
    const area = (ring.x1 - ring.x0) * (ring.y1 - ring.y0) - w * h;
    grid(ring.x0, ring.y0, ring.x1, ring.y1, Math.max(1, Math.round(Math.sqrt(area / RING_SAMPLES))));
  }
  if (samples.length === 0) {
    grid(
      0,
      0,
      frame.width,
      frame.height,
      Math.max(2, Math.round(Math.sqrt((frame.width * frame.height) / GRID_SAMPLES))),
    );
  }
  const n = samples.length / 3;
  if (n === 0) return new Float64Array(0);
  // Deterministic seeds: the samples at evenly spaced positions, so a resumed run agrees.
  const k = Math.min(COLOURS, n);
  const centres = new Float64Array(k * 3);
  for (let c = 0; c < k; c++) {
    const s = Math.floor(((c + 0.5) * n) / k) * 3;
    centres.set(samples.slice(s, s + 3), c * 3);
  }
  const counts = new Int32Array(k);
  const sums = new Float64Array(k * 3);
  for (let it = 0; it < ITERATIONS; it++) {
    counts.fill(0);
    sums.fill(0);
    for (let s = 0; s < samples.length; s += 3) {
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const dL = samples[s]! - centres[c * 3]!;
        const da = samples[s + 1]! - centres[c * 3 + 1]!;
        const db = samples[s + 2]! - centres[c * 3 + 2]!;
        const dist = dL * dL + da * da + db * db;
        if (dist < bestD) {
          bestD = dist;
          best = c;
        }
      }
      counts[best] = counts[best]! + 1;
      sums[best * 3] = sums[best * 3]! + samples[s]!;
      sums[best * 3 + 1] = sums[best * 3 + 1]! + samples[s + 1]!;
      sums[best * 3 + 2] = sums[best * 3 + 2]! + samples[s + 2]!;
    }
    for (let c = 0; c < k; c++) {
      if (counts[c]! === 0) continue;
      for (let j = 0; j < 3; j++) centres[c * 3 + j] = sums[c * 3 + j]! / counts[c]!;
    }
  }
  const kept: number[] = [];
  for (let c = 0; c < k; c++) {
    if (counts[c]! / n >= MIN_SHARE) kept.push(centres[c * 3]!, centres[c * 3 + 1]!, centres[c * 3 + 2]!);
  }
  return Float64Array.from(kept);
}
