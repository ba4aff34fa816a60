import type { StateCreator } from 'zustand';
import type { AnalysisRun, ModelInfo, RinksideBridge } from '../../../electron/contract/index.ts';
import type { AnalysisOptionsInput } from '../analysis/options.ts';
import { defaultRunId, newestFirst } from '../analysis/runs.ts';
import { asAppError } from '../lib/errorWording.ts';
import type { AppState } from './types.ts';

export interface AnalysisSlice {
  models: ModelInfo[];
  /** Analysis runs of the open video, newest first. */
  runs: AnalysisRun[];
  /** The video `runs` belong to (a reply for another video is dropped). */
  runsVideoId: string | null;
  /** The run the overlay and timeline show. */
  selectedRunId: string | null;
  /** Whether the analyst picked the run; otherwise the newest done or running run is shown. */
  runPinned: boolean;
  loadModels: () => Promise<void>;
  loadRuns: () => Promise<void>;
  selectRun: (runId: string) => void;
  startAnalysis: (options: AnalysisOptionsInput) => Promise<boolean>;
  pauseRun: (runId: string) => Promise<void>;
  resumeRun: (runId: string) => Promise<void>;
  cancelRun: (runId: string) => Promise<void>;
  /** detections.window as binary (the overlay's and timeline's window cache calls it). */
  fetchDetectionsWindow: (runId: string, fromS: number, toS: number) => Promise<ArrayBuffer>;
  /** A small JPEG of the frame at timeS (timeline hover). */
  fetchThumbnail: (videoId: string, timeS: number, width: number) => Promise<ArrayBuffer>;
}

export function createAnalysisSlice(bridge: RinksideBridge): StateCreator<AppState, [], [], AnalysisSlice> {
  return (set, get) => {
    const label = () =>
      `Analysis of ${get().videos.find((v) => v.id === get().currentVideoId)?.fileName ?? 'the video'}`;
    const track = (jobId: string, runId: string) => get().trackJob(jobId, 'analysis', runId, label());
    return {
      models: [],
      runs: [],
      runsVideoId: null,
      selectedRunId: null,
      runPinned: false,

      loadModels: async () => {
        try {
          set({ models: await bridge.invoke('models.list', {}) });
        } catch (error) {
          get().showError(asAppError(error), 'Loading the models');
        }
      },

      loadRuns: async () => {
        const videoId = get().currentVideoId;
        if (!videoId) {
          set({
            runs: [],
            runsVideoId: null,
            selectedRunId: null,
            runPinned: false,
          });
          return;
        }
        try {
          const runs = newestFirst(await bridge.invoke('analysis.list', { videoId }));
          if (get().currentVideoId !== videoId) return;
          const sameVideo = get().runsVideoId === videoId;
          const pinned = sameVideo && get().runPinned && runs.some((r) => r.id === get().selectedRunId);
          set({
            runs,
            runsVideoId: videoId,
            runPinned: pinned,
            selectedRunId: pinned ? get().selectedRunId : defaultRunId(runs),
          });
          // Links, merges and splits also send library.changed: names and ids on the boxes follow.
          const shown = get().selectedRunId;
          if (shown) void get().loadTrackPlayers(shown);
        } catch (error) {
          get().showError(asAppError(error), 'Loading the analysis runs');
        }
      },

      selectRun: (runId) => set({ selectedRunId: runId, runPinned: true }),

      startAnalysis: async (options) => {
        const videoId = get().currentVideoId;
        if (!videoId) return false;
        try {
          const { runId, jobId } = await bridge.invoke('analysis.start', {
            videoId,
            options,
          });
          track(jobId, runId);
          // The new run is what the analyst wants to see, boxes appearing as they are found.
          set({ selectedRunId: runId, runPinned: false });
          await get().loadRuns();
          return true;
        } catch (error) {
          get().showError(asAppError(error), 'Starting the analysis');
          return false;
        }
      },

      pauseRun: async (runId) => {
        try {
          await bridge.invoke('analysis.pause', { runId });
        } catch (error) {
          get().showError(asAppError(error), 'Pausing the analysis');
        }
      },

      resumeRun: async (runId) => {
        try {
          const { jobId } = await bridge.invoke('analysis.resume', { runId });
          track(jobId, runId);
          await get().loadRuns();
        } catch (error) {
          get().showError(asAppError(error), 'Resuming the analysis');
        }
      },

      cancelRun: async (runId) => {
        try {
          await bridge.invoke('analysis.cancel', { runId });
          await get().loadRuns();
        } catch (error) {
          get().showError(asAppError(error), 'Cancelling the analysis');
        }
      },

      fetchDetectionsWindow: (runId, fromS, toS) => bridge.invoke('detections.window', { runId, fromS, toS }),
      fetchThumbnail: (videoId, timeS, width) => bridge.invoke('thumbnails.get', { videoId, timeS, width }),
    };
  };
}
