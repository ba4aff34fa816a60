import type { StateCreator } from 'zustand';
import type {
  AppError,
  CloudProjectInput,
  CloudTeam,
  RemoteChanges,
  RinksideBridge,
  SignInInput,
  SyncStatus,
} from '../../../electron/contract/index.ts';
import { asAppError } from '../lib/errorWording.ts';
import type { AppState } from './types.ts';

/** The Cloud panel's state: the engine's sync status (pushed as events), the teams, the forms' errors. */
export interface SyncSlice {
  sync: SyncStatus | null;
  teams: CloudTeam[];
  /** The last failure of a Cloud panel action (sign-in, sharing), shown next to its form. */
  syncError: AppError | null;
  /** A sign-in, sign-out, configure or retry in flight (the buttons wait for it). */
  syncBusy: boolean;
  loadSync: () => Promise<void>;
  configureCloud: (project: CloudProjectInput) => Promise<boolean>;
  signIn: (input: SignInInput) => Promise<boolean>;
  signOut: () => Promise<void>;
  loadTeams: () => Promise<void>;
  shareGame: (gameId: string, teamId: string) => Promise<boolean>;
  retrySync: () => Promise<void>;
  onSyncStatus: (status: SyncStatus) => void;
  /** Another device's rows arrived: reload what the open game shows of them, without a page reload. */
  onRemoteChanges: (remote: RemoteChanges) => void;
}

export function createSyncSlice(bridge: RinksideBridge): StateCreator<AppState, [], [], SyncSlice> {
  return (set, get) => {
    /** Runs a panel action: busy while it runs, its failure kept for the panel (not the banner). */
    async function act<T>(work: () => Promise<T>): Promise<T | null> {
      set({ syncBusy: true, syncError: null });
      try {
        return await work();
      } catch (error) {
        set({ syncError: asAppError(error) });
        return null;
      } finally {
        set({ syncBusy: false });
      }
    }

    return {
      sync: null,
      teams: [],
      syncError: null,
      syncBusy: false,

      loadSync: async () => {
        try {
          set({ sync: await bridge.invoke('sync.status', {}) });
        } catch (error) {
          set({ syncError: asAppError(error) });
        }
        if (get().sync?.account) await get().loadTeams();
      },

      configureCloud: async (project) => {
        const status = await act(() => bridge.invoke('sync.configure', project));
        if (status) set({ sync: status, teams: [] });
        return status !== null;
      },

      signIn: async (input) => {
        const status = await act(() => bridge.invoke('sync.signIn', input));
        if (!status) return false;
        set({ sync: status });
        await get().loadTeams();
        return true;
      },

      signOut: async () => {
        const status = await act(() => bridge.invoke('sync.signOut', {}));
        if (status) set({ sync: status, teams: [] });
      },

      loadTeams: async () => {
        const teams = await act(() => bridge.invoke('sync.teams', {}));
        if (teams) set({ teams });
      },

      shareGame: async (gameId, teamId) => {
        const game = await act(() => bridge.invoke('sync.shareGame', { gameId, teamId }));
        if (!game) return false;
        set((state) => ({ games: state.games.map((g) => (g.id === game.id ? game : g)) }));
        return true;
      },

      retrySync: async () => {
        const status = await act(() => bridge.invoke('sync.retry', {}));
        if (status) set({ sync: status });
      },

      onSyncStatus: (status) => {
        const wasSignedIn = get().sync?.account?.userId ?? null;
        set({ sync: status });
        // Signed in elsewhere (another window) or signed out by the server: the teams follow.
        if (status.account && status.account.userId !== wasSignedIn) void get().loadTeams();
        if (!status.account) set({ teams: [] });
      },

      onRemoteChanges: ({ gameIds, beyondListed }) => {
        const state = get();
        void state.loadGames();
        const open = state.selectedGameId;
        if (!open || !(beyondListed || gameIds.includes(open))) return;
        void state.loadVideos();
        void state.loadEvents();
        void state.loadRoster();
        void state.loadCodes();
        void state.loadPlaylists();
        void state.loadTrackRuns();
        void state.loadTracks();
        void state.loadRuns();
      },
    };
  };
}
