import type { Migration } from './index.ts';

/**
 * Team affiliation: jersey samples taken during an analysis (derived data, like the detection
 * chunks, so no sync columns), the analyst's corrections per track, which jersey is the home
 * team's per game, and the ice surface drawn per video (one camera view). The last three are the
 * analyst's work and sync like every other row.
 */
export const m0005Affiliation: Migration = {
  version: 5,
  name: 'affiliation',
  up(db) {
    db.exec(`
      CREATE TABLE jersey_samples (
        run_id TEXT NOT NULL REFERENCES analysis_runs(id),
        frame_index INTEGER NOT NULL,
        pts REAL NOT NULL,
        track_id INTEGER NOT NULL,
        l REAL NOT NULL,
        a REAL NOT NULL,
        b REAL NOT NULL,
        background REAL NOT NULL,
        stripes REAL NOT NULL,
        foot_x REAL NOT NULL,
        foot_y REAL NOT NULL,
        PRIMARY KEY (run_id, frame_index, track_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE affiliation_corrections (
        id TEXT NOT NULL UNIQUE,
        run_id TEXT NOT NULL REFERENCES analysis_runs(id),
        track_id INTEGER NOT NULL,
        affiliation TEXT NOT NULL CHECK (affiliation IN ('team-a', 'team-b', 'official', 'off-ice')),
        updated_at TEXT NOT NULL,
        device_id TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
        PRIMARY KEY (run_id, track_id)
      ) STRICT;

      CREATE TABLE home_jerseys (
        id TEXT NOT NULL UNIQUE,
        game_id TEXT PRIMARY KEY REFERENCES games(id),
        home_group TEXT NOT NULL CHECK (home_group IN ('team-a', 'team-b')),
        updated_at TEXT NOT NULL,
        device_id TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
      ) STRICT;

      CREATE TABLE rink_regions (
        id TEXT NOT NULL UNIQUE,
        video_id TEXT PRIMARY KEY REFERENCES videos(id),
        points_json TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        device_id TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
      ) STRICT;
    `);
  },
};
