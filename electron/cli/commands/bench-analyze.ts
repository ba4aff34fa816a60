import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openFrameSource } from '../../engine/analysis/frame-source.ts';
import { DEFAULT_QUEUE_FRAMES } from '../../engine/analysis/frame-source-args.ts';
import { DEFAULT_MODEL_FILE, sourceModelsDir } from '../../engine/detect/model-catalog.ts';
import {
  DEFAULT_INFERENCE_DEPTH,
  openInferenceThread,
  type FrameDetector,
} from '../../engine/detect/inference-thread.ts';
import { ffmpegLetterboxFilter, letterboxGeometry, toTensor } from '../../engine/detect/letterbox.ts';
import { createLogger, stderrSink, type Logger } from '../../engine/log.ts';
import { probeVideo } from '../../engine/media/probe.ts';
import { createTools, type ResolvedMediaTools } from '../../engine/media/tools.ts';
import type { VideoProbe } from '../../contract/domain.ts';
import { usage } from '../cli-error.ts';
import { loopedClip } from '../looped-clip.ts';
import { parseFlags } from '../flags.ts';
import { ensureVideo, openCliLibrary } from '../library.ts';
import { stopSignal } from '../stop-signals.ts';
import { createInterleaver, type Interleaver } from './bench-interleave.ts';
import { benchPipelineRun } from './bench-pipeline.ts';
import { createRssSampler } from './rss-sampler.ts';

/** Distinct preprocessed frames kept in memory for the ORT-only side (each is 2 MB at 416²). */
const ORT_FRAMES = 32;

/**
 * `rinkside bench analyze`: the full pipeline (decode, letterbox, ORT on the inference thread,
 * NMS, tracking, SQLite) against the same ORT session fed preprocessed frames from memory on that
 * thread, back to back; the two alternate in blocks of --block frames within each run so machine
 * drift hits both alike (bench-interleave.ts). ratio = median of per-run pipeline_fps / ort_only_fps.
 */
export async function benchAnalyzeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    frames: { type: 'string', default: '600' },
    model: { type: 'string' },
    ep: { type: 'string', default: 'cpu' },
    threads: { type: 'string', default: '1' },
    runs: { type: 'string', default: '3' },
    // Frames per interleaved block (bench-interleave.ts).
    block: { type: 'string', default: '100' },
    // Memory soak: pipeline only, RSS sampled every --rss-every seconds.
    soak: { type: 'boolean', default: false },
    'rss-every': { type: 'string', default: '10' },
  });
  const [input] = positionals;
  if (!input)
    throw usage(
      'rinkside bench analyze VIDEO [--frames N] [--model F] [--ep E] [--threads N] [--runs 3] [--block 100]',
    );
  const frames = Number(values.frames);
  const runs = Number(values.runs);
  const threads = Number(values.threads);
  const block = Number(values.block);
  if (!(frames > 0) || !(runs > 0) || !(threads > 0) || !Number.isInteger(block) || block < 1) {
    throw usage('--frames, --runs, --threads and --block must be positive');
  }
  // Not timed after each resume: the frame queue ffmpeg refilled during the pause, plus the frames in flight.
  const warmup = DEFAULT_QUEUE_FRAMES + DEFAULT_INFERENCE_DEPTH;
  if (!values.soak && frames < warmup + block)
    throw usage(`--frames must be at least ${warmup + block} (one warm-up + one block)`);
  const log = createLogger(stderrSink('warn'), 'bench');
  const tools = await createTools({ log })();
  const work = mkdtempSync(join(tmpdir(), 'rinkside-bench-'));
  const rss = createRssSampler(Number(values['rss-every']) * 1000);
  try {
    const video = await loopedToAtLeast(tools, resolve(input), frames, work, log);
    const detector = await openInferenceThread({
      modelPath: resolve(values.model ?? join(sourceModelsDir, DEFAULT_MODEL_FILE)),
      ep: values.ep as 'cpu',
      threads,
      log,
    });
    const library = openCliLibrary(join(work, 'bench.sqlite'));
    const { store } = library;
    const row = await ensureVideo(store, tools, video.path, log, stopSignal);
    const pipelineOnce = async (interleaver?: Interleaver): Promise<number> => {
      const { frames: analysed, seconds } = await benchPipelineRun({
        store,
        ffmpeg: tools.ffmpeg,
        video: { id: row.id, path: video.path, probe: video.probe },
        detector,
        threads,
        log,
        maxFrames: frames,
        onFrame: (n) => {
          rss.frame(n);
          return interleaver?.frame();
        },
      });
      return analysed / seconds;
    };
    if (values.soak) {
      const fps = await pipelineOnce();
      process.stdout.write(
        `${JSON.stringify({ pipeline_fps: round(fps), ep: detector.provider, threads, frames, ...rss.report() })}\n`,
      );
      return 0;
    }
    const tensors = await preprocessed(tools, video.path, video.probe, detector, log);
    const perRun: {
      pipeline_fps: number;
      ort_only_fps: number;
      ratio: number;
      blocks: number;
      run_ms: number;
      wait_ms: number;
    }[] = [];
    for (let r = 0; r < runs; r++) {
      // Pipeline and ORT-only alternate block by block within the run (bench-interleave.ts).
      const interleaver = createInterleaver({ block, warmup, ortBlock: (n) => ortOnlySeconds(detector, tensors, n) });
      await interleaver.begin();
      await detector.stats();
      await pipelineOnce(interleaver);
      // Per analysed frame: time in the session's run() and time it sat waiting for a frame.
      const busy = await detector.stats();
      const perFrameMs = (s: number) => round((s * 1000) / Math.max(1, busy.runs), 2);
      const { pipelineFps, ortOnlyFps, blocks } = interleaver.result();
      perRun.push({
        pipeline_fps: round(pipelineFps),
        ort_only_fps: round(ortOnlyFps),
        ratio: round(pipelineFps / ortOnlyFps, 3),
        blocks,
        run_ms: perFrameMs(busy.runSeconds),
        wait_ms: perFrameMs(busy.waitSeconds),
      });
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const report = {
      pipeline_fps: median(perRun.map((r) => r.pipeline_fps)),
      ort_only_fps: median(perRun.map((r) => r.ort_only_fps)),
      ratio: median(perRun.map((r) => r.ratio)),
      ep: detector.provider,
      threads,
      frames,
      block,
      rss_mb: rss.report().rss_max_mb,
      runs: perRun,
      video: {
        path: resolve(input),
        width: video.probe.width,
        height: video.probe.height,
        looped: video.path !== resolve(input),
      },
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
    await detector.release();
    library.close();
    return 0;
  } finally {
    rss.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

const round = (x: number, digits = 2) => Number(x.toFixed(digits));

/** The clip, looped by stream copy when it is shorter than the frames the bench needs. */
async function loopedToAtLeast(tools: ResolvedMediaTools, path: string, frames: number, work: string, log: Logger) {
  const probe = await probeVideo(tools, path, { log });
  if (probe.frameCount >= frames) return { path, probe };
  const looped = await loopedClip(
    tools,
    path,
    probe.firstFrameTimeS + (frames + 1) / Math.max(1, probe.fps),
    work,
    log,
  );
  return { path: looped, probe: await probeVideo(tools, looped, { log }) };
}

/** The first frames, letterboxed by the same ffmpeg filter and converted to tensors, kept in memory. */
async function preprocessed(
  tools: ResolvedMediaTools,
  path: string,
  probe: VideoProbe,
  detector: FrameDetector,
  log: Logger,
) {
  const { width, height } = detector.manifest.input;
  const geometry = letterboxGeometry(probe.width, probe.height, width, height, detector.manifest.letterbox.placement);
  const letterbox = ffmpegLetterboxFilter(geometry, detector.manifest);
  const source = await openFrameSource({
    ffmpeg: tools.ffmpeg,
    input: path,
    filter: letterbox.filter,
    pixFmt: letterbox.pixFmt,
    width,
    height,
    signal: new AbortController().signal,
    log,
  });
  const tensors: Float32Array[] = [];
  for await (const frame of source) {
    // On shared memory: the inference thread reads them in place.
    tensors.push(
      toTensor(frame.data, detector.manifest, new Float32Array(new SharedArrayBuffer(3 * width * height * 4))),
    );
    if (tensors.length >= ORT_FRAMES) break;
  }
  await source.close();
  return tensors;
}

/** The model's own time: the same session on its own thread, run back to back, no messages per frame. */
async function ortOnlySeconds(detector: FrameDetector, tensors: Float32Array[], frames: number): Promise<number> {
  return (await detector.benchOrtOnly(tensors, frames)).seconds;
}
