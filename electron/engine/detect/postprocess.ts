import { decodeUltralytics } from './adapters/ultralytics.ts';
import { decodeYolox } from './adapters/yolox.ts';
import type { Detection } from '../../contract/detection.ts';
import type { DecodeOptions } from './box.ts';
import type { LetterboxGeometry } from './letterbox.ts';
import type { ModelManifest } from './manifest.ts';
import { nms } from './nms.ts';

export interface DetectOptions extends DecodeOptions {
  /** Class-aware NMS IoU threshold. */
  nms: number;
  /** Channel order of the frame bytes; defaults to the model's (what ffmpegLetterboxFilter asks for). */
  frameOrder?: 'bgr' | 'rgb';
}

/** The model's raw output → boxes in source pixels after class-aware NMS. No ONNX Runtime here. */
export function boxesFromOutput(
  manifest: ModelManifest,
  data: Float32Array,
  dims: readonly number[],
  geometry: LetterboxGeometry,
  opts: DetectOptions,
): Detection[] {
  const decode = manifest.layout === 'yolox-grid' ? decodeYolox : decodeUltralytics;
  return nms(decode(data, dims, geometry, opts), opts.nms);
}

/** The frame geometry must be the model's input size, or every box would be wrong. */
export function checkGeometry(geometry: LetterboxGeometry, manifest: ModelManifest): void {
  const { width, height } = manifest.input;
  if (geometry.inW !== width || geometry.inH !== height) {
    throw new RangeError(`geometry is for ${geometry.inW}x${geometry.inH}, the model takes ${width}x${height}`);
  }
}
