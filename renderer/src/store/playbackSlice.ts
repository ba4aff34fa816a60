import type { StateCreator } from 'zustand';
import type { RinksideBridge } from '../../../electron/contract/index.ts';
import { fixFor } from '../lib/codecMime.ts';
import { asAppError } from '../lib/errorWording.ts';
import type { AppState, PlaybackSlice } from './types.ts';

export function createPlaybackSlice(bridge: RinksideBridge): StateCreator<AppState, [], [], PlaybackSlice> {
  return (set, get) => ({
    currentVideoId: null,
    playability: 'unknown',
    playabilityReason: null,
    shuttle: 0,
    fixJobId: null,
    mediaSrc: null,
    mediaChanged: false,
    pendingFrame: null,

    loadMedia: async (videoId, variant) => {
      // A new source (another video, or its playable copy) is judged afresh.
      set({ mediaSrc: null, mediaChanged: false, playability: 'unknown', playabilityReason: null });
      try {
        const { url } = await bridge.invoke('media.url', { videoId, variant });
        if (get().currentVideoId === videoId) set({ mediaSrc: url });
      } catch (error) {
        const appError = asAppError(error);
        // Not a failure to report but a step to take: the player shows the re-link form instead.
        if (appError.kind === 'media-changed') {
          if (get().currentVideoId === videoId) set({ mediaChanged: true });
          return;
        }
        get().showError(appError, 'Opening the video');
      }
    },

    relinkVideo: async (path) => {
      const video = get().videos.find((v) => v.id === get().currentVideoId);
      if (!video || path.trim() === '') return;
      try {
        const { jobId } = await bridge.invoke('videos.relink', { id: video.id, path: path.trim() });
        // Done: the jobs slice reloads the videos, and the player reopens the re-linked file.
        get().trackJob(jobId, 'import', video.id, `Re-link ${video.fileName}`);
      } catch (error) {
        get().showError(asAppError(error), `Re-linking ${video.fileName}`);
      }
    },

    openVideo: (videoId) => {
      if (get().currentVideoId === videoId) return;
      set({
        currentVideoId: videoId,
        mediaSrc: null,
        playability: 'unknown',
        playabilityReason: null,
        shuttle: 0,
        fixJobId: null,
        mediaChanged: false,
        pendingFrame: null,
      });
    },

    openVideoAt: (videoId, frame) => {
      get().openVideo(videoId);
      set({ pendingFrame: frame });
    },

    takePendingFrame: () => {
      const frame = get().pendingFrame;
      if (frame !== null) set({ pendingFrame: null });
      return frame;
    },

    closeVideo: () =>
      set({
        currentVideoId: null,
        pendingFrame: null,
        mediaSrc: null,
        playability: 'unknown',
        playabilityReason: null,
        shuttle: 0,
        fixJobId: null,
      }),

    setPlayability: (playability, reason) => set({ playability, playabilityReason: reason ?? null }),

    setShuttle: (shuttle) => set({ shuttle }),

    makePlayable: async () => {
      const video = get().videos.find((v) => v.id === get().currentVideoId);
      if (!video || get().fixJobId) return;
      // The original stays the reference: the fix writes a stand-in file next to it.
      const fix = fixFor(video.probe.container);
      try {
        const { jobId } = await bridge.invoke('videos.makePlayable', { id: video.id, fix });
        get().trackJob(jobId, 'proxy', video.id, `${fix === 'remux' ? 'Remux' : 'Playable copy'} of ${video.fileName}`);
        // A job that finished before invoke resolved has already been handled.
        if (!get().finished[jobId]) set({ fixJobId: jobId });
      } catch (error) {
        get().showError(asAppError(error), `Making ${video.fileName} playable`);
      }
    },

    onFixJobFinished: (finished) => {
      const ours =
        finished.jobId === get().fixJobId ||
        (finished.kind === 'proxy' && finished.subjectId !== null && finished.subjectId === get().currentVideoId);
      if (!ours) return;
      // Done: the jobs slice reloads the videos; the one with proxyPath opens its playable copy
      // (loadMedia re-checks it). Until that reload lands the notice stays.
      set({ fixJobId: null });
    },
  });
}
