/**
 * Detections for a time window, as one ArrayBuffer the renderer decodes without JSON (a minute of
 * boxes as JSON is megabytes to build and parse on every seek). Also the frame/box record codec the
 * library's chunk rows and the file format use, so every copy quantises boxes identically.
 * Dependency-free on purpose: the renderer imports it, and the contract may depend on zod only.
 * Layout: docs/formats.md, "Detections binary format v1".
 */
import type { Detection, DetectionFrame, TrackedDetection } from './detection.ts';

export interface DetectionsWindow {
  t0: number;
  t1: number;
  frames: DetectionFrame[];
}

/** Bytes of one frame record header and of one box record. */
export const FRAME_RECORD_BYTES = 16;
export const BOX_RECORD_BYTES = 16;
/** Coordinates are stored as int16 quarter pixels: range −8192 … 8191.75 px, error ≤ 1/8 px. */
export const COORD_SCALE = 4;
export const COORD_MIN = -32768 / COORD_SCALE;
export const COORD_MAX = 32767 / COORD_SCALE;
/** Scores are stored as uint16 fractions of 65535: error ≤ 1/131070. */
export const SCORE_SCALE = 65535;
export const MAX_BOXES_PER_FRAME = 65535;

export const WINDOW_MAGIC = 0x5744_4b52; // "RKDW" read as little-endian u32
export const WINDOW_VERSION = 1;
export const WINDOW_HEADER_BYTES = 32;

export function frameRecordBytes(frame: DetectionFrame): number {
  return FRAME_RECORD_BYTES + frame.boxes.length * BOX_RECORD_BYTES;
}

const quantCoord = (v: number): number =>
  Math.round(Math.min(COORD_MAX, Math.max(COORD_MIN, Number.isFinite(v) ? v : 0)) * COORD_SCALE);
const quantScore = (v: number): number =>
  Math.round(Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0)) * SCORE_SCALE);

/** Throws RangeError for what the record cannot hold; callers turn it into their own error. */
export function checkFrame(frame: DetectionFrame): void {
  if (!Number.isInteger(frame.index) || frame.index < 0 || frame.index > 0xffff_ffff) {
    throw new RangeError(`frame index ${frame.index} is not a uint32`);
  }
  if (!Number.isFinite(frame.pts)) throw new RangeError(`frame ${frame.index}: pts ${frame.pts} is not finite`);
  if (frame.boxes.length > MAX_BOXES_PER_FRAME) throw new RangeError(`frame ${frame.index}: too many boxes`);
  for (const b of frame.boxes) {
    if (!Number.isInteger(b.classId) || b.classId < 0 || b.classId > 255) {
      throw new RangeError(`frame ${frame.index}: classId ${b.classId} is not 0…255`);
    }
    if (!Number.isInteger(b.trackId) || b.trackId < -0x8000_0000 || b.trackId > 0x7fff_ffff) {
      throw new RangeError(`frame ${frame.index}: trackId ${b.trackId} is not an int32`);
    }
  }
}

/** Writes one frame record at offset; returns the offset after it. Call checkFrame first. */
export function writeFrameRecord(view: DataView, offset: number, frame: DetectionFrame): number {
  view.setUint32(offset, frame.index, true);
  view.setUint16(offset + 4, frame.boxes.length, true);
  view.setUint16(offset + 6, 0, true); // frame flags, reserved
  view.setFloat64(offset + 8, frame.pts, true);
  let at = offset + FRAME_RECORD_BYTES;
  for (const b of frame.boxes) {
    view.setInt16(at, quantCoord(b.x1), true);
    view.setInt16(at + 2, quantCoord(b.y1), true);
    view.setInt16(at + 4, quantCoord(b.x2), true);
    view.setInt16(at + 6, quantCoord(b.y2), true);
    view.setUint16(at + 8, quantScore(b.score), true);
    view.setUint8(at + 10, b.classId);
    view.setUint8(at + 11, 0); // box flags, reserved
    view.setInt32(at + 12, b.trackId, true);
    at += BOX_RECORD_BYTES;
  }
  return at;
}

/** Reads one frame record; throws RangeError when it runs past `end`. */
export function readFrameRecord(view: DataView, offset: number, end: number): { frame: DetectionFrame; next: number } {
  if (offset + FRAME_RECORD_BYTES > end) throw new RangeError('frame record runs past the end');
  const index = view.getUint32(offset, true);
  const count = view.getUint16(offset + 4, true);
  const pts = view.getFloat64(offset + 8, true);
  const next = offset + FRAME_RECORD_BYTES + count * BOX_RECORD_BYTES;
  if (next > end) throw new RangeError(`frame ${index}: boxes run past the end`);
  const boxes: TrackedDetection[] = new Array<TrackedDetection>(count);
  let at = offset + FRAME_RECORD_BYTES;
  for (let i = 0; i < count; i++) {
    boxes[i] = {
      x1: view.getInt16(at, true) / COORD_SCALE,
      y1: view.getInt16(at + 2, true) / COORD_SCALE,
      x2: view.getInt16(at + 4, true) / COORD_SCALE,
      y2: view.getInt16(at + 6, true) / COORD_SCALE,
      score: view.getUint16(at + 8, true) / SCORE_SCALE,
      classId: view.getUint8(at + 10),
      trackId: view.getInt32(at + 12, true),
    };
    at += BOX_RECORD_BYTES;
  }
  return { frame: { index, pts, boxes }, next };
}

/**
 * Decodes a window buffer: header {magic "RKDW", version u16, reserved u16, frameCount u32,
 * reserved u32, t0 f64, t1 f64} then frameCount frame records. Throws RangeError when damaged.
 */
export function decodeDetectionsWindow(data: ArrayBuffer | Uint8Array): DetectionsWindow {
  const view =
    data instanceof Uint8Array ? new DataView(data.buffer, data.byteOffset, data.byteLength) : new DataView(data);
  if (view.byteLength < WINDOW_HEADER_BYTES || view.getUint32(0, true) !== WINDOW_MAGIC) {
    throw new RangeError('not a detections window (bad magic)');
  }
  const version = view.getUint16(4, true);
  if (version !== WINDOW_VERSION) throw new RangeError(`unsupported detections window version ${version}`);
  const count = view.getUint32(8, true);
  const t0 = view.getFloat64(16, true);
  const t1 = view.getFloat64(24, true);
  const frames: DetectionFrame[] = [];
  let at = WINDOW_HEADER_BYTES;
  for (let i = 0; i < count; i++) {
    const { frame, next } = readFrameRecord(view, at, view.byteLength);
    frames.push(frame);
    at = next;
  }
  if (at !== view.byteLength) throw new RangeError('detections window has trailing bytes');
  return { t0, t1, frames };
}

/**
 * A box exactly as it will read back from storage. The analysis pipeline feeds the tracker these
 * values, so replaying stored chunks after a crash rebuilds the very same tracker state.
 */
export function quantizeBox<B extends Detection>(box: B): B {
  return {
    ...box,
    x1: quantCoord(box.x1) / COORD_SCALE,
    y1: quantCoord(box.y1) / COORD_SCALE,
    x2: quantCoord(box.x2) / COORD_SCALE,
    y2: quantCoord(box.y2) / COORD_SCALE,
    score: quantScore(box.score) / SCORE_SCALE,
  };
}

/** Checks every frame and sums the bytes of their records. */
function recordsBytes(frames: readonly DetectionFrame[]): number {
  let bytes = 0;
  for (const frame of frames) {
    checkFrame(frame);
    bytes += frameRecordBytes(frame);
  }
  return bytes;
}

function writeFrameRecords(view: DataView, offset: number, frames: readonly DetectionFrame[]): void {
  let at = offset;
  for (const frame of frames) at = writeFrameRecord(view, at, frame);
}

/** Encodes frames as consecutive frame records (the payload of a stored detections chunk). */
export function encodeFrameRecords(frames: readonly DetectionFrame[]): Uint8Array {
  const out = new Uint8Array(recordsBytes(frames));
  writeFrameRecords(new DataView(out.buffer), 0, frames);
  return out;
}

/**
 * Encodes the frames of the time window [t0, t1] as one buffer, the layout decodeDetectionsWindow
 * reads. Throws RangeError for what the records cannot hold (see checkFrame).
 */
export function encodeDetectionsWindow(frames: readonly DetectionFrame[], t0: number, t1: number): ArrayBuffer {
  const buffer = new ArrayBuffer(WINDOW_HEADER_BYTES + recordsBytes(frames));
  const view = new DataView(buffer);
  view.setUint32(0, WINDOW_MAGIC, true);
  view.setUint16(4, WINDOW_VERSION, true);
  view.setUint16(6, 0, true); // reserved
  view.setUint32(8, frames.length, true);
  view.setUint32(12, 0, true); // reserved
  view.setFloat64(16, t0, true);
  view.setFloat64(24, t1, true);
  writeFrameRecords(view, WINDOW_HEADER_BYTES, frames);
  return buffer;
}

export function decodeFrameRecords(bytes: Uint8Array): DetectionFrame[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const frames: DetectionFrame[] = [];
  for (let at = 0; at < bytes.byteLength;) {
    const { frame, next } = readFrameRecord(view, at, bytes.byteLength);
    frames.push(frame);
    at = next;
  }
  return frames;
}
