import { AppFailure } from '../../../contract/errors.ts';
import type { Detection } from '../../../contract/detection.ts';
import type { DecodeOptions } from '../box.ts';
import type { LetterboxGeometry } from '../letterbox.ts';
import { toSourceBox } from './unletterbox.ts';

/**
 * Ultralytics detect head (YOLOv8/11, models/README.txt): output [1, 4+nc, N], channel-major:
 * rows 0-3 are cx, cy, w, h in input pixels, rows 4.. the class scores (sigmoid-ed, no objectness).
 * score = max class score.
 */

interface Scratch {
  best: Float32Array;
  bestClass: Int32Array;
}

// One scratch pair per anchor count, reused across frames (no 8400-element arrays per frame).
const scratch = new Map<number, Scratch>();

function scratchFor(n: number): Scratch {
  let s = scratch.get(n);
  if (!s) {
    s = { best: new Float32Array(n), bestClass: new Int32Array(n) };
    scratch.set(n, s);
  }
  return s;
}

/** Decodes one ultralytics output into candidate boxes in source pixels (before NMS). */
export function decodeUltralytics(
  output: Float32Array,
  dims: readonly number[],
  geometry: LetterboxGeometry,
  opts: DecodeOptions,
): Detection[] {
  const channels = dims[1] ?? 0;
  const n = dims[2] ?? 0;
  if (dims.length !== 3 || dims[0] !== 1 || channels < 5 || n < 1 || output.length !== channels * n) {
    throw new AppFailure('model-error', `ultralytics output shape [${dims.join(',')}] is not [1, 4+classes, anchors]`);
  }
  const nc = channels - 4;
  const { best, bestClass } = scratchFor(n);
  // Walk class rows contiguously (cache-friendly for the channel-major layout) keeping a running
  // max per anchor, instead of striding through 84 rows for every anchor.
  best.set(output.subarray(4 * n, 5 * n));
  bestClass.fill(0);
  for (let c = 1; c < nc; c++) {
    const offset = (4 + c) * n;
    for (let j = 0; j < n; j++) {
      const v = output[offset + j] as number;
      if (v > (best[j] as number)) {
        best[j] = v;
        bestClass[j] = c;
      }
    }
  }
  const threshold = opts.score;
  const classes = opts.classes ?? null;
  const out: Detection[] = [];
  for (let j = 0; j < n; j++) {
    const score = best[j] as number;
    if (score < threshold) continue;
    const cls = bestClass[j] as number;
    if (classes !== null && !classes.has(cls)) continue;
    const cx = output[j] as number;
    const cy = output[n + j] as number;
    const hw = (output[2 * n + j] as number) / 2;
    const hh = (output[3 * n + j] as number) / 2;
    const box = toSourceBox(cx - hw, cy - hh, cx + hw, cy + hh, score, cls, geometry);
    if (box) out.push(box);
  }
  return out;
}
