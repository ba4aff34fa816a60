import type { AnalysisRun, JobProgress, ProviderAttempt } from '../../../electron/contract/index.ts';

const LIVE = new Set(['queued', 'running']);

export function isLive(run: AnalysisRun): boolean {
  return LIVE.has(run.status);
}

/** Newest first by creation time (the engine's order too, kept if it ever changes). */
export function newestFirst(runs: readonly AnalysisRun[]): AnalysisRun[] {
  return [...runs].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/**
 * The run the overlay shows when the analyst has not picked one: the newest that is running
 * (boxes appear as they are found) or done; else the newest with anything stored at all.
 */
export function defaultRunId(runs: readonly AnalysisRun[]): string | null {
  const ordered = newestFirst(runs);
  const shown =
    ordered.find((run) => isLive(run) || run.status === 'done') ?? ordered.find((run) => run.framesDone > 0);
  return shown?.id ?? null;
}

/** The analysis job's progress for a run (the engine's job subject is the run id). */
export function progressOf(jobs: Record<string, JobProgress>, runId: string): JobProgress | null {
  for (const job of Object.values(jobs)) if (job.kind === 'analysis' && job.subjectId === runId) return job;
  return null;
}

/** Providers that were tried and failed (not those skipped as unavailable on this platform). */
export function failedAttempts(run: AnalysisRun): ProviderAttempt[] {
  return run.providerAttempts.filter((attempt) => !attempt.ok && !attempt.skipped);
}

/** "CPU" from the stage "analysing on CPU" until the run records its provider. */
export function providerShown(run: AnalysisRun, progress: JobProgress | null): string | null {
  if (run.provider) return run.provider.toUpperCase();
  const match = progress ? /on (\w+)$/.exec(progress.stage) : null;
  return match?.[1] ?? null;
}

export function statusWording(run: AnalysisRun): string {
  switch (run.status) {
    case 'queued':
      return 'queued';
    case 'running':
      return 'analysing';
    case 'paused':
      return 'paused';
    case 'cancelled':
      return 'cancelled';
    case 'failed':
      return 'failed';
    case 'done':
      return 'done';
  }
}
