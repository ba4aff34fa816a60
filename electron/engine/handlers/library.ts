import { join } from 'node:path';
import type { AppInfo, ToolInfo } from '../../contract/commands.ts';
import { createGame, deleteGame, listGames, updateGame } from '../store/games.ts';
import { deleteVideo, getVideo, listVideos } from '../store/videos.ts';
import type { EngineContext, HandlerGroup } from '../context.ts';
import { importVideo } from '../import/import-video.ts';
import { makePlayable } from '../import/make-playable.ts';
import { relinkVideoFile } from '../import/relink-video.ts';

/** Games, videos, jobs and app info: the foundation's commands. */
export function libraryHandlers(ctx: EngineContext) {
  const { store, media, jobs, config } = ctx;

  async function toolInfo(name: 'ffmpeg' | 'ffprobe'): Promise<ToolInfo> {
    try {
      const tool = await ctx.tools.one(name);
      return { path: tool.path, source: tool.source, version: tool.version };
    } catch (error) {
      return { path: null, source: null, version: null, error: (error as Error).message };
    }
  }

  return {
    'app.info': async (): Promise<AppInfo> => ({
      version: config.appVersion,
      deviceId: store.deviceId,
      dataDir: config.dataDir,
      nativeDialogs: config.nativeDialogs,
      tools: { ffmpeg: await toolInfo('ffmpeg'), ffprobe: await toolInfo('ffprobe') },
    }),
    'games.list': () => listGames(store),
    'games.create': (args) => {
      const game = createGame(store, args);
      ctx.changed(game.id);
      return game;
    },
    'games.update': (args) => {
      const game = updateGame(store, args.id, args.patch);
      ctx.changed(game.id);
      return game;
    },
    'games.delete': (args) => {
      deleteGame(store, args.id);
      ctx.changed(args.id);
    },
    'videos.list': (args) => listVideos(store, args.gameId),
    'videos.import': (args) => ({
      jobId: jobs.start('import', args.gameId, async (job) => {
        const video = await importVideo(store, media, args.gameId, args.path, job);
        ctx.changed(args.gameId);
        return video;
      }),
    }),
    'videos.delete': (args) => {
      const video = getVideo(store, args.id);
      deleteVideo(store, args.id);
      ctx.changed(video.gameId);
    },
    'videos.relink': (args) => {
      const video = getVideo(store, args.id);
      return {
        jobId: jobs.start('import', video.id, async (job) => {
          const updated = await relinkVideoFile(store, media, video.id, args.path, job);
          ctx.changed(video.gameId);
          return updated;
        }),
      };
    },
    'videos.makePlayable': (args) => {
      const video = getVideo(store, args.id);
      return {
        jobId: jobs.start('proxy', video.id, async (job) => {
          const proxies = join(config.dataDir, 'proxies');
          const updated = await makePlayable(store, media, proxies, video.id, args.fix, job);
          ctx.changed(video.gameId);
          return updated;
        }),
      };
    },
    'jobs.list': () => jobs.list(),
    'jobs.cancel': (args) => jobs.cancel(args.jobId),
  } satisfies HandlerGroup;
}
