import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { AppFailure } from '../../contract/errors.ts';
import { BoundedQueue } from './bounded-queue.ts';
import { StderrLines, failureFromExit, parseShowinfoLine } from './ffmpeg-stderr.ts';
import { FrameAssembler, FramePool, type Frame } from './frame-assembler.ts';
import {
  DEFAULT_QUEUE_FRAMES,
  firstIndex,
  frameSourceArgs,
  type FrameSourceOptions,
  isStill,
  validateFrameSourceOptions,
  yuv420pBytes,
} from './frame-source-args.ts';
import { shellQuote } from '../media/shell-quote.ts';
import { probeHwDecode, type HwDecodeProbe } from './hwaccel.ts';

export type { Frame } from './frame-assembler.ts';
export type { FrameSourceOptions } from './frame-source-args.ts';

/**
 * Decoded frames in source order. Ownership: a frame (its object and its `data`) is lent to the
 * consumer until the consumer's next call to next() (or close()/return()), then it is reused for
 * a later frame. Copy `data` to keep it longer. One consumer at a time.
 */
export interface FrameSource extends AsyncIterableIterator<Frame, undefined> {
  readonly pid: number | undefined;
  /** The hardware decode decision: null when hwaccel was 'none'. */
  readonly hwDecode: HwDecodeProbe | null;
  /** The most frames ever queued ahead of the consumer (≤ queueFrames). */
  readonly queueHighWater: number;
  /** How many frame buffers were ever allocated (stays ≤ queueFrames + 2). */
  readonly buffersAllocated: number;
  /** Stops ffmpeg (if still running) and resolves once the process has exited. */
  close(): Promise<void>;
}

/**
 * Opens one ffmpeg process that decodes `input`, runs the model filter and writes raw frames to
 * stdout. Raw video has no timestamps, so each frame's pts comes from the showinfo filter on
 * stderr: a showinfo line is written before its frame reaches stdout, but Node reads the two
 * pipes independently, so the source pairs them by frame number and holds whichever side
 * arrives first. (ffprobe up front would read the file twice and needs its own frame-count
 * bookkeeping; nut would need a demuxer in JS.) `-copyts` keeps the file's own timestamps:
 * without it ffmpeg shifts the first frame to 0.
 */
export async function openFrameSource(options: FrameSourceOptions): Promise<FrameSource> {
  validateFrameSourceOptions(options);
  const { signal, log } = options;
  if (signal.aborted) throw new AppFailure('cancelled', 'Cancelled');
  let hwDecode: HwDecodeProbe | null = null;
  if (options.hwaccel === 'auto') {
    hwDecode = await probeHwDecode(options.ffmpeg, options.input, log, signal);
    if (hwDecode.used === null)
      log.info('software decoding', { why: hwDecode.tried.map((t) => `${t.name}: ${t.reason}`) });
  }
  const stride = options.stride ?? 1;
  const startFrame = options.startFrame ?? 0;
  const args = frameSourceArgs(options, hwDecode?.used ?? null);
  log.info('ffmpeg', { command: shellQuote([options.ffmpeg, ...args]) });
  // Stills come on fd 3, so neither output's bytes have to be told apart in one stream.
  const stdio = options.stills ? (['ignore', 'pipe', 'pipe', 'pipe'] as const) : (['ignore', 'pipe', 'pipe'] as const);
  const child = spawn(options.ffmpeg, args, { stdio: [...stdio] }) as unknown as FfmpegChild;
  return new FfmpegFrameSource(child, options, hwDecode, firstIndex(stride, startFrame), stride);
}

type FfmpegChild = ChildProcessByStdio<null, Readable, Readable> & { stdio: (Readable | null)[] };

/**
 * Stills on their own pipe: always read at once (they are a few a second, and ffmpeg writing one
 * must never wait on us while we wait for its model frames), held until their model frame has
 * its pts.
 */
class StillPipe {
  readonly pool: FramePool;
  readonly #assembler: FrameAssembler;
  readonly ready: Frame[] = [];

  constructor(frameBytes: number) {
    this.pool = new FramePool(frameBytes);
    this.#assembler = new FrameAssembler(this.pool);
  }

  get partialBytes(): number {
    return this.#assembler.partialBytes;
  }

  feed(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      offset = this.#assembler.feed(chunk, offset);
      const frame = this.#assembler.takeFrame();
      if (frame) this.ready.push(frame);
    }
  }
}

class FfmpegFrameSource implements FrameSource {
  readonly hwDecode: HwDecodeProbe | null;
  readonly #child: FfmpegChild;
  readonly #options: FrameSourceOptions;
  readonly #capacity: number;
  readonly #queue: BoundedQueue<Frame>;
  readonly #pool: FramePool;
  readonly #assembler: FrameAssembler;
  readonly #stderr = new StderrLines();
  readonly #firstIndex: number;
  readonly #stride: number;
  // Frames whose bytes are complete but whose showinfo line has not been read yet, and the
  // reverse; at most a few entries because ffmpeg cannot run ahead of a paused stdout.
  readonly #awaitingPts: Frame[] = [];
  readonly #ptsTicks: number[] = [];
  // Frames with their pts, in order, held until the first of them that is a still has its pixels.
  readonly #awaitingStill: { frame: Frame; still: boolean }[] = [];
  readonly #stills: StillPipe | null;
  #lastStillPts: number;
  #ticksSeen = 0;
  #emitted = 0;
  #timeBase = Number.NaN;
  #lent: Frame | undefined;
  // Chunks read but not yet cut into frames because the queue was full. Usually at most one,
  // since stdout is paused then; but when ffmpeg exits, Node resumes every stdout that has no
  // 'readable' listener to flush it (child_process flushStdio), so chunks keep arriving while we
  // think it is paused — at most the pipe's capacity, so this stays bounded.
  readonly #stash: Buffer[] = [];
  #stashOffset = 0;
  #paused = false;
  #cancelRequested = false;
  #failure: AppFailure | undefined;
  #exitCode: number | null | undefined;
  #exitSignal: string | null = null;
  #closed = false;
  readonly #closedPromise: Promise<void>;
  readonly #onAbort = () => this.#cancel();

  constructor(
    child: FfmpegChild,
    options: FrameSourceOptions,
    hwDecode: HwDecodeProbe | null,
    first: number,
    stride: number,
  ) {
    this.#child = child;
    this.#options = options;
    this.hwDecode = hwDecode;
    this.#firstIndex = first;
    this.#stride = stride;
    this.#capacity = options.queueFrames ?? DEFAULT_QUEUE_FRAMES;
    this.#queue = new BoundedQueue<Frame>({ capacity: this.#capacity });
    this.#pool = new FramePool(options.width * options.height * 3);
    this.#assembler = new FrameAssembler(this.#pool);
    const stills = options.stills;
    this.#stills = stills ? new StillPipe(yuv420pBytes(stills.width, stills.height)) : null;
    this.#lastStillPts = stills?.afterPts ?? Number.NEGATIVE_INFINITY;
    child.stdio[3]?.on('data', (chunk: Buffer) => {
      this.#stills?.feed(chunk);
      this.#release();
    });
    // 'close' comes after the exit and after every pipe closed; a failed spawn only emits 'error'.
    this.#closedPromise = new Promise((resolve) => child.on('close', () => resolve()).on('error', () => resolve()));
    child.stdout.on('data', this.#onData);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => this.#stderr.push(text, this.#onLine));
    child.on('error', (error: NodeJS.ErrnoException) => this.#spawnError(error));
    child.on('exit', (code, signal) => this.#exited(code, signal));
    child.on('close', () => this.#settle());
    options.signal.addEventListener('abort', this.#onAbort, { once: true });
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }
  get queueHighWater(): number {
    return this.#queue.highWater;
  }
  get buffersAllocated(): number {
    return this.#pool.allocated;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<Frame, undefined>> {
    this.#returnLent();
    const result = this.#queue.take();
    this.#release();
    this.#maybeResume();
    const item = await result;
    if (!item.done) this.#lent = item.value;
    return item;
  }

  async return(): Promise<IteratorResult<Frame, undefined>> {
    await this.close();
    return { value: undefined, done: true };
  }

  async close(): Promise<void> {
    this.#returnLent();
    if (!this.#closed) this.#cancel();
    await this.#closedPromise;
  }

  #returnLent(): void {
    if (this.#lent) this.#recycle(this.#lent);
    this.#lent = undefined;
  }

  #recycle(frame: Frame): void {
    if (frame.still && this.#stills) this.#stills.pool.release({ index: -1, pts: Number.NaN, data: frame.still });
    frame.still = undefined;
    this.#pool.release(frame);
  }

  #held(): number {
    return this.#queue.size + this.#awaitingPts.length + this.#awaitingStill.length;
  }

  /**
   * ffmpeg writes a still some frames after its model frame (measured: up to 14 frames at the
   * start of a 1080p clip); it must be able to write those model frames, or it never gets to the
   * still and waits on us as we wait on it. So while the oldest held frame waits for its still,
   * stdout keeps being read.
   */
  #waitingOnStill(): boolean {
    const head = this.#awaitingStill[0];
    return head !== undefined && head.still && (this.#stills?.ready.length ?? 0) === 0;
  }

  #mustPause(): boolean {
    return this.#held() >= this.#capacity && !this.#waitingOnStill();
  }

  readonly #onData = (chunk: Buffer): void => {
    this.#stash.push(chunk);
    this.#pump();
  };

  /** Cuts stashed stdout bytes into frames until the queue is full, then pauses stdout. */
  #pump(): void {
    while (this.#stash.length > 0) {
      const chunk = this.#stash[0] as Buffer;
      while (this.#stashOffset < chunk.length) {
        if (this.#mustPause() || this.#failure) {
          this.#paused = true;
          this.#child.stdout.pause();
          return;
        }
        this.#stashOffset = this.#assembler.feed(chunk, this.#stashOffset);
        const frame = this.#assembler.takeFrame();
        if (frame) {
          this.#awaitingPts.push(frame);
          this.#pair();
        }
      }
      this.#stash.shift();
      this.#stashOffset = 0;
    }
  }

  #maybeResume(): void {
    if (!this.#paused || this.#failure || this.#mustPause()) return;
    this.#pump();
    if (this.#stash.length > 0) return;
    this.#paused = false;
    this.#child.stdout.resume();
    this.#maybeFinish();
  }

  readonly #onLine = (line: string): void => {
    const parsed = parseShowinfoLine(line, this.#ticksSeen === 0);
    if (!parsed) return;
    if (parsed.kind === 'time-base') {
      this.#timeBase = parsed.num / parsed.den;
      return;
    }
    if (parsed.n !== this.#ticksSeen) {
      this.#fail(
        new AppFailure('internal', `showinfo frame ${parsed.n} arrived out of order (expected ${this.#ticksSeen})`),
      );
      return;
    }
    const { width, height } = this.#options;
    if (parsed.size !== undefined && parsed.size !== `${width}x${height}`) {
      const message = `The analysis filter outputs ${parsed.size} frames, not the ${width}x${height} the model needs`;
      this.#fail(new AppFailure('internal', message, this.#options.filter));
      return;
    }
    this.#ticksSeen += 1;
    this.#ptsTicks.push(parsed.pts);
    this.#pair();
  };

  #pair(): void {
    while (this.#awaitingPts.length > 0 && this.#ptsTicks.length > 0) {
      const frame = this.#awaitingPts.shift() as Frame;
      const ticks = this.#ptsTicks.shift() as number;
      frame.index = this.#firstIndex + this.#emitted * this.#stride;
      frame.pts = ticks * this.#timeBase;
      this.#emitted += 1;
      if (Number.isNaN(frame.pts)) {
        this.#fail(new AppFailure('internal', 'ffmpeg did not report the time base before the first frame'));
        return;
      }
      const stills = this.#options.stills;
      const still = stills !== undefined && isStill(frame.pts, this.#lastStillPts, stills.periodS);
      if (still) this.#lastStillPts = frame.pts;
      this.#awaitingStill.push({ frame, still });
      this.#release();
    }
  }

  /** Hands frames on in order, each still once its full-size pixels have arrived. */
  #release(): void {
    const ready = this.#stills?.ready;
    while (this.#awaitingStill.length > 0 && !this.#queue.isFull) {
      const head = this.#awaitingStill[0]!;
      if (head.still) {
        const pixels = ready?.shift();
        if (!pixels) return;
        head.frame.still = pixels.data;
      }
      this.#awaitingStill.shift();
      this.#queue.push(head.frame);
    }
    this.#maybeFinish();
  }

  #spawnError(error: NodeJS.ErrnoException): void {
    const failure =
      error.code === 'ENOENT'
        ? new AppFailure('tool-missing', `ffmpeg not found at ${this.#options.ffmpeg}`)
        : new AppFailure('internal', `Could not run ffmpeg: ${error.message}`);
    this.#fail(failure);
    this.#settle();
  }

  #exited(code: number | null, signal: string | null): void {
    [this.#exitCode, this.#exitSignal] = [code, signal];
    if (code !== 0 || this.#failure || this.#cancelRequested) this.#stop();
  }

  /** Kills ffmpeg and drops unread output: a paused stdout holding bytes would keep 'close' from firing. */
  #stop(): void {
    // SIGKILL: a reader has nothing to flush, and ffmpeg blocked on a full pipe may not act on SIGTERM.
    if (this.#exitCode === undefined) this.#child.kill('SIGKILL');
    this.#child.stdout.destroy();
    this.#child.stdio[3]?.destroy();
  }

  /** All pipes are closed and the process has been reaped. */
  #settle(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#options.signal.removeEventListener('abort', this.#onAbort);
    this.#stderr.end(this.#onLine);
    if (this.#cancelRequested) this.#fail(new AppFailure('cancelled', 'Cancelled'));
    else if (this.#exitCode !== 0 && this.#exitCode !== undefined) {
      this.#fail(failureFromExit(this.#exitCode, this.#exitSignal, this.#stderr.tail, this.#options.input));
    }
    this.#maybeFinish();
  }

  /** Ends the stream once ffmpeg exited cleanly and every byte and pts has been paired. */
  #maybeFinish(): void {
    if (!this.#closed || this.#failure || this.#stash.length > 0 || this.#queue.isClosed) return;
    // Frames whose stills are here but that wait for room in the queue: next() hands them on.
    if (this.#awaitingStill.length > 0 && !this.#waitingOnStill()) return;
    const stills = this.#stills;
    const unpaired = this.#awaitingPts.length > 0 || this.#ptsTicks.length > 0 || this.#awaitingStill.length > 0;
    const strayStills = stills ? stills.ready.length + stills.partialBytes : 0;
    if (this.#assembler.partialBytes > 0 || unpaired || strayStills > 0) {
      const detail = `partial bytes ${this.#assembler.partialBytes}, frames without pts ${this.#awaitingPts.length}, pts without frames ${this.#ptsTicks.length}, frames without stills ${this.#awaitingStill.length}, stills without frames ${strayStills}\n${this.#stderr.tail}`;
      this.#fail(new AppFailure('internal', 'ffmpeg frames and timestamps did not match up', detail));
      return;
    }
    const { log, input } = this.#options;
    if (this.#stderr.decodeErrors > 0) log.warn('decode errors', { input, count: this.#stderr.decodeErrors });
    log.debug('frame source done', { frames: this.#emitted, buffers: this.#pool.allocated });
    // ffmpeg exits 0 when the file simply stops early: deliver what decoded, then say so.
    const message = `The video ends early (truncated after ${this.#emitted} analysed frames): ${input}`;
    this.#queue.end(this.#stderr.truncated ? new AppFailure('corrupt-media', message, this.#stderr.tail) : undefined);
  }

  #cancel(): void {
    this.#cancelRequested = true;
    if (this.#closed) this.#fail(new AppFailure('cancelled', 'Cancelled'));
    else this.#stop();
  }

  /** Rejects every pending and later next(); the first failure wins. */
  #fail(failure: AppFailure): void {
    if (this.#failure) return;
    this.#failure = failure;
    if (failure.kind !== 'cancelled')
      this.#options.log.warn('frame source failed', { kind: failure.kind, message: failure.message });
    for (const frame of this.#queue.fail(failure)) this.#recycle(frame);
    for (const frame of this.#awaitingPts.splice(0)) this.#recycle(frame);
    for (const { frame } of this.#awaitingStill.splice(0)) this.#recycle(frame);
    this.#stash.length = 0;
    if (!this.#closed) this.#stop();
  }
}
