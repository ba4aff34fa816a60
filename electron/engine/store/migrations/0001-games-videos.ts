import type { Migration } from './index.ts';

/**
 * Games, their videos, device settings and the sync outbox. Every synced row carries a
 * client UUID, updated_at, device_id and a deleted flag (docs/cloud.md, sync columns); the
 * outbox gets a row in the same transaction as each change so a later sync loses nothing.
 */
export const m0001GamesVideos: Migration = {
  version: 1,
  name: 'games-videos',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE games (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        date TEXT NOT NULL,
        home TEXT NOT NULL,
        away TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        device_id TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
      ) STRICT;

      CREATE TABLE videos (
        id TEXT PRIMARY KEY,
        game_id TEXT NOT NULL REFERENCES games(id),
        path TEXT NOT NULL,
        file_name TEXT NOT NULL,
        size_bytes INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        probe_json TEXT NOT NULL,
        proxy_path TEXT,
        proxy_time_shift_s REAL NOT NULL DEFAULT 0,
        imported_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        device_id TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
      ) STRICT;
      CREATE INDEX videos_by_game ON videos(game_id) WHERE deleted = 0;

      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
        created_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
