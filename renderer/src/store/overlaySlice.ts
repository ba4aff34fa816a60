import type { StateCreator } from 'zustand';
import type { RinksideBridge } from '../../../electron/contract/index.ts';
import type { AppState } from './types.ts';

export interface SelectedTrack {
  runId: string;
  trackId: number;
}

export interface OverlaySlice {
  /** Class names whose boxes are hidden. */
  hiddenClasses: string[];
  showLabels: boolean;
  /** The clicked box's track; the tagging side reads it for the player/track descriptor. */
  selectedTrack: SelectedTrack | null;
  /** trackId → linked player id, for the run the overlay shows (tracks.list). */
  trackPlayers: Record<number, string | null>;
  trackPlayersRunId: string | null;
  /** Bumped when the run's set of track ids changes (a merge or split): cached boxes carry old ids. */
  trackEdits: number;
  toggleClass: (name: string) => void;
  toggleLabels: () => void;
  selectTrack: (selection: SelectedTrack | null) => void;
  loadTrackPlayers: (runId: string) => Promise<void>;
}

export function createOverlaySlice(bridge: RinksideBridge): StateCreator<AppState, [], [], OverlaySlice> {
  // The track ids behind trackEdits; kept out of the state (nothing renders it).
  let trackIdsKey = '';
  return (set, get) => ({
    hiddenClasses: [],
    showLabels: true,
    selectedTrack: null,
    trackPlayers: {},
    trackPlayersRunId: null,
    trackEdits: 0,

    toggleClass: (name) =>
      set((state) => ({
        hiddenClasses: state.hiddenClasses.includes(name)
          ? state.hiddenClasses.filter((n) => n !== name)
          : [...state.hiddenClasses, name],
      })),
    toggleLabels: () => set((state) => ({ showLabels: !state.showLabels })),
    selectTrack: (selection) => set({ selectedTrack: selection }),

    loadTrackPlayers: async (runId) => {
      try {
        const tracks = await bridge.invoke('tracks.list', { runId });
        if (get().selectedRunId !== runId) return;
        const ids = tracks
          .map((t) => t.trackId)
          .sort((a, b) => a - b)
          .join(',');
        const changed = get().trackPlayersRunId === runId && ids !== trackIdsKey;
        trackIdsKey = ids;
        set((state) => ({
          trackPlayers: Object.fromEntries(tracks.map((t) => [t.trackId, t.playerId])),
          trackPlayersRunId: runId,
          trackEdits: changed ? state.trackEdits + 1 : state.trackEdits,
        }));
      } catch {
        // Player names on boxes are a nicety: without them the overlay shows track ids.
        set({ trackPlayers: {}, trackPlayersRunId: runId });
      }
    },
  });
}
