/**
 * Byte layout of the detections file, version 1 (docs/formats.md, "Detections binary format v1"):
 *   header (32 B) · chunk* · index · footer (16 B), all little-endian.
 * Shared by writer.ts and reader.ts so the offsets live in one place.
 */
import { AppFailure } from '../../contract/errors.ts';

const magic = (s: string): number =>
  (s.charCodeAt(0) | (s.charCodeAt(1) << 8) | (s.charCodeAt(2) << 16) | (s.charCodeAt(3) << 24)) >>> 0;

export const FILE_MAGIC = magic('RKDT');
export const CHUNK_MAGIC = magic('RKCK');
export const INDEX_MAGIC = magic('RKIX');
export const FOOTER_MAGIC = magic('RKND');
export const FORMAT_VERSION = 1;

export const HEADER_BYTES = 32;
export const CHUNK_HEADER_BYTES = 40;
/** Chunk header + payload + trailing CRC32. */
export const CHUNK_OVERHEAD_BYTES = CHUNK_HEADER_BYTES + 4;
export const INDEX_ENTRY_BYTES = 40;
export const FOOTER_BYTES = 16;
export const MAX_FRAMES_PER_CHUNK = 0xffff;

export interface DetectionsHeader {
  /** Source video size in pixels (boxes are in these pixels). */
  width: number;
  height: number;
  /** Analysed frames per second, a hint for readers (0 = unknown); timing is always each frame's pts. */
  fpsHint: number;
  /** Number of classes of the model (class ids are < classCount). */
  classCount: number;
}

/** One chunk as the index (or a recovery scan) describes it. */
export interface ChunkEntry {
  /** Byte offset of the chunk header in the file. */
  offset: number;
  /** Whole chunk: header + payload + CRC. */
  byteLength: number;
  frameCount: number;
  firstFrame: number;
  lastFrame: number;
  firstPts: number;
  lastPts: number;
}

export function corrupt(message: string, detail?: string): AppFailure {
  return new AppFailure('corrupt-media', `Detections file: ${message}`, detail);
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3, as zlib/PNG), so a chunk can be checked with any standard tool. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = (CRC_TABLE[(c ^ (bytes[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function encodeHeader(h: DetectionsHeader): Uint8Array {
  const ok = (v: number, max: number) => Number.isInteger(v) && v >= 0 && v <= max;
  if (!ok(h.width, 0xffff_ffff) || !ok(h.height, 0xffff_ffff) || !ok(h.classCount, 256)) {
    throw new AppFailure(
      'invalid-args',
      'Detections header: width, height or classCount out of range',
      JSON.stringify(h),
    );
  }
  if (!(Number.isFinite(h.fpsHint) && h.fpsHint >= 0)) {
    throw new AppFailure('invalid-args', `Detections header: fpsHint ${h.fpsHint} must be ≥ 0`);
  }
  const bytes = new Uint8Array(HEADER_BYTES);
  const v = new DataView(bytes.buffer);
  v.setUint32(0, FILE_MAGIC, true);
  v.setUint16(4, FORMAT_VERSION, true);
  v.setUint16(6, 0, true); // flags, reserved
  v.setUint32(8, h.width, true);
  v.setUint32(12, h.height, true);
  v.setFloat64(16, h.fpsHint, true);
  v.setUint16(24, h.classCount, true);
  v.setUint16(26, 0, true);
  v.setUint32(28, crc32(bytes, 0, 28), true);
  return bytes;
}

export function decodeHeader(bytes: Uint8Array): DetectionsHeader & { version: number } {
  if (bytes.length < HEADER_BYTES) throw corrupt('shorter than its header');
  const v = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  if (v.getUint32(0, true) !== FILE_MAGIC) throw corrupt('bad magic (not an RKDT file)');
  const version = v.getUint16(4, true);
  if (version !== FORMAT_VERSION) throw corrupt(`unsupported version ${version}`);
  if (v.getUint32(28, true) !== crc32(bytes, 0, 28)) throw corrupt('header checksum mismatch');
  return {
    version,
    width: v.getUint32(8, true),
    height: v.getUint32(12, true),
    fpsHint: v.getFloat64(16, true),
    classCount: v.getUint16(24, true),
  };
}

export function writeChunkHeader(v: DataView, at: number, payloadBytes: number, e: ChunkEntry): void {
  v.setUint32(at, CHUNK_MAGIC, true);
  v.setUint32(at + 4, payloadBytes, true);
  v.setUint32(at + 8, e.frameCount, true);
  v.setUint32(at + 12, e.firstFrame, true);
  v.setUint32(at + 16, e.lastFrame, true);
  v.setUint32(at + 20, 0, true); // reserved
  v.setFloat64(at + 24, e.firstPts, true);
  v.setFloat64(at + 32, e.lastPts, true);
}

/** Reads a chunk header at `at` (relative to v); null when the magic is not there. */
export function readChunkHeader(
  v: DataView,
  at: number,
  fileOffset: number,
): (ChunkEntry & { payloadBytes: number }) | null {
  if (v.getUint32(at, true) !== CHUNK_MAGIC) return null;
  const payloadBytes = v.getUint32(at + 4, true);
  return {
    offset: fileOffset,
    byteLength: CHUNK_OVERHEAD_BYTES + payloadBytes,
    payloadBytes,
    frameCount: v.getUint32(at + 8, true),
    firstFrame: v.getUint32(at + 12, true),
    lastFrame: v.getUint32(at + 16, true),
    firstPts: v.getFloat64(at + 24, true),
    lastPts: v.getFloat64(at + 32, true),
  };
}

export function writeIndexEntry(v: DataView, at: number, e: ChunkEntry): void {
  v.setBigUint64(at, BigInt(e.offset), true);
  v.setUint32(at + 8, e.byteLength, true);
  v.setUint32(at + 12, e.frameCount, true);
  v.setUint32(at + 16, e.firstFrame, true);
  v.setUint32(at + 20, e.lastFrame, true);
  v.setFloat64(at + 24, e.firstPts, true);
  v.setFloat64(at + 32, e.lastPts, true);
}

export function readIndexEntry(v: DataView, at: number): ChunkEntry {
  return {
    offset: Number(v.getBigUint64(at, true)),
    byteLength: v.getUint32(at + 8, true),
    frameCount: v.getUint32(at + 12, true),
    firstFrame: v.getUint32(at + 16, true),
    lastFrame: v.getUint32(at + 20, true),
    firstPts: v.getFloat64(at + 24, true),
    lastPts: v.getFloat64(at + 32, true),
  };
}
