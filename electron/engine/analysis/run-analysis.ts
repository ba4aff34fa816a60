import type { AnalysisOptions, ProviderAttempt } from '../../contract/analysis.ts';
import type { VideoProbe } from '../../contract/domain.ts';
import { openInferenceThread, type FrameDetector } from '../detect/inference-thread.ts';
import type { ProbeLaunch } from '../detect/providers.ts';
import { classIdsFor } from '../detect/manifest.ts';
import { samplerFor } from '../affiliation/resample.ts';
import { sampledTrackIds } from '../store/affiliation.ts';
import type { Logger } from '../log.ts';
import { getRun, setRunHwDecode, setRunProvider, setRunStatus } from '../store/analysis-runs.ts';
import type { Database } from '../store/db.ts';
import {
  allDetections,
  commitChunk,
  lastStoredFrame,
  storedFrameCount,
  writeTrackSummaries,
} from '../store/detections.ts';
import type { StoreContext } from '../store/games.ts';
import { createTracker, type Tracker } from '../track/tracker.ts';
import { runPipeline, strideFor } from './pipeline.ts';

export interface RunAnalysisInput {
  store: StoreContext;
  runId: string;
  videoPath: string;
  probe: VideoProbe;
  modelPath: string;
  options: AnalysisOptions;
  ffmpeg: string;
  chunkFrames?: number;
  /** The inference thread's script (bundled builds); the TypeScript source when unset. */
  inferenceWorkerEntry?: string;
  /** How this process starts its GPU provider probes (a fork under Node when unset). */
  providerProbe?: ProbeLaunch;
  /** A detector the caller already opened on modelPath (and releases); else one is opened here. */
  detector?: FrameDetector;
  signal: AbortSignal;
  log: Logger;
  onProvider?(provider: string, attempts: readonly ProviderAttempt[]): void;
  onProgress?(framesDone: number, framesTotal: number): void;
}

export interface RunAnalysisResult {
  framesDone: number;
  provider: string;
  resumedFrom: number;
  hwDecode: string | null;
}

/** Rebuilds the tracker of a resumed run by replaying what was stored (deterministic, quantised). */
export function replayTracker(db: Database, runId: string, tracker: Tracker, log: Logger): number {
  let frames = 0;
  let mismatches = 0;
  for (const frame of allDetections(db, runId)) {
    const detections = frame.boxes.map(({ trackId: _trackId, ...box }) => box);
    const tracked = tracker.update(frame.pts, detections);
    for (let i = 0; i < tracked.length; i++) if (tracked[i]?.trackId !== frame.boxes[i]?.trackId) mismatches += 1;
    frames += 1;
  }
  if (mismatches > 0) log.warn('tracker replay differs from stored ids', { mismatches });
  return frames;
}

/**
 * Runs (or resumes) one analysis run into the library: detector on the best provider, replayed
 * tracker, pipeline from the run's resume point, one transaction per chunk, summaries at the end.
 */
export async function runAnalysis(input: RunAnalysisInput): Promise<RunAnalysisResult> {
  const { store, runId, options, log } = input;
  const run = getRun(store, runId);
  let owned: FrameDetector | null = null;
  try {
    const detector =
      input.detector ??
      (owned = await openInferenceThread({
        modelPath: input.modelPath,
        ep: options.ep,
        threads: options.threads,
        log,
        ...(input.inferenceWorkerEntry ? { workerEntry: input.inferenceWorkerEntry } : {}),
        ...(input.providerProbe ? { probe: input.providerProbe } : {}),
      }));
    setRunProvider(store, runId, detector.provider, detector.attempts.map(toContractAttempt));
    input.onProvider?.(detector.provider, detector.attempts.map(toContractAttempt));
    const tracker = createTracker();
    const replayed = replayTracker(store.db, runId, tracker, log);
    let framesDone = storedFrameCount(store.db, runId);
    const stride = strideFor(input.probe, options);
    const framesTotal = Math.ceil(input.probe.frameCount / stride);
    // Resuming: seek near the last stored frame rather than decode the game up to it (minutes of
    // 1080p after a crash late in a game). The chunk and the resume point commit together, so
    // they agree; if they ever did not, decoding from the start is slow but still right.
    const last = run.nextFrame > 0 ? lastStoredFrame(store.db, runId) : null;
    const resumeAfterPts = last && last.index + 1 === run.nextFrame ? last.pts : undefined;
    if (last && resumeAfterPts === undefined)
      log.warn('resume point and stored frames disagree: decoding from the start', { last, nextFrame: run.nextFrame });
    // Jersey samples ride along on the decode the detector uses (team affiliation, no second decode).
    const jerseys = samplerFor(detector.manifest, input.probe, {
      afterPts: resumeAfterPts,
      sampled: sampledTrackIds(store.db, runId),
    });
    setRunStatus(store, runId, 'running');
    log.info('analysis started', { runId, resumeAt: run.nextFrame, replayed, stride, provider: detector.provider });
    const result = await runPipeline({
      ffmpeg: input.ffmpeg,
      videoPath: input.videoPath,
      probe: input.probe,
      detector,
      tracker,
      detectorThreads: options.threads,
      hwaccel: 'auto',
      onDecoder: (hwDecode) => setRunHwDecode(store, runId, hwDecode),
      stride,
      score: options.score,
      nms: options.nms,
      classIds: options.classes ? classIdsFor(detector.manifest, options.classes) : null,
      startFrame: run.nextFrame,
      ...(resumeAfterPts !== undefined ? { resumeAfterPts } : {}),
      chunkFrames: input.chunkFrames ?? 32,
      jerseys,
      onChunk: (frames, resume, samples) => {
        framesDone += frames.length;
        commitChunk(store.db, runId, frames, { framesDone, nextFrame: resume.nextFrame, now: store.now() }, samples);
        input.onProgress?.(framesDone, Math.max(framesTotal, framesDone));
      },
      signal: input.signal,
      log,
    });
    writeTrackSummaries(store, runId);
    setRunStatus(store, runId, 'done');
    input.onProgress?.(framesDone, framesDone);
    return { framesDone, provider: detector.provider, resumedFrom: run.nextFrame, hwDecode: result.hwDecode };
  } finally {
    await owned?.release();
  }
}

function toContractAttempt(attempt: {
  ep: string;
  ok: boolean;
  skipped: string | null;
  error: string | null;
  nativeStderr: string;
}): ProviderAttempt {
  const out: ProviderAttempt = { ep: attempt.ep, ok: attempt.ok };
  if (attempt.skipped) out.skipped = true;
  if (attempt.error ?? attempt.skipped) out.error = attempt.error ?? attempt.skipped ?? undefined;
  if (attempt.nativeStderr) out.nativeStderr = attempt.nativeStderr;
  return out;
}
