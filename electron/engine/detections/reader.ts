/**
 * Reader of the detections file: random access by frame index or by time through the chunk index,
 * sequential streaming, and recovery of a file whose writer died before the index (every complete,
 * checksum-valid chunk from the start is kept; nothing after the first bad byte is trusted).
 */
import type { FileHandle } from 'node:fs/promises';
import type { DetectionFrame } from '../../contract/detection.ts';
import { readFrameRecord } from '../../contract/detections-window.ts';
import type { ChunkEntry, DetectionsHeader } from './layout.ts';
import {
  CHUNK_HEADER_BYTES,
  CHUNK_OVERHEAD_BYTES,
  FOOTER_BYTES,
  FOOTER_MAGIC,
  HEADER_BYTES,
  INDEX_ENTRY_BYTES,
  INDEX_MAGIC,
  corrupt,
  crc32,
  decodeHeader,
  readChunkHeader,
  readIndexEntry,
} from './layout.ts';

/** Random-access bytes: an in-memory file or an open file handle. */
export interface ByteSource {
  readonly size: number;
  /** Up to `length` bytes at `offset` (fewer only at the end of the source). */
  read(offset: number, length: number): Promise<Uint8Array>;
}

export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: async (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)),
  };
}

export async function fileSource(handle: FileHandle): Promise<ByteSource> {
  const { size } = await handle.stat();
  return {
    size,
    read: async (offset, length) => {
      const buffer = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
      let got = 0;
      while (got < buffer.length) {
        const { bytesRead } = await handle.read(buffer, got, buffer.length - got, offset + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return buffer.subarray(0, got);
    },
  };
}

export interface DetectionsReader {
  readonly header: DetectionsHeader & { version: number };
  readonly chunks: readonly ChunkEntry[];
  /** True when the index was missing or damaged and the chunks were found by scanning. */
  readonly recovered: boolean;
  /** End of the last good chunk: where a resumed writer continues (writer.ts ResumeState). */
  readonly dataEnd: number;
  /** The frame with this index, or null when it was not analysed (or is not in the file). */
  frame(index: number): Promise<DetectionFrame | null>;
  /** Frames with t0 ≤ pts ≤ t1, in order. */
  window(t0: number, t1: number): Promise<DetectionFrame[]>;
  /** Every frame in order, one chunk in memory at a time. */
  frames(): AsyncGenerator<DetectionFrame>;
  /** The frames of one chunk of `chunks`, checksum-checked (importing a file chunk by chunk). */
  chunk(entry: ChunkEntry): Promise<DetectionFrame[]>;
}

const view = (b: Uint8Array): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** Decodes a whole chunk read from the file; throws when its checksum or records disagree. */
function decodeChunk(bytes: Uint8Array, entry: ChunkEntry): DetectionFrame[] {
  const v = view(bytes);
  const head = bytes.length >= CHUNK_OVERHEAD_BYTES ? readChunkHeader(v, 0, entry.offset) : null;
  if (!head || head.byteLength !== bytes.length) throw corrupt(`chunk at ${entry.offset} is damaged`);
  const end = bytes.length - 4;
  if (v.getUint32(end, true) !== crc32(bytes, 0, end)) throw corrupt(`chunk at ${entry.offset}: checksum mismatch`);
  const frames: DetectionFrame[] = [];
  let at = CHUNK_HEADER_BYTES;
  try {
    for (let i = 0; i < head.frameCount; i++) {
      const { frame, next } = readFrameRecord(v, at, end);
      frames.push(frame);
      at = next;
    }
  } catch (error) {
    throw corrupt(`chunk at ${entry.offset}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (at !== end || frames[0]?.index !== head.firstFrame || frames.at(-1)?.index !== head.lastFrame) {
    throw corrupt(`chunk at ${entry.offset}: records disagree with its header`);
  }
  return frames;
}

/** The index from the footer, or null when it is absent or fails any check. */
async function readIndex(src: ByteSource): Promise<ChunkEntry[] | null> {
  if (src.size < HEADER_BYTES + FOOTER_BYTES + 12) return null;
  const foot = view(await src.read(src.size - FOOTER_BYTES, FOOTER_BYTES));
  if (foot.getUint32(12, true) !== FOOTER_MAGIC) return null;
  const indexOffset = Number(foot.getBigUint64(0, true));
  const indexBytes = foot.getUint32(8, true);
  if (indexOffset < HEADER_BYTES || indexOffset + indexBytes + FOOTER_BYTES !== src.size) return null;
  const raw = await src.read(indexOffset, indexBytes);
  const v = view(raw);
  if (raw.length < 12 || v.getUint32(0, true) !== INDEX_MAGIC) return null;
  const count = v.getUint32(4, true);
  if (8 + count * INDEX_ENTRY_BYTES + 4 !== indexBytes) return null;
  if (v.getUint32(indexBytes - 4, true) !== crc32(raw, 0, indexBytes - 4)) return null;
  const entries: ChunkEntry[] = [];
  let expected = HEADER_BYTES;
  for (let i = 0; i < count; i++) {
    const e = readIndexEntry(v, 8 + i * INDEX_ENTRY_BYTES);
    if (e.offset !== expected) return null; // chunks are contiguous
    expected += e.byteLength;
    entries.push(e);
  }
  return expected === indexOffset ? entries : null;
}

/** Walks chunk after chunk from the header, keeping each that is complete and checksum-valid. */
async function scanChunks(src: ByteSource): Promise<ChunkEntry[]> {
  const entries: ChunkEntry[] = [];
  let at = HEADER_BYTES;
  let lastIndex = -1;
  while (at + CHUNK_OVERHEAD_BYTES <= src.size) {
    const head = readChunkHeader(view(await src.read(at, CHUNK_HEADER_BYTES)), 0, at);
    if (!head || at + head.byteLength > src.size) break;
    const entry: ChunkEntry = { ...head };
    try {
      const frames = decodeChunk(await src.read(at, head.byteLength), entry);
      if ((frames[0]?.index ?? -1) <= lastIndex) break;
      lastIndex = head.lastFrame;
    } catch {
      break; // a torn or overwritten chunk: nothing from here on can be trusted
    }
    entries.push({
      offset: head.offset,
      byteLength: head.byteLength,
      frameCount: head.frameCount,
      firstFrame: head.firstFrame,
      lastFrame: head.lastFrame,
      firstPts: head.firstPts,
      lastPts: head.lastPts,
    });
    at += head.byteLength;
  }
  return entries;
}

/** First position in sorted `items` whose key is ≥ target. */
function lowerBound<T>(items: readonly T[], target: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(items[mid] as T) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export async function openDetections(input: ByteSource | Uint8Array): Promise<DetectionsReader> {
  const src = input instanceof Uint8Array ? bytesSource(input) : input;
  const header = decodeHeader(await src.read(0, HEADER_BYTES));
  const indexed = await readIndex(src);
  const chunks = indexed ?? (await scanChunks(src));
  const lastChunk = chunks.at(-1);
  const dataEnd = lastChunk ? lastChunk.offset + lastChunk.byteLength : HEADER_BYTES;
  // One decoded chunk is kept: scrubbing and sequential frame() calls mostly stay inside it.
  let cached: { entry: ChunkEntry; frames: DetectionFrame[] } | null = null;
  const load = async (entry: ChunkEntry): Promise<DetectionFrame[]> => {
    if (cached?.entry === entry) return cached.frames;
    const frames = decodeChunk(await src.read(entry.offset, entry.byteLength), entry);
    cached = { entry, frames };
    return frames;
  };

  return {
    header,
    chunks,
    recovered: indexed === null,
    dataEnd,
    async frame(index) {
      const entry = chunks[lowerBound(chunks, index, (c) => c.lastFrame)];
      if (!entry || entry.firstFrame > index) return null;
      const frames = await load(entry);
      const found = frames[lowerBound(frames, index, (f) => f.index)];
      return found?.index === index ? found : null;
    },
    async window(t0, t1) {
      const out: DetectionFrame[] = [];
      for (let i = lowerBound(chunks, t0, (c) => c.lastPts); i < chunks.length; i++) {
        const entry = chunks[i] as ChunkEntry;
        if (entry.firstPts > t1) break;
        for (const f of await load(entry)) if (f.pts >= t0 && f.pts <= t1) out.push(f);
      }
      return out;
    },
    async *frames() {
      for (const entry of chunks) yield* await load(entry);
    },
    chunk: load,
  };
}
