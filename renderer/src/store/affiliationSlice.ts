import type { StateCreator } from 'zustand';
import type { Affiliation, JerseyGroup, RinksideBridge, RunAffiliations } from '../../../electron/contract/index.ts';
import { asAppError } from '../lib/errorWording.ts';
import { affiliationSet } from '../tagging/undoOps.ts';
import type { AppState } from './types.ts';

export interface AffiliationSlice {
  /** The overlay's run: every track's team / official / off-ice, measured colours, home jersey. */
  affiliations: RunAffiliations | null;
  /** People off the ice (bench, stands, glass) are hidden until the analyst shows them. */
  showOffIce: boolean;
  loadAffiliations: (runId: string) => Promise<void>;
  /** The analyst's correction (null: back to the measured one); undoable. */
  setTrackAffiliation: (runId: string, trackId: number, affiliation: Affiliation | null) => Promise<void>;
  setHomeJersey: (gameId: string, group: JerseyGroup) => Promise<void>;
  toggleOffIce: () => void;
}

export function createAffiliationSlice(bridge: RinksideBridge): StateCreator<AppState, [], [], AffiliationSlice> {
  return (set, get) => ({
    affiliations: null,
    showOffIce: false,

    loadAffiliations: async (runId) => {
      try {
        const affiliations = await bridge.invoke('tracks.affiliations', { runId });
        set({ affiliations });
      } catch (error) {
        set({ affiliations: null });
        get().showError(asAppError(error), 'Loading the teams of the tracks');
      }
    },

    setTrackAffiliation: (runId, trackId, affiliation) =>
      get().serialize(async () => {
        const current = get().affiliations;
        const before = current?.runId === runId ? current.tracks.find((t) => t.trackId === trackId) : undefined;
        const previous = before?.corrected ? before.affiliation : null;
        try {
          await bridge.invoke('tracks.setAffiliation', { runId, trackId, affiliation });
          get().recordUndo(affiliationSet(runId, trackId, previous, affiliation));
          await get().loadAffiliations(runId);
        } catch (error) {
          get().showError(asAppError(error), `Setting the team of track ${trackId}`);
        }
      }),

    setHomeJersey: async (gameId, group) => {
      try {
        await bridge.invoke('games.setHomeJersey', { gameId, homeGroup: group });
        const runId = get().affiliations?.runId;
        if (runId) await get().loadAffiliations(runId);
      } catch (error) {
        get().showError(asAppError(error), 'Choosing the home jersey');
      }
    },

    toggleOffIce: () => set((state) => ({ showOffIce: !state.showOffIce })),
  });
}
