import { availableParallelism } from 'node:os';
import { quantizeBox, type DetectionFrame } from '../../contract/detections-window.ts';
import type { VideoProbe } from '../../contract/domain.ts';
import { AppFailure } from '../../contract/errors.ts';
import type { Detector } from '../detect/session.ts';
import { ffmpegLetterboxFilter, letterboxGeometry } from '../detect/letterbox.ts';
import type { Logger } from '../log.ts';
import type { Tracker } from '../track/tracker.ts';
import { openFrameSource } from './frame-source.ts';
import type { HwDecodeProbe } from './hwaccel.ts';

export interface PipelineOptions {
  ffmpeg: string;
  videoPath: string;
  probe: VideoProbe;
  detector: Detector;
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
  /** Analysed frames per committed chunk. */
  chunkFrames: number;
  /** Stop after this many analysed frames (benchmarks). */
  maxFrames?: number;
  /** Called with each full chunk; the next chunk is not started until it resolves (backpressure). */
  onChunk(frames: DetectionFrame[], resume: { nextFrame: number }): void | Promise<void>;
  onFrame?(analysed: number): void;
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
 * ffmpeg (decode + letterbox, its own process) → bounded frame queue → ORT → NMS → tracker →
 * chunk sink. One frame is in inference at a time; ffmpeg decodes ahead in parallel until the
 * queue is full and is then paused, so memory stays flat however long the game is.
 */
export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const { probe, detector, signal } = options;
  const input = detector.manifest.input;
  const geometry = letterboxGeometry(probe.width, probe.height, input.width, input.height, detector.manifest.letterbox.placement);
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
    hwaccel: options.hwaccel ?? 'none',
    decodeThreads: Math.max(1, availableParallelism() - options.detectorThreads),
    signal,
    log: options.log.child('decode'),
  });
  options.onDecoder?.(source.hwDecode);
  const detectOptions = { score: options.score, nms: options.nms, classes: options.classIds };
  let chunk: DetectionFrame[] = [];
  let analysed = 0;
  let nextFrame = options.startFrame;
  try {
    for await (const frame of source) {
      if (signal.aborted) throw new AppFailure('cancelled', 'Cancelled');
      const boxes = await detector.detect(frame.data, geometry, detectOptions);
      // The tracker sees exactly what storage will give back, so a resumed run replays identically.
      const tracked = options.tracker.update(frame.pts, boxes.map(quantizeBox));
      chunk.push({ index: frame.index, pts: frame.pts, boxes: tracked });
      analysed += 1;
      nextFrame = frame.index + 1;
      options.onFrame?.(analysed);
      if (chunk.length >= options.chunkFrames) {
        await options.onChunk(chunk, { nextFrame });
        chunk = [];
      }
      if (options.maxFrames !== undefined && analysed >= options.maxFrames) break;
    }
    if (chunk.length > 0) await options.onChunk(chunk, { nextFrame });
  } finally {
    await source.close();
  }
  return { analysedFrames: analysed, nextFrame, hwDecode: source.hwDecode?.used ?? null };
}

/** Stride from the analyst's choice: an explicit stride, or the nearest one to a target rate. */
export function strideFor(probe: Pick<VideoProbe, 'fps'>, options: { stride?: number | undefined; targetFps?: number | undefined }): number {
  if (options.stride !== undefined) return options.stride;
  if (options.targetFps !== undefined && probe.fps > 0) return Math.max(1, Math.round(probe.fps / options.targetFps));
  return 1;
}
