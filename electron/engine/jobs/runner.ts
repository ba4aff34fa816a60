import { randomUUID } from 'node:crypto';
import { AppFailure, isCancelled, toAppError } from '../../contract/errors.ts';
import type { JobKind, JobProgress } from '../../contract/domain.ts';
import type { JobFinished } from '../../contract/events.ts';
import type { Logger } from '../log.ts';
import { createRateEstimator } from '../media/progress.ts';

export interface JobContext {
  jobId: string;
  signal: AbortSignal;
  /** Report progress; throttled before it leaves the process. */
  progress(update: { done: number; total: number; stage: string }): void;
  log: Logger;
}

export type JobWork<T> = (ctx: JobContext) => Promise<T>;

export interface JobRunner {
  start<T>(kind: JobKind, subjectId: string | null, work: JobWork<T>): string;
  cancel(jobId: string): void;
  list(): JobProgress[];
  /** Resolves when the job ends, whatever the outcome (for the CLI and tests). */
  finished(jobId: string): Promise<JobFinished>;
  cancelAll(): Promise<void>;
}

interface RunningJob {
  progress: JobProgress;
  controller: AbortController;
  done: Promise<JobFinished>;
  lastEmitMs: number;
}

export interface JobRunnerOptions {
  onProgress(progress: JobProgress): void;
  onFinished(finished: JobFinished): void;
  log: Logger;
  nowMs?: () => number;
  /** Minimum milliseconds between progress events of one job (stage changes pass at once). */
  throttleMs?: number;
}

/**
 * One AbortController per job, passed through every stage down to the child processes, so
 * cancel kills exactly that job's ffmpeg/analysis process — never a global "abort everything".
 */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const nowMs = options.nowMs ?? (() => performance.now());
  const throttleMs = options.throttleMs ?? 100;
  const jobs = new Map<string, RunningJob>();
  const endings = new Map<string, Promise<JobFinished>>();

  function start<T>(kind: JobKind, subjectId: string | null, work: JobWork<T>): string {
    const jobId = randomUUID();
    const controller = new AbortController();
    const estimate = createRateEstimator();
    const log = options.log.child(`job.${kind}`);
    const job: RunningJob = {
      progress: { jobId, kind, stage: 'starting', done: 0, total: 0, rate: 0, etaS: null, subjectId },
      controller,
      done: Promise.resolve(undefined as never),
      lastEmitMs: -Infinity,
    };
    const ctx: JobContext = {
      jobId,
      signal: controller.signal,
      log,
      progress: ({ done, total, stage }) => {
        if (controller.signal.aborted) return;
        const now = nowMs();
        const { rate, etaS } = estimate.update(done, total, now);
        const stageChanged = stage !== job.progress.stage;
        job.progress = { ...job.progress, stage, done, total, rate, etaS };
        if (stageChanged || now - job.lastEmitMs >= throttleMs || (total > 0 && done >= total)) {
          job.lastEmitMs = now;
          options.onProgress(job.progress);
        }
      },
    };
    jobs.set(jobId, job);
    log.info('job started', { jobId, subjectId });
    job.done = (async (): Promise<JobFinished> => {
      // Yield once so the caller receives the job id before any event about it.
      await Promise.resolve();
      const base = { jobId, kind, subjectId };
      try {
        if (controller.signal.aborted) throw new AppFailure('cancelled', 'Cancelled');
        const result = await work(ctx);
        if (controller.signal.aborted) return { ...base, outcome: 'cancelled' };
        return { ...base, outcome: 'done', result };
      } catch (error) {
        if (controller.signal.aborted || isCancelled(error)) return { ...base, outcome: 'cancelled' };
        const appError = toAppError(error);
        log.warn('job failed', { jobId, kind: appError.kind, message: appError.message });
        return { ...base, outcome: 'failed', error: appError };
      }
    })().then((finished) => {
      jobs.delete(jobId);
      log.info('job finished', { jobId, outcome: finished.outcome });
      options.onFinished(finished);
      return finished;
    });
    endings.set(jobId, job.done);
    // Keep only recent endings so a long session does not accumulate them.
    if (endings.size > 200) endings.delete(endings.keys().next().value as string);
    return jobId;
  }

  return {
    start,
    cancel(jobId) {
      const job = jobs.get(jobId);
      if (!job) {
        if (endings.has(jobId)) return; // already over: cancelling is a no-op, not an error
        throw new AppFailure('not-found', 'That job is not running.');
      }
      job.controller.abort();
    },
    list: () => [...jobs.values()].map((job) => job.progress),
    finished(jobId) {
      const ending = endings.get(jobId);
      if (!ending) return Promise.reject(new AppFailure('not-found', 'Unknown job.'));
      return ending;
    },
    async cancelAll() {
      const pending = [...jobs.values()];
      for (const job of pending) job.controller.abort();
      await Promise.all(pending.map((job) => job.done));
    },
  };
}
