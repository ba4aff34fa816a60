import type { StateCreator } from 'zustand';
import type { JobFinished, RinksideBridge, UploadStatus } from '../../../electron/contract/index.ts';
import { asAppError } from '../lib/errorWording.ts';
import type { AppState } from './types.ts';

/** "Upload to the team" per video: the stored status of each video's upload, and its actions. */
export interface UploadsSlice {
  /** By video id; null when the video was never uploaded from this laptop. */
  uploads: Record<string, UploadStatus | null>;
  loadUploadStatus: (videoId: string) => Promise<void>;
  /** Starts, resumes or retries the upload (it continues from the parts already sent). */
  uploadVideo: (videoId: string, limitMbps?: number) => Promise<void>;
  pauseUpload: (videoId: string) => Promise<void>;
  cancelUpload: (videoId: string) => Promise<void>;
  /** A teammate's video: its file and its finished runs' detections, from the team's storage. */
  downloadVideo: (videoId: string, limitMbps?: number) => Promise<void>;
  onUploadJobFinished: (finished: JobFinished) => void;
  /** "Upload videos of shared games automatically" (off by default; null until read). */
  autoUpload: boolean | null;
  loadAutoUpload: () => Promise<void>;
  setAutoUpload: (enabled: boolean) => Promise<void>;
}

export function createUploadsSlice(bridge: RinksideBridge): StateCreator<AppState, [], [], UploadsSlice> {
  return (set, get) => ({
    uploads: {},
    autoUpload: null,

    loadAutoUpload: async () => {
      try {
        set({ autoUpload: (await bridge.invoke('videos.autoUploadSetting', {})).enabled });
      } catch (error) {
        get().showError(asAppError(error), 'Reading the upload setting');
      }
    },

    setAutoUpload: async (enabled) => {
      // The box follows the click at once: a controlled checkbox would otherwise snap back until
      // the engine answers (and a click during that wait would be lost). A refusal puts it back.
      const before = get().autoUpload;
      set({ autoUpload: enabled });
      try {
        set({ autoUpload: (await bridge.invoke('videos.setAutoUpload', { enabled })).enabled });
      } catch (error) {
        set({ autoUpload: before });
        get().showError(asAppError(error), 'Saving the upload setting');
      }
    },

    loadUploadStatus: async (videoId) => {
      try {
        const status = await bridge.invoke('videos.uploadStatus', { videoId });
        set((state) => ({ uploads: { ...state.uploads, [videoId]: status } }));
      } catch (error) {
        get().showError(asAppError(error), 'Reading the upload status');
      }
    },

    uploadVideo: async (videoId, limitMbps) => {
      const video = get().videos.find((v) => v.id === videoId);
      try {
        const { jobId } = await bridge.invoke('videos.upload', {
          videoId,
          ...(limitMbps !== undefined ? { limitMbps } : {}),
        });
        get().trackJob(jobId, 'upload', videoId, `Upload ${video?.fileName ?? 'video'} to the team`);
      } catch (error) {
        get().showError(asAppError(error), 'Upload to the team');
      }
      await get().loadUploadStatus(videoId);
    },

    pauseUpload: async (videoId) => {
      try {
        await bridge.invoke('videos.pauseUpload', { videoId });
      } catch (error) {
        get().showError(asAppError(error), 'Pausing the upload');
      }
    },

    cancelUpload: async (videoId) => {
      try {
        await bridge.invoke('videos.cancelUpload', { videoId });
      } catch (error) {
        get().showError(asAppError(error), 'Cancelling the upload');
      }
    },

    downloadVideo: async (videoId, limitMbps) => {
      const video = get().videos.find((v) => v.id === videoId);
      try {
        const { jobId } = await bridge.invoke('videos.download', {
          videoId,
          ...(limitMbps !== undefined ? { limitMbps } : {}),
        });
        get().trackJob(jobId, 'download', videoId, `Download ${video?.fileName ?? 'video'} from the team`);
      } catch (error) {
        get().showError(asAppError(error), 'Download from the team');
      }
    },

    onUploadJobFinished: (finished) => {
      if (finished.kind === 'upload' && finished.subjectId && finished.subjectId in get().uploads) {
        void get().loadUploadStatus(finished.subjectId);
      }
    },
  });
}
