import { z } from 'zod';
import { Affiliation, JerseyGroup, RinkPolygon, type RunAffiliations, type TrackAffiliation } from './affiliation.ts';
import { AnalysisOptions, type AnalysisRun, type ModelInfo, type TrackSummary } from './analysis.ts';
import { GameInput, Id, PlayabilityFix, type Game, type JobProgress, type Video } from './domain.ts';
import { ClipExportRequest, EventDataFormat, PlaylistInput, type Playlist } from './export.ts';
import { CloudProjectInput, SignInInput, type CloudTeam, type SyncStatus } from './sync.ts';
import { BandwidthLimit, type AutoUploadSetting, type UploadStatus } from './team-files.ts';
import {
  CodeInput,
  EventInput,
  EventPatch,
  PlayerInput,
  TeamInput,
  type Code,
  type GameEvent,
  type Player,
  type Roster,
  type Team,
  type TrackLink,
} from './tagging.ts';

/**
 * The one command table. Every binding (Electron ipcMain relay, the browser host's WebSocket,
 * the engine process) validates with these schemas; the result type is carried as a phantom.
 */
function command<Result>() {
  return <Args extends z.ZodType>(args: Args) => ({ args, result: undefined as unknown as Result });
}

const NoArgs = z.object({}).strict();

export interface AppInfo {
  version: string;
  deviceId: string;
  dataDir: string;
  /** Whether the shell can show native file dialogs (Electron yes, browser host no). */
  nativeDialogs: boolean;
  tools: { ffmpeg: ToolInfo; ffprobe: ToolInfo };
}
export interface ToolInfo {
  path: string | null;
  source: 'setting' | 'env' | 'packaged' | 'path' | null;
  version: string | null;
  error?: string;
}

export interface JobStarted {
  jobId: string;
}

export interface AnalysisStarted extends JobStarted {
  runId: string;
}

const FilePath = z.string().min(1).max(4096);
const RunId = z.object({ runId: Id }).strict();
const TrackId = z.number().int().min(0);

export const Commands = {
  'app.info': command<AppInfo>()(NoArgs),

  'games.list': command<Game[]>()(NoArgs),
  'games.create': command<Game>()(GameInput.strict()),
  'games.update': command<Game>()(z.object({ id: Id, patch: GameInput.partial().strict() }).strict()),
  'games.delete': command<void>()(z.object({ id: Id }).strict()),

  'videos.list': command<Video[]>()(z.object({ gameId: Id }).strict()),
  /** Starts an import job (hash + probe); the Video arrives in job.finished. */
  'videos.import': command<JobStarted>()(z.object({ gameId: Id, path: z.string().min(1).max(4096) }).strict()),
  'videos.delete': command<void>()(z.object({ id: Id }).strict()),
  /**
   * Points a video whose file moved or changed at the file now at `path`, if its SHA-256 is the
   * one imported (a job: hashing a game takes a while); the updated Video arrives in job.finished.
   */
  'videos.relink': command<JobStarted>()(z.object({ id: Id, path: z.string().min(1).max(4096) }).strict()),
  /** Starts a remux or H.264 proxy job for a file the player cannot decode. */
  'videos.makePlayable': command<JobStarted>()(z.object({ id: Id, fix: PlayabilityFix }).strict()),
  /** URL the <video> element can stream with range requests; only known files are served. */
  'media.url': command<{ url: string }>()(
    z.object({ videoId: Id, variant: z.enum(['original', 'proxy']).default('original') }).strict(),
  ),

  'jobs.list': command<JobProgress[]>()(NoArgs),
  'jobs.cancel': command<void>()(z.object({ jobId: z.string().min(1).max(100) }).strict()),

  /** Native file picker; the browser host answers an empty list (type a path instead). */
  'dialog.pickVideos': command<{ paths: string[] }>()(NoArgs),
  /**
   * Native save dialog for an export file: the absolute path chosen (overwrite confirmed by the
   * dialog), or null when cancelled. The browser host answers null (type a full path instead).
   */
  'dialog.saveFile': command<{ path: string | null }>()(
    z
      .object({
        title: z.string().min(1).max(200),
        defaultName: z.string().max(255),
        /** File type filter, e.g. ['csv']; no dots. */
        extensions: z
          .array(z.string().regex(/^[A-Za-z0-9]{1,10}$/))
          .min(1)
          .max(8),
      })
      .strict(),
  ),
  /** Native folder picker for clip exports: an absolute folder path, or null (browser host: null). */
  'dialog.pickFolder': command<{ path: string | null }>()(z.object({ title: z.string().min(1).max(200) }).strict()),
  /** Shows a saved file in the OS file manager; the browser host cannot (shown: false) and the page shows the path. */
  'shell.reveal': command<{ shown: boolean }>()(z.object({ path: FilePath }).strict()),

  // Analysis (detect + track).
  'models.list': command<ModelInfo[]>()(NoArgs),
  'models.add': command<ModelInfo>()(z.object({ path: FilePath }).strict()),
  'analysis.start': command<AnalysisStarted>()(z.object({ videoId: Id, options: AnalysisOptions }).strict()),
  'analysis.list': command<AnalysisRun[]>()(z.object({ videoId: Id }).strict()),
  /** Stops the job but keeps every committed chunk; resume continues after the last one. */
  'analysis.pause': command<void>()(RunId),
  'analysis.resume': command<AnalysisStarted>()(RunId),
  'analysis.cancel': command<void>()(RunId),
  /** Detections with pts in [fromS, toS] as one binary window (contract/detections-window.ts). */
  'detections.window': command<ArrayBuffer>()(
    z
      .object({ runId: Id, fromS: z.number(), toS: z.number() })
      .strict()
      .refine((w) => w.toS >= w.fromS && w.toS - w.fromS <= 600, {
        message: 'A window is at most 10 minutes long and ends after it starts',
      }),
  ),
  'tracks.list': command<(TrackSummary & { playerId: string | null })[]>()(RunId),
  'tracks.link': command<TrackLink>()(z.object({ runId: Id, trackId: TrackId, playerId: Id.nullable() }).strict()),
  'tracks.merge': command<void>()(z.object({ runId: Id, keepTrackId: TrackId, mergeTrackId: TrackId }).strict()),
  'tracks.split': command<{ newTrackId: number }>()(
    z.object({ runId: Id, trackId: TrackId, atFrame: z.number().int().min(0) }).strict(),
  ),
  /** Every track's team, official or off-ice affiliation, with the measured jersey colours. */
  'tracks.affiliations': command<RunAffiliations>()(RunId),
  /** The analyst's correction of one track (null removes it: the measured one shows again). */
  'tracks.setAffiliation': command<TrackAffiliation>()(
    z.object({ runId: Id, trackId: TrackId, affiliation: Affiliation.nullable() }).strict(),
  ),
  /** Samples the jerseys of a run analysed before sampling existed (a job: decodes the video once). */
  'tracks.sampleJerseys': command<JobStarted>()(RunId),
  /** Which jersey cluster is the home team in this game (null: not said yet). */
  'games.setHomeJersey': command<void>()(z.object({ gameId: Id, homeGroup: JerseyGroup.nullable() }).strict()),
  /** The ice surface of the video's camera view; people standing outside it are off the ice. */
  'videos.rinkRegion': command<RinkPolygon | null>()(z.object({ videoId: Id }).strict()),
  'videos.setRinkRegion': command<void>()(z.object({ videoId: Id, points: RinkPolygon.nullable() }).strict()),
  /** A small JPEG of the frame at timeS, made in the background by ffmpeg and cached. */
  'thumbnails.get': command<ArrayBuffer>()(
    z.object({ videoId: Id, timeS: z.number().min(0), width: z.number().int().min(32).max(640).default(160) }).strict(),
  ),

  // Tagging.
  'codes.list': command<Code[]>()(NoArgs),
  'codes.save': command<Code>()(z.object({ id: Id.optional(), code: CodeInput }).strict()),
  'codes.delete': command<void>()(z.object({ id: Id }).strict()),
  'events.list': command<GameEvent[]>()(z.object({ gameId: Id }).strict()),
  'events.create': command<GameEvent>()(EventInput),
  'events.update': command<GameEvent>()(z.object({ id: Id, patch: EventPatch }).strict()),
  'events.delete': command<void>()(z.object({ id: Id }).strict()),
  /** Undo of a delete: deletes are soft, so the event comes back as it was. */
  'events.restore': command<GameEvent>()(z.object({ id: Id }).strict()),
  'roster.get': command<Roster>()(z.object({ gameId: Id }).strict()),
  'roster.saveTeam': command<Team>()(z.object({ id: Id.optional(), team: TeamInput }).strict()),
  'roster.savePlayer': command<Player>()(z.object({ id: Id.optional(), player: PlayerInput }).strict()),
  'roster.deletePlayer': command<void>()(z.object({ id: Id }).strict()),

  // Export.
  'export.clips': command<JobStarted>()(ClipExportRequest),
  'export.events': command<{ path: string; count: number }>()(
    z.object({ gameId: Id, format: EventDataFormat, path: FilePath }).strict(),
  ),
  'import.sportscode': command<{ imported: number; skipped: number; warnings: string[] }>()(
    z.object({ gameId: Id, videoId: Id, path: FilePath }).strict(),
  ),
  'playlists.list': command<Playlist[]>()(z.object({ gameId: Id }).strict()),
  'playlists.save': command<Playlist>()(z.object({ id: Id.optional(), playlist: PlaylistInput }).strict()),
  'playlists.delete': command<void>()(z.object({ id: Id }).strict()),
  'export.tracks': command<{ path: string; rows: number }>()(z.object({ runId: Id, path: FilePath }).strict()),

  // Team sync (docs/sync.md). Without a project or a sign-in everything else works as before.
  'sync.status': command<SyncStatus>()(NoArgs),
  /** Sets the team's Supabase project (URL + anon key); a different project signs the analyst out. */
  'sync.configure': command<SyncStatus>()(CloudProjectInput),
  'sync.signIn': command<SyncStatus>()(SignInInput),
  /** Ends the session and forgets it; shared games stay in the library and sync again after sign-in. */
  'sync.signOut': command<SyncStatus>()(NoArgs),
  /** The teams the signed-in analyst belongs to, to pick one to share a game with. */
  'sync.teams': command<CloudTeam[]>()(NoArgs),
  /** Shares a game made on this laptop with one team; from then on it syncs. */
  'sync.shareGame': command<Game>()(z.object({ gameId: Id, teamId: Id }).strict()),
  /** Syncs now instead of waiting for the backoff or the next poll. */
  'sync.retry': command<SyncStatus>()(NoArgs),
  // The team's storage (docs/uploads.md): never automatic unless the analyst turns the setting on;
  // starting again resumes (Retry).
  /** Whether a shared game's videos go up on their own once the game's rows are on the team cloud (off by default). */
  'videos.autoUploadSetting': command<AutoUploadSetting>()(NoArgs),
  'videos.setAutoUpload': command<AutoUploadSetting>()(z.object({ enabled: z.boolean() }).strict()),
  'videos.upload': command<JobStarted>()(z.object({ videoId: Id, limitMbps: BandwidthLimit }).strict()),
  'videos.pauseUpload': command<void>()(z.object({ videoId: Id }).strict()),
  'videos.cancelUpload': command<void>()(z.object({ videoId: Id }).strict()),
  'videos.uploadStatus': command<UploadStatus | null>()(z.object({ videoId: Id }).strict()),
  'videos.download': command<JobStarted>()(z.object({ videoId: Id, limitMbps: BandwidthLimit }).strict()),
  'analysis.uploadResults': command<JobStarted>()(z.object({ runId: Id, limitMbps: BandwidthLimit }).strict()),
  'analysis.downloadResults': command<JobStarted>()(z.object({ runId: Id, limitMbps: BandwidthLimit }).strict()),
} as const;

export type CommandName = keyof typeof Commands;
export type CommandArgs<N extends CommandName> = z.input<(typeof Commands)[N]['args']>;
/** The arguments a handler receives: the schema's output, after validateCommand applied its defaults. */
export type ParsedCommandArgs<N extends CommandName> = z.output<(typeof Commands)[N]['args']>;
export type CommandResult<N extends CommandName> = (typeof Commands)[N]['result'];
export const commandNames = Object.keys(Commands) as CommandName[];

/** Commands the shell (Electron main or the browser host) answers itself, not the engine. */
export const shellCommands = [
  'dialog.pickVideos',
  'dialog.saveFile',
  'dialog.pickFolder',
  'media.url',
  'shell.reveal',
] as const satisfies readonly CommandName[];
export type ShellCommandName = (typeof shellCommands)[number];
/** Every other command: the engine must answer each of them. */
export type EngineCommandName = Exclude<CommandName, ShellCommandName>;
