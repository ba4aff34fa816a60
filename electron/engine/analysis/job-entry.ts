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
import { createBrokeredLauncher } from '../process/brokered-launcher.ts';
import { nodeLauncher } from '../process/node-launcher.ts';
import { parentChannel } from '../process/parent-channel.ts';
import { openDatabase } from '../store/db.ts';
import { setRunStatus } from '../store/analysis-runs.ts';
import type { FromAnalysisJob, ToAnalysisJob } from './job-protocol.ts';
import { runAnalysis } from './run-analysis.ts';

const channel = parentChannel();
const post = (message: FromAnalysisJob | { type: 'log'; record: LogRecord }) => channel.post(message);
const log = createLogger((record) => post({ type: 'log', record }), 'analysis');
const controller = new AbortController();
channel.onParentGone(() => controller.abort());
// A GPU provider probe is a process of its own: forked under Node, asked of main under Electron.
const brokered = channel.utility ? createBrokeredLauncher((message) => channel.post(message)) : null;
const launcher = brokered ?? nodeLauncher;

let started = false;
channel.onMessage((raw) => {
  if (brokered?.receive(raw)) return;
  const message = raw as ToAnalysisJob;
  if (message.type !== 'run' || started) return;
  started = true;
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
    providerProbe: { launcher, ...(spec.providerProbeEntry ? { entry: spec.providerProbeEntry } : {}) },
    signal: controller.signal,
    log,
    onProvider: (provider, attempts) => post({ type: 'provider', provider, attempts: [...attempts] }),
    onProgress: (framesDone, framesTotal) => post({ type: 'progress', framesDone, framesTotal }),
  }).then(
    (result) => {
      post({ type: 'done', framesDone: result.framesDone, provider: result.provider, resumedFrom: result.resumedFrom });
      db.close();
      channel.close();
    },
    (error: unknown) => {
      const appError = toAppError(error);
      if (appError.kind !== 'cancelled') setRunStatus(store, spec.runId, 'failed', appError);
      post({ type: 'failed', error: appError });
      db.close();
      channel.close();
    },
  );
});
