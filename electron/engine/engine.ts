import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppFailure } from '../contract/errors.ts';
import type { CommandName } from '../contract/commands.ts';
import type { EventName, Events } from '../contract/events.ts';
import { createJobRunner } from './jobs/runner.ts';
import type { Logger } from './log.ts';
import type { EngineConfig, InternalMethod, InternalMethods, ShellCalls } from './process/protocol.ts';
import { openOwnedLibrary, type OwnedLibrary } from './store/owned-library.ts';
import type { Video } from '../contract/domain.ts';
import { videoMediaFile } from './media-server/library-media.ts';
import { checkSqliteAvailable } from './store/db.ts';
import { getVideo } from './store/videos.ts';
import type { EngineContext, Handlers } from './context.ts';
import { createFfmpegMediaOps } from './import/ffmpeg-media-ops.ts';
import { createTools } from './media/tools.ts';
import type { ProcessLauncher } from './process/launcher.ts';
import { nodeLauncher } from './process/node-launcher.ts';
import { affiliationHandlers } from './handlers/affiliation.ts';
import { analysisHandlers } from './handlers/analysis.ts';
import { exportHandlers } from './handlers/export.ts';
import { libraryHandlers } from './handlers/library.ts';
import { playlistHandlers } from './handlers/playlists.ts';
import { taggingHandlers } from './handlers/tagging.ts';
import { syncHandlers } from './handlers/sync.ts';
import { createEngineTeamSync } from './sync/engine-sync.ts';
import { teamFileHandlers } from './handlers/team-files.ts';
import { markInterruptedUploads } from './store/uploads.ts';
import { teamSyncStorageAccess, type TeamStorageAccess } from './sync/team-storage-access.ts';

export interface EngineDeps {
  config: EngineConfig;
  log: Logger;
  /** How helper processes are started; forks under plain Node when unset. */
  launcher?: ProcessLauncher;
  emit: <E extends EventName>(name: E, payload: Events[E]) => void;
  /** The team storage's gateway and token; by default the team sync's session. */
  teamStorage?: TeamStorageAccess;
  /** The shell's services (Electron: sealing the team-cloud session with safeStorage). */
  shell?: ShellCalls;
}

export interface Engine {
  /** Handles a command whose arguments were already validated by validateCommand. */
  handle(command: CommandName, args: unknown): Promise<unknown>;
  internal<M extends InternalMethod>(method: M, args: unknown): Promise<InternalMethods[M]['result']>;
  close(): Promise<void>;
  /** The commands this engine answers (every command but the shell's). */
  readonly answers: readonly CommandName[];
}

export async function createEngine(deps: EngineDeps): Promise<Engine> {
  // A runtime without a working node:sqlite is refused with what to do, before anything is created.
  checkSqliteAvailable();
  mkdirSync(deps.config.dataDir, { recursive: true });
  const library = openOwnedLibrary(join(deps.config.dataDir, 'library.sqlite'));
  try {
    return await engineOver(library, deps);
  } catch (error) {
    library.close();
    throw error;
  }
}

async function engineOver(library: OwnedLibrary, deps: EngineDeps): Promise<Engine> {
  const { config, log, emit } = deps;
  const { store } = library;
  const tools = createTools({
    ffmpegSetting: config.ffmpegPath,
    ffprobeSetting: config.ffprobePath,
    log: log.child('tools'),
  });
  // After each sync the rows of a shared game are on the team cloud: its videos may go up then.
  let afterSync = () => {};
  const teamSync = createEngineTeamSync({
    config,
    store,
    log,
    emit,
    afterSync: () => afterSync(),
    ...(deps.shell ? { shell: deps.shell } : {}),
  });
  const ctx: EngineContext = {
    config,
    store,
    log,
    emit,
    tools,
    launcher: deps.launcher ?? nodeLauncher,
    media: createFfmpegMediaOps(tools),
    jobs: createJobRunner({
      log: log.child('jobs'),
      onProgress: (progress) => emit('job.progress', progress),
      onFinished: (finished) => emit('job.finished', finished),
    }),
    teamStorage: deps.teamStorage ?? teamSyncStorageAccess(teamSync),
    changed: (gameId) => {
      emit('library.changed', { gameId });
      // Every saved change wrote its outbox row; a shared game's goes up after the debounce.
      teamSync.localChange();
    },
  };
  // An upload left running by an engine that died resumes from its parts when started again.
  markInterruptedUploads(store.db);
  const teamFiles = teamFileHandlers(ctx);
  afterSync = teamFiles.uploadDueVideos;
  const handlers: Handlers = {
    ...libraryHandlers(ctx),
    ...analysisHandlers(ctx),
    ...taggingHandlers(ctx),
    ...exportHandlers(ctx),
    ...playlistHandlers(ctx),
    ...affiliationHandlers(ctx),
    ...syncHandlers(teamSync),
    ...teamFiles.handlers,
  };
  // Restoring the kept session may refresh it over the network: the engine answers meanwhile.
  void teamSync.start();

  return {
    answers: Object.keys(handlers) as CommandName[],
    async handle(command, args) {
      // The table is complete by its type; a shell command sent here (or a stray name) still needs an answer.
      const handler = (handlers as Partial<Record<CommandName, (args: unknown) => unknown>>)[command];
      if (!handler) {
        throw new AppFailure('unknown-command', `${command} is not answered by the engine.`);
      }
      return handler(args);
    },
    async internal(method, args) {
      if (method === 'mediaPath') {
        const { videoId, variant } = args as InternalMethods['mediaPath']['args'];
        let video: Video;
        try {
          video = getVideo(store, videoId);
        } catch {
          return null as never;
        }
        // A proxy is Rinkside's own file in its data folder; the original is the analyst's, checked.
        if (variant === 'proxy') {
          return (video.proxyPath ? { path: video.proxyPath, identity: null, changed: false } : null) as never;
        }
        return (await videoMediaFile(store, video)) as never;
      }
      throw new AppFailure('unknown-command', `Unknown internal method ${String(method)}`);
    },
    async close() {
      await ctx.jobs.cancelAll();
      await teamSync.close();
      library.close();
    },
  };
}
