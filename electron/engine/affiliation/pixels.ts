/**
 * The pixels the jersey sampler reads: packed RGB/BGR (the synthetic test frames, the model
 * input) or planar YUV 4:2:0 as decoded (the full-resolution stills). Stills stay in YUV: ffmpeg
 * then copies the decoded planes instead of converting a 1080p frame to RGB, and only the few
 * thousand pixels the sampler looks at are converted here.
 */
import { rgbToLabInto } from './lab.ts';

export interface PackedFrame {
  data: Uint8Array;
  width: number;
  height: number;
  /** Packed 3 bytes a pixel, or yuv420p planes (Y, then U and V at half size, rounded up). */
  order: 'rgb' | 'bgr' | 'yuv420p';
}

// Whole 0–255 values: rgbToLabInto looks channels up in a table.
const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/** The pixel at (x, y) in CIELAB, into out. */
export function labAt(frame: PackedFrame, x: number, y: number, out: Float64Array): void {
  const d = frame.data;
  if (frame.order === 'yuv420p') {
    const w = frame.width;
    const cw = (w + 1) >> 1;
    const ch = (frame.height + 1) >> 1;
    const c = (y >> 1) * cw + (x >> 1);
    // Limited-range BT.601, swscale's default for YUV → RGB, so the colours match the RGB path.
    const Y = (d[y * w + x]! - 16) * 1.164383;
    const U = d[w * frame.height + c]! - 128;
    const V = d[w * frame.height + cw * ch + c]! - 128;
    rgbToLabInto(clamp(Y + 1.596027 * V), clamp(Y - 0.391762 * U - 0.812968 * V), clamp(Y + 2.017232 * U), out);
    return;
  }
  const i = (y * frame.width + x) * 3;
  if (frame.order === 'rgb') rgbToLabInto(d[i]!, d[i + 1]!, d[i + 2]!, out);
  else rgbToLabInto(d[i + 2]!, d[i + 1]!, d[i]!, out);
}
