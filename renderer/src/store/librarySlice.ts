import type { StateCreator } from 'zustand';
import type { RinksideBridge } from '../../../electron/contract/index.ts';
import { asAppError } from '../lib/errorWording.ts';
import type { AppState, LibrarySlice } from './types.ts';

function fileNameOf(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

export function createLibrarySlice(bridge: RinksideBridge): StateCreator<AppState, [], [], LibrarySlice> {
  return (set, get) => ({
    appInfo: null,
    games: [],
    selectedGameId: null,
    videos: [],

    init: async () => {
      try {
        const [appInfo, jobs] = await Promise.all([bridge.invoke('app.info', {}), bridge.invoke('jobs.list', {})]);
        set({ appInfo, jobs: Object.fromEntries(jobs.map((job) => [job.jobId, job])) });
      } catch (error) {
        get().showError(asAppError(error), 'Starting Rinkside');
      }
      await Promise.all([get().loadGames(), get().loadSync()]);
    },

    loadGames: async () => {
      try {
        const games = await bridge.invoke('games.list', {});
        set({ games });
        const selected = get().selectedGameId;
        if (selected && !games.some((game) => game.id === selected)) set({ selectedGameId: null, videos: [] });
      } catch (error) {
        get().showError(asAppError(error), 'Loading games');
      }
    },

    selectGame: async (gameId) => {
      if (get().selectedGameId === gameId) return;
      get().closeVideo();
      set({ selectedGameId: gameId, videos: [] });
      await get().loadVideos();
    },

    loadVideos: async () => {
      const gameId = get().selectedGameId;
      if (!gameId) return;
      try {
        const videos = await bridge.invoke('videos.list', { gameId });
        // The analyst may have switched games while this was in flight.
        if (get().selectedGameId === gameId) set({ videos });
      } catch (error) {
        get().showError(asAppError(error), 'Loading videos');
      }
    },

    createGame: async (input) => {
      try {
        const game = await bridge.invoke('games.create', input);
        set((state) => ({ games: [...state.games.filter((g) => g.id !== game.id), game] }));
        await get().selectGame(game.id);
        return true;
      } catch (error) {
        get().showError(asAppError(error), 'Creating the game');
        return false;
      }
    },

    importVideos: async (paths) => {
      const gameId = get().selectedGameId;
      if (!gameId) return;
      await Promise.all(
        paths.map(async (path) => {
          const label = fileNameOf(path);
          try {
            const { jobId } = await bridge.invoke('videos.import', { gameId, path });
            get().trackJob(jobId, 'import', gameId, `Import ${label}`);
          } catch (error) {
            get().showError(asAppError(error), `Import of ${label}`);
          }
        }),
      );
    },

    pickVideos: async () => {
      try {
        const { paths } = await bridge.invoke('dialog.pickVideos', {});
        return paths;
      } catch (error) {
        get().showError(asAppError(error), 'Choosing files');
        return [];
      }
    },
  });
}
