import { availableParallelism } from 'node:os';
import type { DetectionFrame } from '../../contract/detection.ts';
import { quantizeBox } from '../../contract/detections-window.ts';
import type { VideoProbe } from '../../contract/domain.ts';
import { AppFailure } from '../../contract/errors.ts';
import type { Detection } from '../../contract/detection.ts';
import type { FrameDetector } from '../detect/inference-thread.ts';
import { ffmpegLetterboxFilter, letterboxGeometry } from '../detect/letterbox.ts';
import type { Logger } from '../log.ts';
import type { Tracker } from '../track/tracker.ts';
import type { JerseySampleRow, JerseySampler } from '../affiliation/sampler.ts';
import { openFrameSource } from './frame-source.ts';
import type { HwDecodeProbe } from './hwaccel.ts';

/**
 * startPts may be any time after frame startFrame - 1 and no later than frame startFrame: half a
 * millisecond past the stored frame is both (frames are ≥ 1 ms apart, and stored pts are exact).
 */
const RESUME_PTS_MARGIN_S = 0.0005;

export interface PipelineOptions {
  ffmpeg: string;
  videoPath: string;
  probe: VideoProbe;
  /** Reads each frame before detect() returns, so the next frame can be decoded into its buffer. */
  detector: Pick<FrameDetector, 'manifest' | 'detect'>;
  tracker: Tracker;
  /** 'auto' probes hardware decoders and uses one that works; the decision goes to onDecoder. */
  hwaccel?: 'auto' | 'none';
  onDecoder?(hwDecode: HwDecodeProbe | null): void;
  /** ONNX Runtime's intra-op threads: the decoder gets the remaining cores. */
  detectorThreads: number;
  stride: number;
  score: number;
  nms: number;
  /** Class ids to keep; null keeps every class. */
  classIds: ReadonlySet<number> | null;
  /** Resume point: the first source frame index still to analyse. */
  startFrame: number;
  /**
   * The pts of frame startFrame - 1 (the last one stored) on a resume: the decoder then seeks
   * near it instead of decoding the whole game up to it, and takes the frames after it.
   */
  resumeAfterPts?: number;
  /** Analysed frames per committed chunk. */
  chunkFrames: number;
  /** Stop after this many analysed frames (benchmarks). */
  maxFrames?: number;
  /** Takes jersey samples of the tracked people on the frames it wants (team affiliation). */
  jerseys?: JerseySampler;
  /**
   * Called with each full chunk and the jersey samples of its frames; the next chunk is not
   * started until it resolves (backpressure).
   */
  onChunk(frames: DetectionFrame[], resume: { nextFrame: number }, samples: JerseySampleRow[]): void | Promise<void>;
  /** After each analysed frame; the next frame is not tracked until it resolves (benchmarks pause here). */
  onFrame?(analysed: number): void | Promise<void>;
  signal: AbortSignal;
  log: Logger;
}

export interface PipelineResult {
  analysedFrames: number;
  /** The first source frame index not analysed (the resume point after this run). */
  nextFrame: number;
  hwDecode: string | null;
}

/**
 * ffmpeg (decode + letterbox, its own process) → bounded frame queue → inference thread → NMS →
 * tracker → chunk sink. Frame N+1 is handed to the inference thread before frame N's boxes are
 * tracked and stored, so the session never waits for this thread: tracking, storage and reading
 * ffmpeg's pipe all happen while the model runs. ffmpeg decodes ahead in parallel until the queue
 * is full and is then paused, so memory stays flat however long the game is.
 */
export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const { probe, detector, signal } = options;
  const input = detector.manifest.input;
  const geometry = letterboxGeometry(
    probe.width,
    probe.height,
    input.width,
    input.height,
    detector.manifest.letterbox.placement,
  );
  const letterbox = ffmpegLetterboxFilter(geometry, detector.manifest);
  const source = await openFrameSource({
    ffmpeg: options.ffmpeg,
    input: options.videoPath,
    filter: letterbox.filter,
    pixFmt: letterbox.pixFmt,
    width: input.width,
    height: input.height,
    stride: options.stride,
    startFrame: options.startFrame,
    ...(options.resumeAfterPts !== undefined && options.startFrame > 0
      ? { startPts: options.resumeAfterPts + RESUME_PTS_MARGIN_S }
      : {}),
    hwaccel: options.hwaccel ?? 'none',
    ...(options.jerseys ? { stills: options.jerseys.stills } : {}),
    decodeThreads: Math.max(1, availableParallelism() - options.detectorThreads),
    signal,
    log: options.log.child('decode'),
  });
  options.onDecoder?.(source.hwDecode);
  const detectOptions = { score: options.score, nms: options.nms, classes: options.classIds };
  let chunk: DetectionFrame[] = [];
  let samples: JerseySampleRow[] = [];
  const jerseys = options.jerseys;
  const stills = jerseys
    ? { width: jerseys.stills.width, height: jerseys.stills.height, order: 'yuv420p' as const }
    : null;
  const modelFrame = { width: input.width, height: input.height, order: detector.manifest.colorOrder };
  let analysed = 0;
  let submitted = 0;
  let nextFrame = options.startFrame;
  // The frame in inference: its boxes are tracked once the next frame has been handed over.
  type InFlight = {
    index: number;
    pts: number;
    boxes: Promise<Detection[]>;
    still: Uint8Array | null;
    copy: Uint8Array | null;
  };
  let inFlight: InFlight | null = null;
  const finish = async (frame: InFlight) => {
    const boxes = await frame.boxes;
    // The tracker sees exactly what storage will give back, so a resumed run replays identically.
    const tracked = options.tracker.update(frame.pts, boxes.map(quantizeBox));
    chunk.push({ index: frame.index, pts: frame.pts, boxes: tracked });
    if (jerseys && stills && frame.still) {
      samples.push(...jerseys.sample({ data: frame.still, ...stills }, frame.index, frame.pts, tracked));
    } else if (jerseys && frame.copy && jerseys.hasNew(tracked)) {
      samples.push(...jerseys.sampleNew({ data: frame.copy, ...modelFrame }, frame.index, frame.pts, tracked));
    }
    analysed += 1;
    nextFrame = frame.index + 1;
    await options.onFrame?.(analysed);
    if (chunk.length >= options.chunkFrames) {
      await options.onChunk(chunk, { nextFrame }, samples);
      chunk = [];
      samples = [];
    }
  };
  try {
    for await (const frame of source) {
      if (signal.aborted) throw new AppFailure('cancelled', 'Cancelled');
      // The source reuses its buffers on the next frame: the jersey sampler needs the pixels after
      // tracking, so it gets copies (the still's a few times a second; the model-sized frame,
      // one memcpy, for a track born between two stills).
      const still = jerseys && frame.still ? frame.still.slice() : null;
      const copy = jerseys && !frame.still ? frame.data.slice() : null;
      const boxes = detector.detect(frame.data, geometry, detectOptions);
      // Awaited below (or dropped with the run on an earlier failure, which is then what we report).
      boxes.catch(() => undefined);
      const previous = inFlight;
      inFlight = { index: frame.index, pts: frame.pts, boxes, still, copy };
      submitted += 1;
      if (previous) await finish(previous);
      if (options.maxFrames !== undefined && submitted >= options.maxFrames) break;
    }
    if (inFlight) await finish(inFlight);
    inFlight = null;
    if (chunk.length > 0) await options.onChunk(chunk, { nextFrame }, samples);
  } finally {
    await source.close();
    // A failure left a frame in inference: let it settle before the caller releases the detector.
    await inFlight?.boxes.catch(() => undefined);
  }
  return { analysedFrames: analysed, nextFrame, hwDecode: source.hwDecode?.used ?? null };
}

/** Stride from the analyst's choice: an explicit stride, or the nearest one to a target rate. */
export function strideFor(
  probe: Pick<VideoProbe, 'fps'>,
  options: { stride?: number | undefined; targetFps?: number | undefined },
): number {
  if (options.stride !== undefined) return options.stride;
  if (options.targetFps !== undefined && probe.fps > 0) return Math.max(1, Math.round(probe.fps / options.targetFps));
  return 1;
}
