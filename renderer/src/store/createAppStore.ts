import { createExportSlice } from './exportSlice.ts';
import { createStore } from 'zustand/vanilla';
import type { RinksideBridge } from '../../../electron/contract/index.ts';
import { createJobsSlice } from './jobsSlice.ts';
import { createLibrarySlice } from './librarySlice.ts';
import { createNoticesSlice } from './noticesSlice.ts';
import { createPlaybackSlice } from './playbackSlice.ts';
import type { AppState } from './types.ts';
import { createCodesSlice } from './codesSlice.ts';
import { createEventsSlice } from './eventsSlice.ts';
import { createRosterSlice } from './rosterSlice.ts';
import { createUndoSlice } from './undoSlice.ts';
import { connectTagging } from '../tagging/connectTagging.ts';
import { createAnalysisSlice } from './analysisSlice.ts';
import { createOverlaySlice } from './overlaySlice.ts';
import { createAffiliationSlice } from './affiliationSlice.ts';
import { createSyncSlice } from './syncSlice.ts';
import { createRinkRegionSlice } from './rinkRegionSlice.ts';
import { createUploadsSlice } from './uploadsSlice.ts';

/** One store in slices (STYLE.md); the bridge is an argument so tests can pass a fake. */
export function createAppStore(bridge: RinksideBridge) {
  return createStore<AppState>()((...a) => ({
    ...createLibrarySlice(bridge)(...a),
    ...createJobsSlice(bridge)(...a),
    ...createPlaybackSlice(bridge)(...a),
    ...createNoticesSlice(...a),
    ...createCodesSlice(bridge)(...a),
    ...createEventsSlice(bridge)(...a),
    ...createRosterSlice(bridge)(...a),
    ...createUndoSlice(bridge)(...a),
    ...createAnalysisSlice(bridge)(...a),
    ...createOverlaySlice(bridge)(...a),
    ...createAffiliationSlice(bridge)(...a),
    ...createRinkRegionSlice(bridge)(...a),
    ...createExportSlice(bridge)(...a),
    ...createSyncSlice(bridge)(...a),
    ...createUploadsSlice(bridge)(...a),
  }));
}
export type AppStore = ReturnType<typeof createAppStore>;

/** Subscribes the store to the bridge's events, once at startup; returns the unsubscribe. */
export function connectEvents(store: AppStore, bridge: RinksideBridge): () => void {
  const offs = [
    bridge.on('job.progress', (progress) => store.getState().onJobProgress(progress)),
    bridge.on('job.finished', (finished) => store.getState().onJobFinished(finished)),
    bridge.on('library.changed', ({ gameId }) => {
      const state = store.getState();
      void state.loadGames();
      if (gameId === null || gameId === state.selectedGameId) void state.loadVideos();
      // gameId null is also what the WebSocket bridge sends after a reconnect: progress and
      // finished events may have been missed meanwhile, so take the engine's list of jobs.
      if (gameId === null) void state.resyncJobs();
      // Sync status events may have been missed during a reconnect too.
      if (gameId === null) void state.loadSync();
    }),
    bridge.on('engine.status', (status) => store.getState().setEngineStatus(status)),
    bridge.on('sync.status', (status) => store.getState().onSyncStatus(status)),
    bridge.on('sync.remoteChanges', (remote) => store.getState().onRemoteChanges(remote)),
    connectTagging(store, bridge),
    // Analysis runs change status on start, provider choice and finish: each sends library.changed.
    bridge.on('library.changed', () => void store.getState().loadRuns()),
    // A correction, a home jersey or a rink region (here or by undo) changes the overlay's teams.
    bridge.on('library.changed', ({ gameId }) => {
      const state = store.getState();
      const runId = state.affiliations?.runId;
      if (runId && (gameId === null || gameId === state.selectedGameId)) void state.loadAffiliations(runId);
    }),
  ];
  return () => offs.forEach((off) => off());
}
