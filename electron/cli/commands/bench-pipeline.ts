/**
 * One timed run of the full analysis pipeline into a bench library (a fresh run row each time,
 * chunks and jersey samples committed as the app commits them): the pipeline side shared by
 * `bench analyze` and `bench teams`, so both measure the same thing.
 */
import type { Video } from '../../contract/domain.ts';
import type { JerseySampler } from '../../engine/affiliation/sampler.ts';
import { runPipeline } from '../../engine/analysis/pipeline.ts';
import type { FrameDetector } from '../../engine/detect/inference-thread.ts';
import type { Logger } from '../../engine/log.ts';
import { createRun } from '../../engine/store/analysis-runs.ts';
import { commitChunk } from '../../engine/store/detections.ts';
import type { StoreContext } from '../../engine/store/games.ts';
import { createTracker } from '../../engine/track/tracker.ts';

export interface BenchPipelineInput {
  store: StoreContext;
  ffmpeg: string;
  video: Pick<Video, 'id' | 'path' | 'probe'>;
  detector: FrameDetector;
  threads: number;
  log: Logger;
  maxFrames?: number;
  jerseys?: JerseySampler;
  onFrame?: (analysed: number) => void | Promise<void>;
}

export async function benchPipelineRun(
  input: BenchPipelineInput,
): Promise<{ runId: string; seconds: number; frames: number }> {
  const { store, video, detector, threads } = input;
  const run = createRun(store, {
    videoId: video.id,
    modelName: 'bench',
    modelSha256: detector.model.sha256,
    options: { ep: 'cpu', threads, score: 0.3, nms: 0.45 },
    framesTotal: input.maxFrames ?? video.probe.frameCount,
  });
  let done = 0;
  const started = performance.now();
  const result = await runPipeline({
    ffmpeg: input.ffmpeg,
    videoPath: video.path,
    probe: video.probe,
    detector,
    tracker: createTracker(),
    detectorThreads: threads,
    stride: 1,
    score: 0.3,
    nms: 0.45,
    classIds: null,
    startFrame: 0,
    chunkFrames: 32,
    ...(input.maxFrames !== undefined ? { maxFrames: input.maxFrames } : {}),
    ...(input.jerseys ? { jerseys: input.jerseys } : {}),
    onChunk: (chunk, resume, samples) => {
      done += chunk.length;
      const progress = { framesDone: done, nextFrame: resume.nextFrame, now: store.now() };
      commitChunk(store.db, run.id, chunk, progress, samples);
    },
    ...(input.onFrame ? { onFrame: input.onFrame } : {}),
    signal: new AbortController().signal,
    log: input.log,
  });
  return { runId: run.id, seconds: (performance.now() - started) / 1000, frames: result.analysedFrames };
}
