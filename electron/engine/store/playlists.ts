import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../contract/errors.ts';
import type { Playlist, PlaylistInput } from '../../contract/export.ts';
import { transaction } from './db.ts';
import { getGame, type StoreContext } from './games.ts';
import { recordChange } from './outbox.ts';

interface PlaylistRow {
  id: string;
  game_id: string;
  name: string;
  event_ids_json: string;
  created_at: string;
  updated_at: string;
  device_id: string;
  deleted: number;
}

function toPlaylist(row: PlaylistRow): Playlist {
  return {
    id: row.id,
    gameId: row.game_id,
    name: row.name,
    eventIds: JSON.parse(row.event_ids_json) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deviceId: row.device_id,
    deleted: row.deleted === 1,
  };
}

export function listPlaylists(store: StoreContext, gameId: string): Playlist[] {
  const rows = store.db
    .prepare('SELECT * FROM playlists WHERE game_id = ? AND deleted = 0 ORDER BY name, created_at')
    .all(gameId) as unknown as PlaylistRow[];
  return rows.map(toPlaylist);
}

function getPlaylist(store: StoreContext, id: string): Playlist {
  const row = store.db.prepare('SELECT * FROM playlists WHERE id = ? AND deleted = 0').get(id) as
    PlaylistRow | undefined;
  if (!row) throw new AppFailure('not-found', 'That playlist no longer exists.');
  return toPlaylist(row);
}

/** Creates (no id) or replaces a playlist; every change with its outbox row in one transaction. */
export function savePlaylist(store: StoreContext, id: string | undefined, input: PlaylistInput): Playlist {
  getGame(store, input.gameId);
  const now = store.now();
  const playlistId = id ?? randomUUID();
  if (id) getPlaylist(store, id);
  transaction(store.db, () => {
    store.db
      .prepare(
        `INSERT INTO playlists (id, game_id, name, event_ids_json, created_at, updated_at, device_id, deleted)
         VALUES (?, ?, ?, ?, ?, ?, ?, 0)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, event_ids_json = excluded.event_ids_json,
           updated_at = excluded.updated_at, device_id = excluded.device_id`,
      )
      .run(playlistId, input.gameId, input.name, JSON.stringify(input.eventIds), now, now, store.deviceId);
    recordChange(store.db, 'playlists', playlistId, 'upsert', now);
  });
  return getPlaylist(store, playlistId);
}

export function deletePlaylist(store: StoreContext, id: string): void {
  getPlaylist(store, id);
  const now = store.now();
  transaction(store.db, () => {
    store.db
      .prepare('UPDATE playlists SET deleted = 1, updated_at = ?, device_id = ? WHERE id = ?')
      .run(now, store.deviceId, id);
    recordChange(store.db, 'playlists', id, 'delete', now);
  });
}
