/**
 * One analysis job = one process with one ORT session, on the job's inference thread
 * (detect/inference-worker.ts): onnxruntime-node's run() blocks the thread it runs on, and the
 * binding crashes when loaded by several JS environments of one process, so each job process
 * loads it exactly once, there — never on this thread. It writes its chunks through its
 * own SQLite connection (WAL lets the engine keep reading), so a kill -9 loses at most the chunk
 * in flight; the engine restarts it and it resumes from the last committed chunk.
 */
import { toAppError } from '../../contract/errors.ts';
import { createLogger, type LogRecord } from '../log.ts';
import { openDatabase } from '../store/db.ts';
import { setRunStatus } from '../store/analysis-runs.ts';
import type { FromAnalysisJob, ToAnalysisJob } from './job-protocol.ts';
import { runAnalysis } from './run-analysis.ts';

const post = (message: FromAnalysisJob | { type: 'log'; record: LogRecord }) => process.send?.(message);
const log = createLogger((record) => post({ type: 'log', record }), 'analysis');
const controller = new AbortController();
process.on('disconnect', () => controller.abort());

process.once('message', (message: ToAnalysisJob) => {
  const { spec } = message;
  const db = openDatabase(spec.dbPath);
  const store = { db, deviceId: spec.deviceId, now: () => new Date().toISOString() };
  runAnalysis({
    store,
    runId: spec.runId,
    videoPath: spec.videoPath,
    probe: spec.probe,
    modelPath: spec.modelPath,
    options: spec.options,
    ffmpeg: spec.ffmpeg,
    chunkFrames: spec.chunkFrames,
    ...(spec.inferenceWorkerEntry ? { inferenceWorkerEntry: spec.inferenceWorkerEntry } : {}),
    signal: controller.signal,
    log,
    onProvider: (provider, attempts) => post({ type: 'provider', provider, attempts: [...attempts] }),
    onProgress: (framesDone, framesTotal) => post({ type: 'progress', framesDone, framesTotal }),
  }).then(
    (result) => {
      post({ type: 'done', framesDone: result.framesDone, provider: result.provider, resumedFrom: result.resumedFrom });
      db.close();
      process.disconnect?.();
    },
    (error: unknown) => {
      const appError = toAppError(error);
      if (appError.kind !== 'cancelled') setRunStatus(store, spec.runId, 'failed', appError);
      post({ type: 'failed', error: appError });
      db.close();
      process.disconnect?.();
    },
  );
});
