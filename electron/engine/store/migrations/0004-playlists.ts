import type { Migration } from './index.ts';

/** Saved selections of events (a playlist) per game, for export; synced like every other row. */
export const m0004Playlists: Migration = {
  version: 4,
  name: 'playlists',
  up(db) {
    db.exec(`
      CREATE TABLE playlists (
        id TEXT PRIMARY KEY,
        game_id TEXT NOT NULL REFERENCES games(id),
        name TEXT NOT NULL,
        event_ids_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        device_id TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
      ) STRICT;
      CREATE INDEX playlists_by_game ON playlists(game_id) WHERE deleted = 0;
    `);
  },
};
