/**
 * Streaming writer of the detections file: the caller writes start() first, then the bytes of each
 * appendChunk() as frames come out of analysis, then finish(). Nothing is ever rewritten, so the
 * output can go straight to a file, an upload stream or the R2 results object, and a file whose
 * writer died keeps every complete chunk (reader.ts recovers them by scanning).
 */
import { AppFailure } from '../../contract/errors.ts';
import type { DetectionFrame } from '../../contract/detection.ts';
import { checkFrame, frameRecordBytes, writeFrameRecord } from '../../contract/detections-window.ts';
import type { ChunkEntry, DetectionsHeader } from './layout.ts';
import {
  CHUNK_HEADER_BYTES,
  CHUNK_OVERHEAD_BYTES,
  FOOTER_BYTES,
  FOOTER_MAGIC,
  HEADER_BYTES,
  INDEX_ENTRY_BYTES,
  INDEX_MAGIC,
  MAX_FRAMES_PER_CHUNK,
  crc32,
  encodeHeader,
  writeChunkHeader,
  writeIndexEntry,
} from './layout.ts';

export interface DetectionsWriter {
  /** The 32-byte file header; the first bytes of the file. */
  start(): Uint8Array;
  /** Encodes frames (increasing index, non-decreasing pts, continuing the file) as one chunk. */
  appendChunk(frames: readonly DetectionFrame[]): Uint8Array;
  /** The chunk index and footer; the last bytes of the file. No chunk may follow. */
  finish(): Uint8Array;
  /** Bytes handed out so far, i.e. the file offset of the next chunk. */
  readonly offset: number;
  readonly chunks: readonly ChunkEntry[];
}

export interface ResumeState {
  /** Where the next chunk goes: the end of the last good chunk (reader's dataEnd). */
  offset: number;
  /** The chunks already in the file (reader's chunks). */
  chunks: readonly ChunkEntry[];
}

/**
 * A writer for a new file, or, with `resume`, one that continues a file cut short (truncate the
 * file to resume.offset, skip start(), append from there).
 */
export function createDetectionsWriter(header: DetectionsHeader, resume?: ResumeState): DetectionsWriter {
  const headerBytes = encodeHeader(header);
  const chunks: ChunkEntry[] = resume ? [...resume.chunks] : [];
  let offset = resume ? resume.offset : 0;
  let started = resume !== undefined;
  let finished = false;
  const last = chunks.at(-1);
  let lastIndex = last ? last.lastFrame : -1;
  let lastPts = last ? last.lastPts : -Infinity;

  const misuse = (message: string): AppFailure => new AppFailure('invalid-args', `Detections writer: ${message}`);

  return {
    get offset() {
      return offset;
    },
    get chunks() {
      return chunks;
    },
    start() {
      if (started) throw misuse('start() called twice or after resume');
      started = true;
      offset = HEADER_BYTES;
      return headerBytes.slice();
    },
    appendChunk(frames) {
      if (!started || finished) throw misuse('appendChunk() outside start() … finish()');
      if (frames.length === 0) return new Uint8Array(0);
      if (frames.length > MAX_FRAMES_PER_CHUNK) throw misuse(`more than ${MAX_FRAMES_PER_CHUNK} frames in a chunk`);
      // Validate the whole chunk before touching state, so a refused chunk leaves the writer usable.
      let payloadBytes = 0;
      let prevIndex = lastIndex;
      let prevPts = lastPts;
      for (const f of frames) {
        try {
          checkFrame(f);
        } catch (error) {
          throw misuse(error instanceof Error ? error.message : String(error));
        }
        if (f.index <= prevIndex) throw misuse(`frame index ${f.index} does not follow ${prevIndex}`);
        if (f.pts < prevPts) throw misuse(`frame ${f.index}: pts ${f.pts} goes back from ${prevPts}`);
        for (const b of f.boxes) {
          if (header.classCount > 0 && b.classId >= header.classCount) {
            throw misuse(`frame ${f.index}: classId ${b.classId} ≥ classCount ${header.classCount}`);
          }
        }
        prevIndex = f.index;
        prevPts = f.pts;
        payloadBytes += frameRecordBytes(f);
      }
      lastIndex = prevIndex;
      lastPts = prevPts;
      const first = frames[0] as DetectionFrame;
      const final = frames[frames.length - 1] as DetectionFrame;
      const entry: ChunkEntry = {
        offset,
        byteLength: CHUNK_OVERHEAD_BYTES + payloadBytes,
        frameCount: frames.length,
        firstFrame: first.index,
        lastFrame: final.index,
        firstPts: first.pts,
        lastPts: final.pts,
      };
      const bytes = new Uint8Array(entry.byteLength);
      const view = new DataView(bytes.buffer);
      writeChunkHeader(view, 0, payloadBytes, entry);
      let at = CHUNK_HEADER_BYTES;
      for (const f of frames) at = writeFrameRecord(view, at, f);
      view.setUint32(at, crc32(bytes, 0, at), true);
      chunks.push(entry);
      offset += bytes.length;
      return bytes;
    },
    finish() {
      if (!started || finished) throw misuse('finish() outside start() … finish()');
      finished = true;
      const indexBytes = 8 + chunks.length * INDEX_ENTRY_BYTES + 4;
      const bytes = new Uint8Array(indexBytes + FOOTER_BYTES);
      const view = new DataView(bytes.buffer);
      view.setUint32(0, INDEX_MAGIC, true);
      view.setUint32(4, chunks.length, true);
      chunks.forEach((c, i) => writeIndexEntry(view, 8 + i * INDEX_ENTRY_BYTES, c));
      view.setUint32(indexBytes - 4, crc32(bytes, 0, indexBytes - 4), true);
      view.setBigUint64(indexBytes, BigInt(offset), true);
      view.setUint32(indexBytes + 8, indexBytes, true);
      view.setUint32(indexBytes + 12, FOOTER_MAGIC, true);
      offset += bytes.length;
      return bytes;
    },
  };
}

/** A whole file in memory (tests, small exports): frames split into chunks of framesPerChunk. */
export function encodeDetections(
  header: DetectionsHeader,
  frames: readonly DetectionFrame[],
  framesPerChunk = 64,
): Uint8Array {
  const writer = createDetectionsWriter(header);
  const parts: Uint8Array[] = [writer.start()];
  for (let i = 0; i < frames.length; i += framesPerChunk)
    parts.push(writer.appendChunk(frames.slice(i, i + framesPerChunk)));
  parts.push(writer.finish());
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
