/**
 * Encodes the frames of a time window as one ArrayBuffer for the renderer, which decodes it with
 * decodeDetectionsWindow from electron/contract/detections-window.ts (layout in docs/formats.md).
 */
import { AppFailure } from '../../contract/errors.ts';
import type { DetectionFrame } from '../../contract/detections-window.ts';
import {
  WINDOW_HEADER_BYTES,
  WINDOW_MAGIC,
  WINDOW_VERSION,
  checkFrame,
  frameRecordBytes,
  writeFrameRecord,
} from '../../contract/detections-window.ts';
import type { DetectionsReader } from './reader.ts';

export function encodeDetectionsWindow(frames: readonly DetectionFrame[], t0: number, t1: number): ArrayBuffer {
  let size = WINDOW_HEADER_BYTES;
  for (const f of frames) {
    try {
      checkFrame(f);
    } catch (error) {
      throw new AppFailure(
        'invalid-args',
        `Detections window: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    size += frameRecordBytes(f);
  }
  const buffer = new ArrayBuffer(size);
  const view = new DataView(buffer);
  view.setUint32(0, WINDOW_MAGIC, true);
  view.setUint16(4, WINDOW_VERSION, true);
  view.setUint16(6, 0, true);
  view.setUint32(8, frames.length, true);
  view.setUint32(12, 0, true);
  view.setFloat64(16, t0, true);
  view.setFloat64(24, t1, true);
  let at = WINDOW_HEADER_BYTES;
  for (const f of frames) at = writeFrameRecord(view, at, f);
  return buffer;
}

/** The window [t0, t1] of a stored file, ready to send to the renderer. */
export async function readDetectionsWindow(reader: DetectionsReader, t0: number, t1: number): Promise<ArrayBuffer> {
  return encodeDetectionsWindow(await reader.window(t0, t1), t0, t1);
}
