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
  toggleClass: (name: string) => void;
  toggleLabels: () => void;
  selectTrack: (selection: SelectedTrack | null) => void;
  loadTrackPlayers: (runId: string) => Promise<void>;
}

export function createOverlaySlice(bridge: RinksideBridge): StateCreator<AppState, [], [], OverlaySlice> {
  return (set, get) => ({
    hiddenClasses: [],
    showLabels: true,
    selectedTrack: null,
    trackPlayers: {},
    trackPlayersRunId: null,

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
        set({
          trackPlayers: Object.fromEntries(tracks.map((t) => [t.trackId, t.playerId])),
          trackPlayersRunId: runId,
        });
      } catch {
        // Player names on boxes are a nicety: without them the overlay shows track ids.
        set({ trackPlayers: {}, trackPlayersRunId: runId });
      }
    },
  });
}
