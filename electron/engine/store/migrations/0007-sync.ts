import { trackSummaryId } from '../name-uuid.ts';
import type { Migration } from './index.ts';

/**
 * What the team sync needs locally (docs/sync.md):
 * - games: the team a game is shared with (NULL: the analyst's own, never leaves the laptop) and
 *   whether it came from the team rather than being made here;
 * - codes: the team a custom code belongs to (set when a shared game first uses it);
 * - track summaries: the sync columns, with an id that is a name-based UUID of (run, track) so two
 *   devices summarising the same run make the same rows; existing rows take their run's time and
 *   device;
 * - the pull cursor per (table, team) and when each game last synced;
 * - an index so acknowledged outbox rows are found by row.
 */
export const m0007Sync: Migration = {
  version: 7,
  name: 'sync',
  up(db) {
    db.exec(`
      ALTER TABLE games ADD COLUMN team_id TEXT;
      ALTER TABLE games ADD COLUMN from_teammate INTEGER NOT NULL DEFAULT 0 CHECK (from_teammate IN (0, 1));
      ALTER TABLE codes ADD COLUMN team_id TEXT;

      CREATE TABLE track_summaries_v7 (
        id TEXT NOT NULL UNIQUE,
        run_id TEXT NOT NULL REFERENCES analysis_runs(id),
        track_id INTEGER NOT NULL,
        class_id INTEGER NOT NULL,
        first_frame INTEGER NOT NULL,
        last_frame INTEGER NOT NULL,
        first_pts REAL NOT NULL,
        last_pts REAL NOT NULL,
        box_count INTEGER NOT NULL,
        mean_score REAL NOT NULL,
        updated_at TEXT NOT NULL,
        device_id TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
        PRIMARY KEY (run_id, track_id)
      ) STRICT;
    `);
    const old = db
      .prepare(
        `SELECT s.*, r.updated_at AS run_updated_at, r.device_id AS run_device_id
         FROM track_summaries s JOIN analysis_runs r ON r.id = s.run_id`,
      )
      .all() as {
      run_id: string;
      track_id: number;
      class_id: number;
      first_frame: number;
      last_frame: number;
      first_pts: number;
      last_pts: number;
      box_count: number;
      mean_score: number;
      run_updated_at: string;
      run_device_id: string;
    }[];
    const insert = db.prepare(
      `INSERT INTO track_summaries_v7 (id, run_id, track_id, class_id, first_frame, last_frame, first_pts, last_pts,
                                       box_count, mean_score, updated_at, device_id, deleted)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
    );
    for (const s of old) {
      insert.run(
        trackSummaryId(s.run_id, s.track_id),
        s.run_id,
        s.track_id,
        s.class_id,
        s.first_frame,
        s.last_frame,
        s.first_pts,
        s.last_pts,
        s.box_count,
        s.mean_score,
        s.run_updated_at,
        s.run_device_id,
      );
    }
    db.exec(`
      DROP TABLE track_summaries;
      ALTER TABLE track_summaries_v7 RENAME TO track_summaries;

      CREATE TABLE sync_cursors (
        table_name TEXT NOT NULL,
        team_id TEXT NOT NULL,
        server_seq INTEGER NOT NULL,
        PRIMARY KEY (table_name, team_id)
      ) STRICT;

      CREATE TABLE game_sync_state (
        game_id TEXT PRIMARY KEY REFERENCES games(id),
        synced_at TEXT NOT NULL
      ) STRICT;

      CREATE INDEX outbox_by_row ON outbox(table_name, row_id, seq);
    `);
  },
};
