import type { StateCreator } from 'zustand';
import type { RinksideBridge, RinkPolygon } from '../../../electron/contract/index.ts';
import { asAppError } from '../lib/errorWording.ts';
import type { AppState } from './types.ts';

export interface RinkRegionSlice {
  /** The ice surface drawn for the open video's camera view (null points: none drawn). */
  rinkRegion: { videoId: string; points: RinkPolygon | null } | null;
  /** The analyst is drawing the region over the picture (clicks add points instead of playing). */
  rinkDrawing: boolean;
  loadRinkRegion: (videoId: string) => Promise<void>;
  /** Saves (or, with null, clears) the region; who is off the ice is then measured again. */
  saveRinkRegion: (videoId: string, points: RinkPolygon | null) => Promise<void>;
  setRinkDrawing: (drawing: boolean) => void;
}

export function createRinkRegionSlice(bridge: RinksideBridge): StateCreator<AppState, [], [], RinkRegionSlice> {
  return (set, get) => ({
    rinkRegion: null,
    rinkDrawing: false,

    loadRinkRegion: async (videoId) => {
      try {
        const points = await bridge.invoke('videos.rinkRegion', { videoId });
        set({ rinkRegion: { videoId, points } });
      } catch (error) {
        get().showError(asAppError(error), 'Loading the rink region');
      }
    },

    saveRinkRegion: async (videoId, points) => {
      try {
        await bridge.invoke('videos.setRinkRegion', { videoId, points });
        set({ rinkRegion: { videoId, points }, rinkDrawing: false });
        const runId = get().affiliations?.runId;
        if (runId) await get().loadAffiliations(runId);
      } catch (error) {
        get().showError(asAppError(error), points ? 'Saving the rink region' : 'Clearing the rink region');
      }
    },

    setRinkDrawing: (drawing) => set({ rinkDrawing: drawing }),
  });
}
