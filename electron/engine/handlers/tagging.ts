import { join } from 'node:path';
import { deleteCode, listCodes, saveCode } from '../store/codes.ts';
import { createEvent, deleteEvent, getEvent, listEvents, restoreEvent, updateEvent } from '../store/events.ts';
import { deletePlayer, gameOfTeam, getPlayer, getRoster, savePlayer, saveTeam } from '../store/roster.ts';
import { gameOfRun, linkTrack, mergeTracks, splitTrack } from '../store/track-edits.ts';
import { getVideo } from '../store/videos.ts';
import type { EngineContext, HandlerGroup } from '../context.ts';
import { createThumbnailService } from '../thumbnails/thumbnails.ts';

/** Codes, events, roster, track edits and thumbnails: what the tagging window needs. */
export function taggingHandlers(ctx: EngineContext) {
  const { store, config } = ctx;
  const log = ctx.log.child('tagging');

  const thumbnails = createThumbnailService({
    dir: join(config.dataDir, 'thumbnails'),
    ffmpeg: async () => (await ctx.tools.one('ffmpeg')).path,
    log: log.child('thumbnails'),
  });

  return {
    // Codes are global (not per game): every window refreshes.
    'codes.list': () => listCodes(store),
    'codes.save': (args) => {
      const code = saveCode(store, args.id, args.code);
      ctx.changed(null);
      return code;
    },
    'codes.delete': (args) => {
      deleteCode(store, args.id);
      ctx.changed(null);
    },

    'events.list': (args) => listEvents(store, args.gameId),
    'events.create': (args) => {
      const event = createEvent(store, args);
      ctx.changed(event.gameId);
      return event;
    },
    'events.update': (args) => {
      const event = updateEvent(store, args.id, args.patch);
      ctx.changed(event.gameId);
      return event;
    },
    'events.delete': (args) => {
      const { gameId } = getEvent(store, args.id);
      deleteEvent(store, args.id);
      ctx.changed(gameId);
    },
    'events.restore': (args) => {
      const event = restoreEvent(store, args.id);
      ctx.changed(event.gameId);
      return event;
    },

    'roster.get': (args) => getRoster(store, args.gameId),
    'roster.saveTeam': (args) => {
      const team = saveTeam(store, args.id, args.team);
      ctx.changed(team.gameId);
      return team;
    },
    'roster.savePlayer': (args) => {
      const player = savePlayer(store, args.id, args.player);
      ctx.changed(gameOfTeam(store, player.teamId));
      return player;
    },
    'roster.deletePlayer': (args) => {
      const gameId = gameOfTeam(store, getPlayer(store, args.id).teamId);
      deletePlayer(store, args.id);
      ctx.changed(gameId);
    },

    'tracks.link': (args) => {
      const link = linkTrack(store, args.runId, args.trackId, args.playerId);
      ctx.changed(gameOfRun(store, args.runId));
      return link;
    },
    'tracks.merge': (args) => {
      mergeTracks(store, args.runId, args.keepTrackId, args.mergeTrackId);
      ctx.changed(gameOfRun(store, args.runId));
    },
    'tracks.split': (args) => {
      const newTrackId = splitTrack(store, args.runId, args.trackId, args.atFrame);
      ctx.changed(gameOfRun(store, args.runId));
      return { newTrackId };
    },

    'thumbnails.get': (args) => thumbnails.get(getVideo(store, args.videoId), args.timeS, args.width),
  } satisfies HandlerGroup;
}
