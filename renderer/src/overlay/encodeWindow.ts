import {
  WINDOW_HEADER_BYTES,
  WINDOW_MAGIC,
  WINDOW_VERSION,
  checkFrame,
  frameRecordBytes,
  writeFrameRecord,
  type DetectionFrame,
} from '../../../electron/contract/detections-window.ts';

/**
 * The binary window detections.window answers, made in the renderer: for unit tests and for the
 * UI benchmark's synthetic game (tests/bench), so both exercise the real decode path.
 */
export function encodeWindow(frames: readonly DetectionFrame[], t0: number, t1: number): ArrayBuffer {
  let bytes = WINDOW_HEADER_BYTES;
  for (const frame of frames) {
    checkFrame(frame);
    bytes += frameRecordBytes(frame);
  }
  const buffer = new ArrayBuffer(bytes);
  const view = new DataView(buffer);
  view.setUint32(0, WINDOW_MAGIC, true);
  view.setUint16(4, WINDOW_VERSION, true);
  view.setUint32(8, frames.length, true);
  view.setFloat64(16, t0, true);
  view.setFloat64(24, t1, true);
  let at = WINDOW_HEADER_BYTES;
  for (const frame of frames) at = writeFrameRecord(view, at, frame);
  return buffer;
}
