import { z } from 'zod';
import { GameInput, Id, PlayabilityFix, type Game, type JobProgress, type Video } from './domain.ts';

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

export const Commands = {
  'app.info': command<AppInfo>()(NoArgs),

  'games.list': command<Game[]>()(NoArgs),
  'games.create': command<Game>()(GameInput.strict()),
  'games.update': command<Game>()(z.object({ id: Id, patch: GameInput.partial().strict() }).strict()),
  'games.delete': command<void>()(z.object({ id: Id }).strict()),

  'videos.list': command<Video[]>()(z.object({ gameId: Id }).strict()),
  /** Starts an import job (hash + probe); the Video arrives in job.finished. */
  'videos.import': command<JobStarted>()(
    z.object({ gameId: Id, path: z.string().min(1).max(4096) }).strict(),
  ),
  'videos.delete': command<void>()(z.object({ id: Id }).strict()),
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
} as const;

export type CommandName = keyof typeof Commands;
export type CommandArgs<N extends CommandName> = z.input<(typeof Commands)[N]['args']>;
export type CommandResult<N extends CommandName> = (typeof Commands)[N]['result'];
export const commandNames = Object.keys(Commands) as CommandName[];

/** Commands the shell (Electron main or the browser host) answers itself, not the engine. */
export const shellCommands = ['dialog.pickVideos', 'media.url'] as const satisfies readonly CommandName[];
