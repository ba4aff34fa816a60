import type { StateCreator } from 'zustand';
import type {
  AnalysisRun,
  CommandArgs,
  CommandResult,
  RinksideBridge,
  Roster,
  Team,
} from '../../../electron/contract/index.ts';
import { asAppError } from '../lib/errorWording.ts';
import { playerCreated, playerDeleted, playerUpdated, teamSaved, trackLinked, trackSplit } from '../tagging/undoOps.ts';
import type { AppState } from './types.ts';

export type TrackRow = CommandResult<'tracks.list'>[number];
export interface TrackRef {
  runId: string;
  trackId: number;
}
type PlayerFields = CommandArgs<'roster.savePlayer'>['player'];

export interface RosterSlice {
  /** Teams and players of the selected game. */
  roster: Roster;
  /** Analysis runs of the open video (where tracks come from). */
  trackRuns: AnalysisRun[];
  /** Tracks of pickedTrack's run (or the newest run of the open video), with their linked players. */
  tracks: TrackRow[];
  tracksRunId: string | null;
  /** The track the roster and new events refer to: a clicked box, or one chosen in the roster. */
  pickedTrack: TrackRef | null;
  loadRoster: () => Promise<void>;
  loadTrackRuns: () => Promise<void>;
  loadTracks: () => Promise<void>;
  pickTrack: (track: TrackRef | null) => void;
  /** Shows another run's tracks (nothing picked until the analyst picks one). */
  chooseTrackRun: (runId: string) => void;
  /** Another video opened: its runs and tracks are loaded afresh. */
  resetTracks: () => void;
  saveTeam: (side: Team['side'], name: string, colour: string) => Promise<boolean>;
  /**
   * The roster team of a side, made from the game's own team name when the analyst has not added
   * it yet (a game already names its two teams): its id, or null when it could not be saved.
   */
  teamFor: (side: Team['side']) => Promise<string | null>;
  savePlayer: (id: string | null, player: PlayerFields) => Promise<boolean>;
  deletePlayer: (id: string) => Promise<void>;
  /** Links the picked track to a player, or unlinks it (null). */
  linkTrack: (playerId: string | null) => Promise<void>;
  /** Merges another track into the picked one (cannot be undone: the contract has no unmerge). */
  mergeIntoPicked: (mergeTrackId: number) => Promise<void>;
  /** Splits the picked track: from atFrame on it is a new track. */
  splitPicked: (atFrame: number) => Promise<void>;
}

const EMPTY: Roster = { teams: [], players: [] };

/** A new roster team's colour until the analyst picks one. */
export const DEFAULT_TEAM_COLOURS: Record<Team['side'], string> = { home: '#1e88e5', away: '#e53935' };

export function createRosterSlice(bridge: RinksideBridge): StateCreator<AppState, [], [], RosterSlice> {
  return (set, get) => {
    const fail = (context: string) => (error: unknown) => get().showError(asAppError(error), context);

    return {
      roster: EMPTY,
      trackRuns: [],
      tracks: [],
      tracksRunId: null,
      pickedTrack: null,

      loadRoster: async () => {
        const gameId = get().selectedGameId;
        if (!gameId) return set({ roster: EMPTY });
        try {
          const roster = await bridge.invoke('roster.get', { gameId });
          if (get().selectedGameId === gameId) set({ roster });
        } catch (error) {
          fail('Loading the roster')(error);
        }
      },

      loadTrackRuns: async () => {
        const videoId = get().currentVideoId;
        if (!videoId) return set({ trackRuns: [] });
        try {
          const runs = await bridge.invoke('analysis.list', { videoId });
          if (get().currentVideoId !== videoId) return;
          set({ trackRuns: runs });
          if (get().tracksRunId === null && runs.length > 0) {
            set({ tracksRunId: runs[runs.length - 1]?.id ?? null });
            await get().loadTracks();
          }
        } catch (error) {
          fail('Loading the analysis runs')(error);
        }
      },

      loadTracks: async () => {
        const runId = get().tracksRunId;
        if (!runId) return set({ tracks: [] });
        try {
          const tracks = await bridge.invoke('tracks.list', { runId });
          if (get().tracksRunId === runId) set({ tracks });
        } catch (error) {
          fail('Loading the tracks')(error);
        }
      },

      pickTrack: (track) => {
        const runChanged = track !== null && track.runId !== get().tracksRunId;
        set(runChanged ? { pickedTrack: track, tracksRunId: track.runId, tracks: [] } : { pickedTrack: track });
        if (runChanged) void get().loadTracks();
        // Picked here: the overlay highlights the same box (its slice may be absent in tests).
        const overlay = get() as Partial<{ selectedTrack: TrackRef | null; selectTrack: (t: TrackRef | null) => void }>;
        const shown = overlay.selectedTrack ?? null;
        if (overlay.selectTrack && (shown?.runId !== track?.runId || shown?.trackId !== track?.trackId))
          overlay.selectTrack(track);
      },

      chooseTrackRun: (runId) => {
        set({ tracksRunId: runId, tracks: [], pickedTrack: null });
        void get().loadTracks();
      },

      resetTracks: () => set({ trackRuns: [], tracks: [], tracksRunId: null, pickedTrack: null }),

      teamFor: async (side) => {
        const existing = get().roster.teams.find((t) => t.side === side);
        if (existing) return existing.id;
        const game = get().games.find((g) => g.id === get().selectedGameId);
        if (!game) return null;
        const saved = await get().saveTeam(side, side === 'home' ? game.home : game.away, DEFAULT_TEAM_COLOURS[side]);
        return saved ? (get().roster.teams.find((t) => t.side === side)?.id ?? null) : null;
      },

      saveTeam: (side, name, colour) =>
        get().serialize(async () => {
          const gameId = get().selectedGameId;
          if (!gameId) return false;
          const existing = get().roster.teams.find((t) => t.side === side);
          const after = { ...(existing ? { id: existing.id } : {}), team: { gameId, side, name, colour } };
          try {
            await bridge.invoke('roster.saveTeam', after);
            const before = existing
              ? { id: existing.id, team: { gameId, side, name: existing.name, colour: existing.colour } }
              : null;
            get().recordUndo(teamSaved(before, after, `edit ${side} team`));
            await get().loadRoster();
            return true;
          } catch (error) {
            fail(`Saving the ${side} team`)(error);
            return false;
          }
        }),

      savePlayer: (id, player) =>
        get().serialize(async () => {
          const before = id === null ? null : (get().roster.players.find((p) => p.id === id) ?? null);
          try {
            const saved = await bridge.invoke('roster.savePlayer', id === null ? { player } : { id, player });
            get().recordUndo(before ? playerUpdated(before, player) : playerCreated(saved));
            await get().loadRoster();
            return true;
          } catch (error) {
            fail(`Saving ${player.name}`)(error);
            return false;
          }
        }),

      deletePlayer: (id) =>
        get().serialize(async () => {
          const player = get().roster.players.find((p) => p.id === id);
          if (!player) return;
          // Undo adds the player again and must re-link the tracks the player had in the loaded run.
          const links = get()
            .tracks.filter((t) => t.playerId === id)
            .map((t) => ({ runId: t.runId, trackId: t.trackId }));
          try {
            await bridge.invoke('roster.deletePlayer', { id });
            get().recordUndo(playerDeleted(player, links, get().events));
            await Promise.all([get().loadRoster(), get().loadTracks()]);
          } catch (error) {
            fail(`Deleting ${player.name}`)(error);
          }
        }),

      linkTrack: (playerId) =>
        get().serialize(async () => {
          const track = get().pickedTrack;
          if (!track) return;
          const before =
            get().tracks.find((t) => t.runId === track.runId && t.trackId === track.trackId)?.playerId ?? null;
          try {
            await bridge.invoke('tracks.link', { ...track, playerId });
            get().recordUndo(trackLinked(track.runId, track.trackId, before, playerId));
            await get().loadTracks();
          } catch (error) {
            fail(`Linking track ${track.trackId}`)(error);
          }
        }),

      mergeIntoPicked: (mergeTrackId) =>
        get().serialize(async () => {
          const track = get().pickedTrack;
          if (!track) return;
          try {
            await bridge.invoke('tracks.merge', { runId: track.runId, keepTrackId: track.trackId, mergeTrackId });
            await get().loadTracks();
          } catch (error) {
            fail(`Merging track ${mergeTrackId} into ${track.trackId}`)(error);
          }
        }),

      splitPicked: (atFrame) =>
        get().serialize(async () => {
          const track = get().pickedTrack;
          if (!track) return;
          try {
            const { newTrackId } = await bridge.invoke('tracks.split', { ...track, atFrame });
            get().recordUndo(trackSplit(track.runId, track.trackId, atFrame, newTrackId));
            await get().loadTracks();
          } catch (error) {
            fail(`Splitting track ${track.trackId}`)(error);
          }
        }),
    };
  };
}
