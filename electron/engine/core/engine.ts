import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppFailure } from '../../contract/errors.ts';
import type { AppInfo, CommandName, ToolInfo } from '../../contract/commands.ts';
import type { EventName, Events } from '../../contract/events.ts';
import { createJobRunner } from '../jobs/runner.ts';
import type { Logger } from '../log.ts';
import { resolveTool } from '../media/tools.ts';
import type { EngineConfig, InternalMethod, InternalMethods } from '../process/protocol.ts';
import { openDatabase } from '../store/db.ts';
import { createGame, deleteGame, listGames, updateGame, type StoreContext } from '../store/games.ts';
import { deviceId } from '../store/settings.ts';
import { deleteVideo, getVideo, listVideos } from '../store/videos.ts';
import { importVideo } from './import-video.ts';
import { makePlayable } from './make-playable.ts';
import { createFfmpegMediaOps } from './ffmpeg-media-ops.ts';

export interface EngineDeps {
  config: EngineConfig;
  log: Logger;
  emit: <E extends EventName>(name: E, payload: Events[E]) => void;
}

export interface Engine {
  /** Handles a command whose arguments were already validated by validateCommand. */
  handle(command: CommandName, args: unknown): Promise<unknown>;
  internal<M extends InternalMethod>(method: M, args: unknown): Promise<InternalMethods[M]['result']>;
  close(): Promise<void>;
}

type Handler = (args: never) => unknown;

export async function createEngine(deps: EngineDeps): Promise<Engine> {
  const { config, log, emit } = deps;
  mkdirSync(config.dataDir, { recursive: true });
  const db = openDatabase(join(config.dataDir, 'library.sqlite'));
  const store: StoreContext = { db, deviceId: deviceId(db), now: () => new Date().toISOString() };
  const media = createFfmpegMediaOps({
    ffmpegSetting: config.ffmpegPath,
    ffprobeSetting: config.ffprobePath,
    log: log.child('media'),
  });
  const jobs = createJobRunner({
    log: log.child('jobs'),
    onProgress: (progress) => emit('job.progress', progress),
    onFinished: (finished) => emit('job.finished', finished),
  });
  const changed = (gameId: string | null) => emit('library.changed', { gameId });

  async function toolInfo(name: 'ffmpeg' | 'ffprobe'): Promise<ToolInfo> {
    try {
      const tool = await resolveTool(name, {
        ffmpegSetting: config.ffmpegPath,
        ffprobeSetting: config.ffprobePath,
      });
      return { path: tool.path, source: tool.source, version: tool.version };
    } catch (error) {
      return { path: null, source: null, version: null, error: (error as Error).message };
    }
  }

  const handlers: Partial<Record<CommandName, Handler>> = {
    'app.info': async (): Promise<AppInfo> => ({
      version: config.appVersion,
      deviceId: store.deviceId,
      dataDir: config.dataDir,
      nativeDialogs: config.nativeDialogs,
      tools: { ffmpeg: await toolInfo('ffmpeg'), ffprobe: await toolInfo('ffprobe') },
    }),
    'games.list': () => listGames(store),
    'games.create': (args: { title: string; date: string; home: string; away: string }) => {
      const game = createGame(store, args);
      changed(game.id);
      return game;
    },
    'games.update': (args: { id: string; patch: Record<string, string> }) => {
      const game = updateGame(store, args.id, args.patch);
      changed(game.id);
      return game;
    },
    'games.delete': (args: { id: string }) => {
      deleteGame(store, args.id);
      changed(args.id);
    },
    'videos.list': (args: { gameId: string }) => listVideos(store, args.gameId),
    'videos.import': (args: { gameId: string; path: string }) => ({
      jobId: jobs.start('import', args.gameId, async (ctx) => {
        const video = await importVideo(store, media, args.gameId, args.path, ctx);
        changed(args.gameId);
        return video;
      }),
    }),
    'videos.delete': (args: { id: string }) => {
      const video = getVideo(store, args.id);
      deleteVideo(store, args.id);
      changed(video.gameId);
    },
    'videos.makePlayable': (args: { id: string; fix: 'remux' | 'proxy' }) => {
      const video = getVideo(store, args.id);
      return {
        jobId: jobs.start('proxy', video.id, async (ctx) => {
          const updated = await makePlayable(store, media, join(config.dataDir, 'proxies'), video.id, args.fix, ctx);
          changed(video.gameId);
          return updated;
        }),
      };
    },
    'jobs.list': () => jobs.list(),
    'jobs.cancel': (args: { jobId: string }) => jobs.cancel(args.jobId),
  };

  return {
    async handle(command, args) {
      const handler = handlers[command];
      if (!handler) {
        throw new AppFailure('unknown-command', `${command} is answered by the app shell, not the engine.`);
      }
      return handler(args as never);
    },
    async internal(method, args) {
      if (method === 'mediaPath') {
        const { videoId, variant } = args as InternalMethods['mediaPath']['args'];
        try {
          const video = getVideo(store, videoId);
          return (variant === 'proxy' ? video.proxyPath : video.path) as never;
        } catch {
          return null as never;
        }
      }
      throw new AppFailure('unknown-command', `Unknown internal method ${String(method)}`);
    },
    async close() {
      await jobs.cancelAll();
      db.close();
    },
  };
}
