/**
 * The detections window the renderer asks for (detections.window), encoded with the contract's
 * encodeDetectionsWindow; the renderer decodes it with decodeDetectionsWindow (docs/formats.md).
 */
import type { DetectionFrame } from '../../contract/detection.ts';
import { encodeDetectionsWindow } from '../../contract/detections-window.ts';
import { AppFailure } from '../../contract/errors.ts';

/** The window buffer; frames the records cannot hold are bad arguments, said as such. */
export function detectionsWindowBuffer(frames: readonly DetectionFrame[], t0: number, t1: number): ArrayBuffer {
  try {
    return encodeDetectionsWindow(frames, t0, t1);
  } catch (error) {
    if (error instanceof RangeError) throw new AppFailure('invalid-args', `Detections window: ${error.message}`);
    throw error;
  }
}
