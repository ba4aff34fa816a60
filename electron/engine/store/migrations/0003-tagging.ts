import type { DatabaseSync } from 'node:sqlite';
import type { Migration } from './index.ts';

/**
 * Tagging: the code window's buttons, the events they make, the game's roster, and the analyst's
 * edits to analysis tracks (links to players, merges, splits). Every synced table carries the sync
 * columns of 0001; the track edits are stored as edits (not by rewriting detections) so the binary
 * detection chunks stay exactly what the model produced and the edits can sync on their own.
 */
export const m0003Tagging: Migration = {
  version: 3,
  name: 'tagging',
  up(db) {
    db.exec(`
      CREATE TABLE codes (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        hotkey TEXT,
        colour TEXT NOT NULL,
        lead_s REAL NOT NULL CHECK (lead_s >= 0),
        lag_s REAL NOT NULL CHECK (lag_s >= 0),
        mode TEXT NOT NULL CHECK (mode IN ('instant', 'span')),
        sort_order INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        device_id TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
      ) STRICT;

      CREATE TABLE events (
        id TEXT PRIMARY KEY,
        game_id TEXT NOT NULL REFERENCES games(id),
        video_id TEXT NOT NULL REFERENCES videos(id),
        code_id TEXT NOT NULL REFERENCES codes(id),
        code_name TEXT NOT NULL,
        start_s REAL NOT NULL,
        end_s REAL NOT NULL,
        start_frame INTEGER NOT NULL,
        end_frame INTEGER NOT NULL,
        descriptors_json TEXT NOT NULL DEFAULT '{}',
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        device_id TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
        CHECK (end_s >= start_s AND end_frame >= start_frame)
      ) STRICT;
      CREATE INDEX events_by_game ON events(game_id, start_s) WHERE deleted = 0;

      CREATE TABLE teams (
        id TEXT PRIMARY KEY,
        game_id TEXT NOT NULL REFERENCES games(id),
        side TEXT NOT NULL CHECK (side IN ('home', 'away')),
        name TEXT NOT NULL,
        colour TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        device_id TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
      ) STRICT;
      CREATE INDEX teams_by_game ON teams(game_id) WHERE deleted = 0;

      CREATE TABLE players (
        id TEXT PRIMARY KEY,
        team_id TEXT NOT NULL REFERENCES teams(id),
        name TEXT NOT NULL,
        number INTEGER CHECK (number BETWEEN 0 AND 99),
        position TEXT CHECK (position IN ('F', 'D', 'G')),
        updated_at TEXT NOT NULL,
        device_id TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
      ) STRICT;
      CREATE INDEX players_by_team ON players(team_id) WHERE deleted = 0;

      -- id: a client UUID like every synced row, so the outbox names a link by one value.
      CREATE TABLE track_links (
        id TEXT NOT NULL UNIQUE,
        run_id TEXT NOT NULL REFERENCES analysis_runs(id),
        track_id INTEGER NOT NULL,
        player_id TEXT REFERENCES players(id),
        updated_at TEXT NOT NULL,
        device_id TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
        PRIMARY KEY (run_id, track_id)
      ) STRICT;

      -- Merges and splits are applied in created_at order (then seq, for edits in the same
      -- millisecond): each edit acts on the ids the analyst saw when making it.
      CREATE TABLE track_merges (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        run_id TEXT NOT NULL REFERENCES analysis_runs(id),
        merged_track_id INTEGER NOT NULL,
        kept_track_id INTEGER NOT NULL CHECK (kept_track_id <> merged_track_id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        device_id TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
      ) STRICT;
      CREATE INDEX track_merges_by_run ON track_merges(run_id) WHERE deleted = 0;

      CREATE TABLE track_splits (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        run_id TEXT NOT NULL REFERENCES analysis_runs(id),
        track_id INTEGER NOT NULL,
        at_frame INTEGER NOT NULL CHECK (at_frame >= 0),
        new_track_id INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        device_id TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
        UNIQUE (run_id, new_track_id)
      ) STRICT;
      CREATE INDEX track_splits_by_run ON track_splits(run_id) WHERE deleted = 0;
    `);
    seedDefaultCodes(db);
  },
};

/** name, hotkey, colour, lead s, lag s, mode. Hotkeys avoid the player's keys (space, arrows, , . J K L G). */
export const DEFAULT_CODES: readonly (readonly [string, string, string, number, number, 'instant' | 'span'])[] = [
  ['shot', 's', '#fb8c00', 5, 3, 'instant'],
  ['shot on goal', 'Shift+S', '#ffb300', 5, 3, 'instant'],
  ['goal', 'n', '#e53935', 8, 4, 'instant'],
  ['save', 'v', '#1e88e5', 5, 3, 'instant'],
  ['faceoff won', 'f', '#43a047', 3, 5, 'instant'],
  ['faceoff lost', 'Shift+F', '#8e24aa', 3, 5, 'instant'],
  ['hit', 'h', '#6d4c41', 3, 2, 'instant'],
  ['takeaway', 't', '#00897b', 4, 3, 'instant'],
  ['giveaway', 'Shift+T', '#d81b60', 4, 3, 'instant'],
  ['zone entry', 'e', '#3949ab', 5, 3, 'instant'],
  ['zone exit', 'x', '#5e35b1', 5, 3, 'instant'],
  ['dump-in', 'd', '#757575', 4, 3, 'instant'],
  ['penalty', 'p', '#fdd835', 10, 3, 'instant'],
  ['blocked shot', 'b', '#546e7a', 4, 2, 'instant'],
  ['line change', 'c', '#00acc1', 2, 2, 'span'],
];

/**
 * Fixed ids (the same on every laptop) so a team's devices share one default code set instead of
 * syncing fifteen duplicates each; the old timestamp and 'default' device make any analyst's edit
 * win last-writer-wins. No outbox rows: every install holds the same seed rows, so there is nothing
 * to push until an analyst edits one (that edit writes its outbox row); the server's schema seeds
 * the same ids so events that point at them resolve there too.
 */
export function defaultCodeId(index: number): string {
  return `c0de0000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`;
}
const SEED_TIME = '2026-01-01T00:00:00.000Z';

function seedDefaultCodes(db: DatabaseSync): void {
  const insert = db.prepare(
    `INSERT INTO codes (id, name, hotkey, colour, lead_s, lag_s, mode, sort_order, updated_at, device_id, deleted)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'default', 0)`,
  );
  DEFAULT_CODES.forEach(([name, hotkey, colour, leadS, lagS, mode], index) => {
    insert.run(defaultCodeId(index), name, hotkey, colour, leadS, lagS, mode, index * 10, SEED_TIME);
  });
}
