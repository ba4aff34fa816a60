import type { StateCreator } from 'zustand';
import type {
  EventDataFormat,
  JobFinished,
  Overlays,
  Playlist,
  RinksideBridge,
} from '../../../electron/contract/index.ts';
import { asAppError } from '../lib/errorWording.ts';
import type { AppState } from './types.ts';

/** Export clips/reels of events and the event data; progress rides on the jobs slice. */
export interface ExportSlice {
  /** Last export or import summary, shown under the export panel. */
  exportMessage: string | null;
  /** Where the last export landed (a file, or the clips' folder), for "saved to … Reveal". */
  savedTo: string | null;
  /** The running clips job and its folder, until it finishes. */
  exportJob: { jobId: string; outDir: string } | null;
  /** Shows the saved file in the file manager; where the shell cannot, says where it is. */
  revealSaved: () => Promise<void>;
  /** Called by the jobs slice for every finished job; a done clips job of ours sets savedTo. */
  onExportJobFinished: (finished: JobFinished) => void;
  /** Saved selections of the selected game's events. */
  playlists: Playlist[];
  loadPlaylists: () => Promise<void>;
  savePlaylist: (name: string, eventIds: string[], id?: string) => Promise<Playlist | null>;
  deletePlaylist: (id: string) => Promise<void>;
  /** Starts the clips or reel job; resolves to the job id, null when the engine refused. */
  exportClips: (
    eventIds: string[],
    mode: 'clips' | 'reel',
    overlays: Overlays | null,
    outDir: string,
  ) => Promise<string | null>;
  exportEventData: (format: EventDataFormat, path: string) => Promise<void>;
  importSportscode: (path: string) => Promise<void>;
  exportTracks: (runId: string, path: string) => Promise<void>;
  /** The shell's native dialogs (Electron): a folder for clips, a file to save; null when cancelled or none. */
  chooseExportFolder: () => Promise<string | null>;
  chooseSaveFile: (defaultName: string, extensions: string[]) => Promise<string | null>;
}

export function createExportSlice(bridge: RinksideBridge): StateCreator<AppState, [], [], ExportSlice> {
  return (set, get) => {
    const fail = (error: unknown, context: string) => get().showError(asAppError(error), context);
    return {
      exportMessage: null,
      savedTo: null,
      exportJob: null,
      playlists: [],
      chooseExportFolder: async () => {
        try {
          return (await bridge.invoke('dialog.pickFolder', { title: 'Export clips to' })).path;
        } catch (error) {
          fail(error, 'Choosing a folder');
          return null;
        }
      },
      chooseSaveFile: async (defaultName, extensions) => {
        try {
          return (await bridge.invoke('dialog.saveFile', { title: 'Save as', defaultName, extensions })).path;
        } catch (error) {
          fail(error, 'Choosing a file');
          return null;
        }
      },
      revealSaved: async () => {
        const path = get().savedTo;
        if (!path) return;
        try {
          const { shown } = await bridge.invoke('shell.reveal', { path });
          if (!shown) set({ exportMessage: `This window cannot open a file manager: the export is at ${path}` });
        } catch (error) {
          fail(error, 'Reveal');
        }
      },
      onExportJobFinished: (finished) => {
        const job = get().exportJob;
        if (!job || job.jobId !== finished.jobId) return;
        set({ exportJob: null, ...(finished.outcome === 'done' ? { savedTo: job.outDir } : {}) });
      },
      loadPlaylists: async () => {
        const gameId = get().selectedGameId;
        if (!gameId) return set({ playlists: [] });
        try {
          set({ playlists: await bridge.invoke('playlists.list', { gameId }) });
        } catch (error) {
          fail(error, 'Playlists');
        }
      },
      savePlaylist: async (name, eventIds, id) => {
        const gameId = get().selectedGameId;
        if (!gameId) return null;
        try {
          const playlist = await bridge.invoke('playlists.save', {
            ...(id ? { id } : {}),
            playlist: { gameId, name, eventIds },
          });
          await get().loadPlaylists();
          return playlist;
        } catch (error) {
          fail(error, 'Save playlist');
          return null;
        }
      },
      deletePlaylist: async (id) => {
        try {
          await bridge.invoke('playlists.delete', { id });
          await get().loadPlaylists();
        } catch (error) {
          fail(error, 'Delete playlist');
        }
      },
      exportClips: async (eventIds, mode, overlays, outDir) => {
        try {
          const { jobId } = await bridge.invoke('export.clips', { eventIds, mode, overlays, outDir });
          const what = mode === 'reel' ? `reel of ${eventIds.length} events` : `${eventIds.length} clips`;
          get().trackJob(jobId, 'export', null, `Export ${what}`);
          set({ exportMessage: null, savedTo: null, exportJob: { jobId, outDir } });
          return jobId;
        } catch (error) {
          fail(error, 'Export');
          return null;
        }
      },
      exportEventData: async (format, path) => {
        const gameId = get().selectedGameId;
        if (!gameId) return;
        try {
          const result = await bridge.invoke('export.events', { gameId, format, path });
          set({ exportMessage: `Wrote ${result.count} events`, savedTo: result.path });
        } catch (error) {
          fail(error, 'Export event data');
        }
      },
      importSportscode: async (path) => {
        const { selectedGameId: gameId, currentVideoId: videoId } = get();
        if (!gameId || !videoId) return;
        try {
          const result = await bridge.invoke('import.sportscode', { gameId, videoId, path });
          const warnings = result.warnings.length ? ` (${result.warnings.length} warnings)` : '';
          set({ exportMessage: `Imported ${result.imported} events, skipped ${result.skipped}${warnings}` });
          await get().loadEvents();
        } catch (error) {
          fail(error, 'Import Sportscode XML');
        }
      },
      exportTracks: async (runId, path) => {
        try {
          const result = await bridge.invoke('export.tracks', { runId, path });
          set({ exportMessage: `Wrote ${result.rows} track rows (MOT)`, savedTo: result.path });
        } catch (error) {
          fail(error, 'Export tracks');
        }
      },
    };
  };
}
