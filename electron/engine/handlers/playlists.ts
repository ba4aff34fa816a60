import { deletePlaylist, listPlaylists, savePlaylist } from '../store/playlists.ts';
import type { EngineContext, HandlerGroup } from '../context.ts';

/** Saved event selections for export. */
export function playlistHandlers(ctx: EngineContext) {
  const { store } = ctx;
  return {
    'playlists.list': (args) => listPlaylists(store, args.gameId),
    'playlists.save': (args) => {
      const playlist = savePlaylist(store, args.id, args.playlist);
      ctx.changed(playlist.gameId);
      return playlist;
    },
    'playlists.delete': (args) => {
      const gameId = store.db.prepare('SELECT game_id FROM playlists WHERE id = ?').get(args.id) as
        { game_id: string } | undefined;
      deletePlaylist(store, args.id);
      ctx.changed(gameId?.game_id ?? null);
    },
  } satisfies HandlerGroup;
}
