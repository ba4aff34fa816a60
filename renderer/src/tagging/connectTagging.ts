import type { RinksideBridge } from '../../../electron/contract/index.ts';
import type { AppState } from '../store/types.ts';
import type { TrackRef } from '../store/rosterSlice.ts';
import { pageStorage, rememberSelection, type SelectionStorage } from './selectionMemory.ts';

interface StoreLike {
  getState: () => AppState;
  subscribe: (listener: (state: AppState, prev: AppState) => void) => () => void;
}

/** The overlay's clicked box, read loosely: a store built without the overlay slice has none. */
function overlayTrack(state: AppState): TrackRef | null | undefined {
  return (state as AppState & { selectedTrack?: TrackRef | null }).selectedTrack;
}

/**
 * Keeps the tagging data in step with what the analyst looks at: the selected game's events and
 * roster, the open video's tracks, the overlay's clicked box; reloads on library.changed (every
 * engine change commits at once, so this is also how autosaved edits from elsewhere show up).
 * Loads only once the tagging panels are shown (taggingOpen).
 */
export function connectTagging(
  store: StoreLike,
  bridge: RinksideBridge,
  storage: SelectionStorage | null = pageStorage(),
): () => void {
  const offChanged = bridge.on('library.changed', ({ gameId }) => {
    const state = store.getState();
    if (!state.taggingOpen) return;
    void state.loadCodes();
    if (gameId === null || gameId === state.selectedGameId) {
      void state.loadEvents();
      void state.loadRoster();
      void state.loadTrackRuns();
      void state.loadTracks();
    }
  });
  const offState = store.subscribe((state, prev) => {
    if (!state.taggingOpen) return;
    const opened = !prev.taggingOpen;
    if (opened) void state.loadCodes();
    if (opened || state.selectedGameId !== prev.selectedGameId) {
      void state.loadEvents();
      void state.loadRoster();
    }
    if (opened || state.currentVideoId !== prev.currentVideoId) {
      if (!opened) store.getState().resetTracks();
      void state.loadTrackRuns();
    }
    const clicked = overlayTrack(state);
    if (clicked !== undefined && clicked !== overlayTrack(prev)) state.pickTrack(clicked);
  });
  const offMemory = storage ? rememberSelection(store, storage) : () => undefined;
  return () => {
    offChanged();
    offState();
    offMemory();
  };
}
