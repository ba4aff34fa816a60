/**
 * The rink's own colours on a frame: ice, boards, glass, crowd-free surfaces. Sampled on a sparse
 * grid outside every detected box and reduced to a few Lab colours by k-means; torso pixels close
 * to one of them are not jersey. Recomputed every few analysed frames (the camera pans, the light
 * does not change from frame to frame), so its cost is a small fraction of a frame's work.
 */
import { rgbToLabInto } from './lab.ts';
import type { Rect } from '../../contract/detection.ts';
import type { PackedFrame } from './torso.ts';

/** Grid step in pixels: a 416×416 frame gives ~2,700 samples. */
const STEP = 8;
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
  const d = frame.data;
  for (let y = STEP >> 1; y < frame.height; y += STEP) {
    for (let x = STEP >> 1; x < frame.width; x += STEP) {
      if (inside(boxes, x, y)) continue;
      const i = (y * frame.width + x) * 3;
      if (frame.order === 'rgb') rgbToLabInto(d[i]!, d[i + 1]!, d[i + 2]!, lab);
      else rgbToLabInto(d[i + 2]!, d[i + 1]!, d[i]!, lab);
      samples.push(lab[0]!, lab[1]!, lab[2]!);
    }
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
