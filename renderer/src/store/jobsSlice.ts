import type { StateCreator } from 'zustand';
import type { RinksideBridge } from '../../../electron/contract/index.ts';
import { asAppError } from '../lib/errorWording.ts';
import type { AppState, JobsSlice } from './types.ts';

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const next = { ...record };
  delete next[key];
  return next;
}

export function createJobsSlice(bridge: RinksideBridge): StateCreator<AppState, [], [], JobsSlice> {
  return (set, get) => ({
    jobs: {},
    finished: {},
    jobLabels: {},

    trackJob: (jobId, kind, subjectId, label) => {
      set((state) => ({
        jobLabels: { ...state.jobLabels, [jobId]: label },
        // Show the bar at once; a fast job may already have finished before invoke resolved.
        jobs:
          state.jobs[jobId] || state.finished[jobId]
            ? state.jobs
            : {
                ...state.jobs,
                [jobId]: { jobId, kind, stage: 'starting', done: 0, total: 0, rate: 0, etaS: null, subjectId },
              },
      }));
    },

    onJobProgress: (progress) => {
      // A late progress event must not resurrect a finished job's bar.
      if (get().finished[progress.jobId]) return;
      set((state) => ({ jobs: { ...state.jobs, [progress.jobId]: progress } }));
    },

    onJobFinished: (finished) => {
      const label = get().jobLabels[finished.jobId];
      set((state) => ({
        jobs: without(state.jobs, finished.jobId),
        finished: { ...state.finished, [finished.jobId]: finished },
      }));
      if (finished.outcome === 'failed') {
        get().showError(finished.error, label ?? (finished.kind === 'import' ? 'Import' : `The ${finished.kind} job`));
      }
      get().onFixJobFinished(finished);
      get().onExportJobFinished(finished);
      get().onUploadJobFinished(finished);
      if (
        finished.outcome === 'done' &&
        (finished.kind === 'import' || finished.kind === 'proxy' || finished.kind === 'download')
      ) {
        void get().loadVideos();
      }
    },

    resyncJobs: async () => {
      try {
        const running = await bridge.invoke('jobs.list', {});
        set({ jobs: Object.fromEntries(running.map((job) => [job.jobId, job])) });
        const fixJobId = get().fixJobId;
        if (fixJobId && !running.some((job) => job.jobId === fixJobId)) set({ fixJobId: null });
      } catch (error) {
        get().showError(asAppError(error), 'Loading running jobs');
      }
    },

    cancelJob: async (jobId) => {
      try {
        await bridge.invoke('jobs.cancel', { jobId });
      } catch (error) {
        get().showError(asAppError(error), 'Cancelling');
      }
    },
  });
}
