import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AnalysisOptions } from '../../contract/analysis.ts';
import { AppFailure } from '../../contract/errors.ts';
import { cpuOnlyNote } from '../../contract/provider-note.ts';
import { strideFor } from '../../engine/analysis/pipeline.ts';
import { runAnalysis } from '../../engine/analysis/run-analysis.ts';
import { sourceModelsDir, DEFAULT_MODEL_FILE } from '../../engine/detect/model-catalog.ts';
import { openInferenceThread } from '../../engine/detect/inference-thread.ts';
import { toJson } from '../../engine/detections/json.ts';
import { createLogger, stderrSink } from '../../engine/log.ts';
import { createTools } from '../../engine/media/tools.ts';
import { createRun, getRun } from '../../engine/store/analysis-runs.ts';
import { allDetections, listTrackSummaries } from '../../engine/store/detections.ts';
import { usage } from '../cli-error.ts';
import { ensureVideo, openCliStore } from '../library.ts';
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
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { ...analyzeFlags, json: { type: 'string' }, db: { type: 'string' } },
  });
  const [video] = positionals;
  if (!video || positionals.length > 1) throw usage('rinkside analyze VIDEO [options] — give exactly one video');
  const options = optionsFromFlags(values);
  const log = createLogger(stderrSink(process.env.RINKSIDE_LOG === 'debug' ? 'debug' : 'warn'), 'cli');
  const tools = await createTools({ log })();
  // The detector opens first (on its own thread, where ORT lives): the run records the model it loaded.
  const detector = await openInferenceThread({
    modelPath: resolve(values.model ?? `${sourceModelsDir}/${DEFAULT_MODEL_FILE}`),
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
  const { store, path: dbPath } = openCliStore(values.db);
  const row = await ensureVideo(store, tools, video, log);
  const run = createRun(store, {
    videoId: row.id,
    modelName: model.manifest.name,
    modelSha256: model.sha256,
    options: { ...options, modelId: model.sha256 },
    framesTotal: row.probe.frameCount,
  });
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
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
    signal: controller.signal,
    log,
    onProgress: (done, total) => bar.update(done, total),
  })
    .catch((error: unknown) => {
      bar.done();
      throw error instanceof AppFailure ? error : new AppFailure('internal', String(error));
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
    status: getRun(store, run.id).status,
    provider: result.provider,
    analysed_frames: result.framesDone,
    boxes,
    tracks: listTrackSummaries(store.db, run.id).length,
    seconds: Number(seconds.toFixed(3)),
    fps: Number((result.framesDone / seconds).toFixed(2)),
    db: values.db ? dbPath : null,
    json: values.json ? resolve(values.json) : null,
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  store.db.close();
  return 0;
}
