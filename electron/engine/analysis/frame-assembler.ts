/**
 * Cuts a raw-video byte stream into frames. Pipe chunks (64 KiB) do not align with frames
 * (416×416×3 = 519,168 bytes), so each byte is copied exactly once, from the chunk into a
 * pooled frame buffer. Buffers come back through release() and are reused: a 30,000-frame run
 * allocates a handful of frame buffers in total, never one per frame.
 */
export interface Frame {
  /** Source frame index, 0-based, in the order the decoder outputs frames. */
  index: number;
  /** Presentation time in seconds, as stored in the file (never shifted to start at 0). */
  pts: number;
  /** width × height × 3 bytes, packed rows; owned by the source (see FrameSource). */
  data: Uint8Array;
  /** The frame at full resolution (yuv420p planes), on the frames the source was asked stills of. */
  still?: Uint8Array | undefined;
}

export class FramePool {
  readonly frameBytes: number;
  readonly #free: Frame[] = [];
  #allocated = 0;

  constructor(frameBytes: number) {
    this.frameBytes = frameBytes;
  }

  /** How many frame buffers were ever created: tests use it to prove reuse. */
  get allocated(): number {
    return this.#allocated;
  }

  acquire(): Frame {
    const frame = this.#free.pop();
    if (frame) return frame;
    this.#allocated += 1;
    return { index: -1, pts: Number.NaN, data: new Uint8Array(this.frameBytes) };
  }

  release(frame: Frame): void {
    frame.index = -1;
    frame.pts = Number.NaN;
    this.#free.push(frame);
  }
}

export class FrameAssembler {
  readonly #pool: FramePool;
  #current: Frame | undefined;
  #filled = 0;

  constructor(pool: FramePool) {
    this.#pool = pool;
  }

  /** Bytes of an unfinished frame: non-zero at end of stream means the last frame was cut. */
  get partialBytes(): number {
    return this.#filled;
  }

  /**
   * Copies from chunk[offset…] until the chunk ends or one frame completes, so the caller can
   * stop between frames (backpressure) and keep the rest of the chunk for later. Returns the new
   * offset; a completed frame is then available from takeFrame(). No object is created per call.
   */
  feed(chunk: Buffer, offset: number): number {
    const frameBytes = this.#pool.frameBytes;
    const current = (this.#current ??= this.#pool.acquire());
    const n = Math.min(frameBytes - this.#filled, chunk.length - offset);
    chunk.copy(current.data, this.#filled, offset, offset + n);
    this.#filled += n;
    return offset + n;
  }

  /** The frame that feed() just completed, handed over once; undefined while still filling. */
  takeFrame(): Frame | undefined {
    const current = this.#current;
    if (!current || this.#filled < this.#pool.frameBytes) return undefined;
    this.#current = undefined;
    this.#filled = 0;
    return current;
  }
}
