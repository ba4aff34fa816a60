import { AppFailure } from '../../../contract/errors.ts';
import type { Detection } from '../../../contract/detection.ts';
import type { DecodeOptions } from '../box.ts';
import type { LetterboxGeometry } from '../letterbox.ts';
import { toSourceBox } from './unletterbox.ts';

/**
 * YOLOX export head ("yolox-grid", models/README.txt): output [1, N, 5+nc], rows per anchor
 * [tx, ty, tw, th, obj, c0..], obj and classes already sigmoid-ed, boxes NOT decoded:
 * cx=(tx+gx)*s, cy=(ty+gy)*s, w=exp(tw)*s, h=exp(th)*s, anchors for strides 8, 16, 32, each level
 * row-major (y then x). score = obj * max(cls).
 */
export const YOLOX_STRIDES = [8, 16, 32] as const;

export interface YoloxGrid {
  /** Per anchor: grid x, grid y, stride. Built once per input size, reused for every frame. */
  gx: Float32Array;
  gy: Float32Array;
  stride: Float32Array;
}

const grids = new Map<string, YoloxGrid>();

export function yoloxAnchorCount(inW: number, inH: number): number {
  let n = 0;
  for (const s of YOLOX_STRIDES) n += Math.floor(inW / s) * Math.floor(inH / s);
  return n;
}

export function yoloxGrid(inW: number, inH: number): YoloxGrid {
  const key = `${inW}x${inH}`;
  const cached = grids.get(key);
  if (cached) return cached;
  const n = yoloxAnchorCount(inW, inH);
  const grid: YoloxGrid = { gx: new Float32Array(n), gy: new Float32Array(n), stride: new Float32Array(n) };
  let i = 0;
  for (const s of YOLOX_STRIDES) {
    const gw = Math.floor(inW / s);
    const gh = Math.floor(inH / s);
    for (let y = 0; y < gh; y++) {
      for (let x = 0; x < gw; x++, i++) {
        grid.gx[i] = x;
        grid.gy[i] = y;
        grid.stride[i] = s;
      }
    }
  }
  grids.set(key, grid);
  return grid;
}

/** Decodes one YOLOX output into candidate boxes in source pixels (before NMS). */
export function decodeYolox(
  output: Float32Array,
  dims: readonly number[],
  geometry: LetterboxGeometry,
  opts: DecodeOptions,
): Detection[] {
  const n = dims[1] ?? 0;
  const row = dims[2] ?? 0;
  const expected = yoloxAnchorCount(geometry.inW, geometry.inH);
  if (dims.length !== 3 || dims[0] !== 1 || n !== expected || row < 6 || output.length !== n * row) {
    throw new AppFailure(
      'model-error',
      `YOLOX output shape [${dims.join(',')}] does not fit input ${geometry.inW}x${geometry.inH}`,
      `expected [1,${expected},5+classes] with ${expected} = anchors of strides 8/16/32`,
    );
  }
  const { gx, gy, stride } = yoloxGrid(geometry.inW, geometry.inH);
  const nc = row - 5;
  const threshold = opts.score;
  const classes = opts.classes ?? null;
  const out: Detection[] = [];
  for (let i = 0, base = 0; i < n; i++, base += row) {
    const obj = output[base + 4] as number;
    // score = obj * cls <= obj: most anchors are rejected here without touching their 80 classes.
    if (obj < threshold) continue;
    let best = 0;
    let bestScore = output[base + 5] as number;
    for (let c = 1; c < nc; c++) {
      const v = output[base + 5 + c] as number;
      if (v > bestScore) {
        bestScore = v;
        best = c;
      }
    }
    const score = obj * bestScore;
    if (score < threshold || (classes !== null && !classes.has(best))) continue;
    const s = stride[i] as number;
    const cx = ((output[base] as number) + (gx[i] as number)) * s;
    const cy = ((output[base + 1] as number) + (gy[i] as number)) * s;
    const hw = (Math.exp(output[base + 2] as number) * s) / 2;
    const hh = (Math.exp(output[base + 3] as number) * s) / 2;
    const box = toSourceBox(cx - hw, cy - hh, cx + hw, cy + hh, score, best, geometry);
    if (box) out.push(box);
  }
  return out;
}
