import type { ExportSlice } from './exportSlice.ts';
import type {
  AppError,
  AppInfo,
  EngineStatus,
  Game,
  GameInput,
  JobFinished,
  JobKind,
  JobProgress,
  Video,
} from '../../../electron/contract/index.ts';
import type { Notice } from '../lib/errorWording.ts';
import type { AnalysisSlice } from './analysisSlice.ts';
import type { OverlaySlice } from './overlaySlice.ts';
import type { AffiliationSlice } from './affiliationSlice.ts';
import type { RinkRegionSlice } from './rinkRegionSlice.ts';
import type { CodesSlice } from './codesSlice.ts';
import type { EventsSlice } from './eventsSlice.ts';
import type { RosterSlice } from './rosterSlice.ts';
import type { UndoSlice } from './undoSlice.ts';
import type { SyncSlice } from './syncSlice.ts';
import type { UploadsSlice } from './uploadsSlice.ts';

export interface LibrarySlice {
  appInfo: AppInfo | null;
  games: Game[];
  selectedGameId: string | null;
  /** Videos of the selected game. */
  videos: Video[];
  /** Loads app info, games and running jobs once at startup. */
  init: () => Promise<void>;
  loadGames: () => Promise<void>;
  selectGame: (gameId: string) => Promise<void>;
  loadVideos: () => Promise<void>;
  /** Resolves true when created (the form clears), false when the banner shows why not. */
  createGame: (input: GameInput) => Promise<boolean>;
  importVideos: (paths: string[]) => Promise<void>;
  pickVideos: () => Promise<string[]>;
}

export interface JobsSlice {
  /** Running jobs by id, last progress event each. */
  jobs: Record<string, JobProgress>;
  /** Last outcome by job id (done/failed/cancelled). */
  finished: Record<string, JobFinished>;
  /** What the analyst calls the job, e.g. the imported file's name. */
  jobLabels: Record<string, string>;
  trackJob: (jobId: string, kind: JobKind, subjectId: string | null, label: string) => void;
  onJobProgress: (progress: JobProgress) => void;
  onJobFinished: (finished: JobFinished) => void;
  cancelJob: (jobId: string) => Promise<void>;
  /** Replaces the running jobs with the engine's list (after a reconnect events may be lost). */
  resyncJobs: () => Promise<void>;
}

export type Playability = 'unknown' | 'checking' | 'playable' | 'unplayable';

export interface PlaybackSlice {
  currentVideoId: string | null;
  playability: Playability;
  /** Why the file cannot play (shown under the headline). */
  playabilityReason: string | null;
  /** J/K/L shuttle: >0 forward playbackRate, <0 emulated reverse speed, 0 paused. */
  shuttle: number;
  /** The remux/proxy job running for the current video. */
  fixJobId: string | null;
  /** media.url answer for the current video and variant; null while loading. */
  mediaSrc: string | null;
  /** The current video's file is not the one imported (moved, replaced): the player offers re-linking. */
  mediaChanged: boolean;
  /** Points the current video at its file's new place; the engine checks its SHA-256 first. */
  relinkVideo: (path: string) => Promise<void>;
  loadMedia: (videoId: string, variant: 'original' | 'proxy') => Promise<void>;
  openVideo: (videoId: string) => void;
  /** Opens a video and, once it has loaded, shows this frame (an event of another video). */
  openVideoAt: (videoId: string, frame: number) => void;
  /** The frame to show when the open video has loaded; taken (cleared) by the player. */
  pendingFrame: number | null;
  takePendingFrame: () => number | null;
  closeVideo: () => void;
  setPlayability: (playability: Playability, reason?: string) => void;
  setShuttle: (shuttle: number) => void;
  makePlayable: () => Promise<void>;
  /** Called by the jobs slice for every finished job; clears the fix state when it is ours. */
  onFixJobFinished: (finished: JobFinished) => void;
}

export interface NoticesSlice {
  error: Notice | null;
  engine: EngineStatus;
  showError: (error: AppError, context?: string) => void;
  dismissError: () => void;
  setEngineStatus: (status: EngineStatus) => void;
  /** What the last tagging key did, and to which event ("home (RPI) → hit f30–f80"). */
  keyNotice: string | null;
  setKeyNotice: (text: string | null) => void;
}

export type AppState = LibrarySlice &
  JobsSlice &
  PlaybackSlice &
  NoticesSlice &
  TaggingSlices &
  TrackerSlices &
  ExportSlice &
  SyncSlice &
  UploadsSlice;

/** Tagging: codes, events, roster and track links, undo. */
export type TaggingSlices = CodesSlice & EventsSlice & RosterSlice & UndoSlice;

/** Tracker: analysis runs, overlay toggles and the clicked track. */
export type TrackerSlices = AnalysisSlice & OverlaySlice & AffiliationSlice & RinkRegionSlice;
