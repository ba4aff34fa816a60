import type { LetterboxPlacement, ModelManifest } from './manifest.ts';

/**
 * Letterbox geometry and its two halves: the ffmpeg filter that produces the letterboxed frame
 * (ffmpeg scales and pads; no pixel loop in JS) and the HWC→CHW float conversion for ORT.
 */
export interface LetterboxGeometry {
  srcW: number;
  srcH: number;
  inW: number;
  inH: number;
  /** r = min(inW/srcW, inH/srcH); boxes are divided by r to get back to source pixels. */
  scale: number;
  scaledW: number;
  scaledH: number;
  padX: number;
  padY: number;
}

/**
 * Python's round() (half to even), because the reference preprocessors (YOLOX, ultralytics,
 * OpenCV sample) are Python: a size like 207.5 must round the same way here or the frames differ.
 */
export function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

export function letterboxGeometry(
  srcW: number,
  srcH: number,
  inW: number,
  inH: number,
  placement: LetterboxPlacement,
): LetterboxGeometry {
  if (!(srcW > 0 && srcH > 0 && inW > 0 && inH > 0)) {
    throw new RangeError(`letterbox sizes must be positive: ${srcW}x${srcH} → ${inW}x${inH}`);
  }
  const scale = Math.min(inW / srcW, inH / srcH);
  const scaledW = Math.min(inW, Math.max(1, roundHalfEven(srcW * scale)));
  const scaledH = Math.min(inH, Math.max(1, roundHalfEven(srcH * scale)));
  // Centred like ultralytics' LetterBox: top = round(dh - 0.1) == floor(dh) for dh in halves.
  const padX = placement === 'center' ? Math.floor((inW - scaledW) / 2) : 0;
  const padY = placement === 'center' ? Math.floor((inH - scaledH) / 2) : 0;
  return { srcW, srcH, inW, inH, scale, scaledW, scaledH, padX, padY };
}

/** Exported so benchmarks and docs name the same swscale flags as the pipeline. */
export const SCALE_FLAGS = 'bicublin';

export interface FfmpegLetterbox {
  /** The -vf chain: convert, scale, pad. */
  filter: string;
  /** The -pix_fmt for raw output, in the model's colour order. */
  pixFmt: 'bgr24' | 'rgb24';
}

/**
 * The ffmpeg side of the letterbox. The resize runs on the decoded YUV planes and only the
 * model-sized result is converted to packed BGR/RGB: converting a 1080p frame to RGB first costs
 * ~5 ms a frame more, enough to make decoding slower than inference on a 2-core laptop
 * (`rinkside bench analyze`). The accuracy tests against the OpenCV reference (which resizes in
 * RGB with INTER_LINEAR) still match every box at IoU ≥ 0.9 with the same counts.
 * swscale has no exact equivalent of cv2 INTER_LINEAR (it widens its kernels when downscaling);
 * 'bicublin' is the flag with which our boxes match the reference one for one
 * (tests/fixtures/references/README.md has the measurements and the alternatives tried).
 */
export function ffmpegLetterboxFilter(geometry: LetterboxGeometry, manifest: ModelManifest): FfmpegLetterbox {
  const pixFmt = manifest.colorOrder === 'bgr' ? 'bgr24' : 'rgb24';
  const v = manifest.letterbox.padValue.toString(16).padStart(2, '0');
  const g = geometry;
  const filter =
    `scale=${g.scaledW}:${g.scaledH}:flags=${SCALE_FLAGS},` +
    `format=${pixFmt},` +
    `pad=${g.inW}:${g.inH}:${g.padX}:${g.padY}:color=0x${v}${v}${v}`;
  return { filter, pixFmt };
}

/**
 * Packed HWC bytes (already letterboxed, inW×inH×3) → planar CHW float in `out`, with the
 * manifest's normalisation. `frameOrder` is the frame's channel order; when it differs from the
 * model's, channels are swapped here. Writes into the caller's buffer: no allocation per frame.
 */
export function toTensor(
  frame: Uint8Array,
  manifest: ModelManifest,
  out: Float32Array,
  frameOrder: 'bgr' | 'rgb' = manifest.colorOrder,
): Float32Array {
  const plane = manifest.input.width * manifest.input.height;
  if (frame.length !== plane * 3) {
    throw new RangeError(
      `frame has ${frame.length} bytes, expected ${plane * 3} (${manifest.input.width}x${manifest.input.height}x3)`,
    );
  }
  if (out.length !== plane * 3) throw new RangeError(`tensor buffer has ${out.length} floats, expected ${plane * 3}`);
  const swap = frameOrder !== manifest.colorOrder;
  // Source byte offset of each output channel.
  const c0 = swap ? 2 : 0;
  const c2 = swap ? 0 : 2;
  const n = manifest.normalisation;
  let m0 = 0, m1 = 0, m2 = 0, k0 = 1, k1 = 1, k2 = 1; // prettier-ignore
  if (n.kind === 'scale') {
    k0 = k1 = k2 = n.scale;
  } else if (n.kind === 'meanStd') {
    [m0, m1, m2] = n.mean;
    k0 = 1 / n.std[0];
    k1 = 1 / n.std[1];
    k2 = 1 / n.std[2];
  }
  const p1 = plane;
  const p2 = plane * 2;
  for (let i = 0, j = 0; i < plane; i++, j += 3) {
    out[i] = ((frame[j + c0] as number) - m0) * k0;
    out[p1 + i] = ((frame[j + 1] as number) - m1) * k1;
    out[p2 + i] = ((frame[j + c2] as number) - m2) * k2;
  }
  return out;
}
