import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AnalysisOptions } from '../../contract/analysis.ts';
import type { Video } from '../../contract/domain.ts';
import { AppFailure, toAppError } from '../../contract/errors.ts';
import { cpuOnlyNote } from '../../contract/provider-note.ts';
import { strideFor } from '../../engine/analysis/pipeline.ts';
import { runAnalysis } from '../../engine/analysis/run-analysis.ts';
import { sourceModelsDir, DEFAULT_MODEL_FILE } from '../../engine/detect/model-catalog.ts';
import { openInferenceThread } from '../../engine/detect/inference-thread.ts';
import { toJson } from '../../engine/detections/json.ts';
import { createLogger, stderrSink, type Logger } from '../../engine/log.ts';
import { refuseNonRegularFile, requireRegularFile } from '../../engine/media/regular-file.ts';
import { createTools, type ResolvedMediaTools } from '../../engine/media/tools.ts';
import {
  createRun,
  findResumableRun,
  getRun,
  markInterruptedRuns,
  setRunStatus,
} from '../../engine/store/analysis-runs.ts';
import { checkSqliteAvailable } from '../../engine/store/db.ts';
import { allDetections, listTrackSummaries } from '../../engine/store/detections.ts';
import { usage } from '../cli-error.ts';
import { parseFlags } from '../flags.ts';
import { ensureVideo, openCliLibrary, type CliLibrary } from '../library.ts';
import { stopSignal, throwIfStopped } from '../stop-signals.ts';
import { createProgressBar } from '../progress-bar.ts';

export const analyzeFlags = {
  model: { type: 'string' },
  ep: { type: 'string', default: 'auto' },
  threads: { type: 'string', default: '1' },
  stride: { type: 'string' },
  fps: { type: 'string' },
  score: { type: 'string', default: '0.3' },
  nms: { type: 'string', default: '0.45' },
  classes: { type: 'string' },
} as const;

/** Flags → AnalysisOptions through the same zod schema the app uses. */
export function optionsFromFlags(values: Record<string, string | boolean | undefined>): AnalysisOptions {
  const num = (name: string) => (typeof values[name] === 'string' ? Number(values[name]) : undefined);
  const parsed = AnalysisOptions.safeParse({
    ep: values.ep,
    threads: num('threads'),
    stride: num('stride'),
    targetFps: num('fps'),
    score: num('score'),
    nms: num('nms'),
    classes: typeof values.classes === 'string' ? values.classes.split(',').map((c) => c.trim()) : undefined,
  });
  if (!parsed.success) {
    throw usage(
      parsed.error.issues.map((i) => (i.path.length ? `--${String(i.path[0])}: ${i.message}` : i.message)).join('; '),
    );
  }
  return parsed.data;
}

export async function analyzeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    ...analyzeFlags,
    json: { type: 'string' },
    db: { type: 'string' },
  });
  const [video] = positionals;
  if (!video || positionals.length > 1) throw usage('rinkside analyze VIDEO [options] — give exactly one video');
  const options = optionsFromFlags(values);
  // The run is stored in a library: a runtime without node:sqlite is told so before the model loads.
  checkSqliteAvailable();
  const modelPath = resolve(values.model ?? `${sourceModelsDir}/${DEFAULT_MODEL_FILE}`);
  await requireRegularFile(modelPath, 'model');
  await refuseNonRegularFile(resolve(video), 'video');
  const log = createLogger(stderrSink(process.env.RINKSIDE_LOG === 'debug' ? 'debug' : 'warn'), 'cli');
  const tools = await createTools({ log })();
  // The lock first: a second Rinkside on the same library is refused before anything is loaded.
  const library = openCliLibrary(values.db);
  try {
    return await analyzeInto(library, { values, video, options, modelPath, tools, log });
  } finally {
    library.close();
  }
}

async function analyzeInto(
  library: CliLibrary,
  input: {
    values: { json?: string | undefined; db?: string | undefined };
    video: string;
    options: AnalysisOptions;
    modelPath: string;
    tools: ResolvedMediaTools;
    log: Logger;
  },
): Promise<number> {
  const { values, options, tools, log } = input;
  const { store } = library;
  // This process owns the library now: runs a killed CLI or app left 'running' are paused, resumable.
  markInterruptedRuns(store);
  // The detector opens first (on its own thread, where ORT lives): the run records the model it loaded.
  const detector = await openInferenceThread({
    modelPath: input.modelPath,
    ep: options.ep,
    threads: options.threads,
    log,
  });
  const model = detector.model;
  // Where no GPU provider loads, CPU is the expected outcome: one calm line, not the native text.
  const cpuOnly = cpuOnlyNote(
    options.ep,
    detector.provider,
    detector.attempts.map((attempt) => ({ ep: attempt.ep, ok: attempt.ok })),
  );
  if (cpuOnly) process.stderr.write(`rinkside: ${cpuOnly} (RINKSIDE_LOG=debug shows the native text)\n`);
  let row: Video;
  try {
    throwIfStopped();
    row = await ensureVideo(store, tools, input.video, log, stopSignal);
  } catch (error) {
    await detector.release();
    throw error;
  }
  const runOptions = { ...options, modelId: model.sha256 };
  // The same analysis of the same video, interrupted (kill -9, Ctrl+C): carry on from its last chunk.
  const run =
    findResumableRun(store, { videoId: row.id, modelSha256: model.sha256, options: runOptions }) ??
    createRun(store, {
      videoId: row.id,
      modelName: model.manifest.name,
      modelSha256: model.sha256,
      options: runOptions,
      framesTotal: row.probe.frameCount,
    });
  const bar = createProgressBar('analyze');
  const started = performance.now();
  const result = await runAnalysis({
    store,
    runId: run.id,
    videoPath: row.path,
    probe: row.probe,
    modelPath: model.path,
    options: run.options,
    ffmpeg: tools.ffmpeg,
    detector,
    signal: stopSignal,
    log,
    onProgress: (done, total) => bar.update(done, total),
  })
    .catch((error: unknown) => {
      bar.done();
      const failure = error instanceof AppFailure ? error : new AppFailure('internal', String(error));
      // Stopped or crashed: what was committed stays, and the next `rinkside analyze` resumes it.
      if (failure.kind === 'cancelled' || failure.kind === 'internal') setRunStatus(store, run.id, 'paused');
      else setRunStatus(store, run.id, 'failed', toAppError(failure));
      throw failure;
    })
    .finally(() => detector.release());
  bar.done();
  const seconds = (performance.now() - started) / 1000;
  const frames = [...allDetections(store.db, run.id)];
  if (values.json) {
    const meta = {
      version: 1 as const,
      video: {
        path: row.path,
        sha256: row.sha256,
        width: row.probe.width,
        height: row.probe.height,
        frames: row.probe.frameCount,
        duration: row.probe.durationS,
      },
      model: {
        name: model.manifest.name,
        sha256: model.sha256,
        input: [model.manifest.input.width, model.manifest.input.height] as [number, number],
        classes: model.manifest.classes,
      },
      run: {
        ep: result.provider,
        stride: strideFor(row.probe, run.options),
        threads: options.threads,
        score: options.score,
        nms: options.nms,
      },
    };
    await writeFile(resolve(values.json), toJson(meta, frames));
  }
  const boxes = frames.reduce((n, f) => n + f.boxes.length, 0);
  const summary = {
    video: row.path,
    runId: run.id,
    resumed_from: result.resumedFrom,
    status: getRun(store, run.id).status,
    provider: result.provider,
    analysed_frames: result.framesDone,
    boxes,
    tracks: listTrackSummaries(store.db, run.id).length,
    seconds: Number(seconds.toFixed(3)),
    fps: Number((result.framesDone / seconds).toFixed(2)),
    db: values.db ? library.path : null,
    json: values.json ? resolve(values.json) : null,
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return 0;
}
