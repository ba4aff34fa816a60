import type { Migration } from './index.ts';

/**
 * Analysis runs and their detections. Detections are stored as chunks of the binary format of
 * docs/formats.md (one BLOB per chunk of analysed frames, random access by frame through
 * (run_id, first_frame)). A run resumed after a crash rebuilds its tracker by replaying the stored
 * chunks (the tracker is deterministic and always fed the stored, quantised boxes), then goes on
 * after the last committed chunk.
 */
export const m0002Analysis: Migration = {
  version: 2,
  name: 'analysis',
  up(db) {
    db.exec(`
      CREATE TABLE analysis_runs (
        id TEXT PRIMARY KEY,
        video_id TEXT NOT NULL REFERENCES videos(id),
        model_name TEXT NOT NULL,
        model_sha256 TEXT NOT NULL,
        params_json TEXT NOT NULL,
        provider TEXT,
        provider_report_json TEXT,
        hw_decode_json TEXT,
        status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'paused', 'cancelled', 'failed', 'done')),
        frames_done INTEGER NOT NULL DEFAULT 0,
        frames_total INTEGER NOT NULL DEFAULT 0,
        next_frame INTEGER NOT NULL DEFAULT 0,
        error_json TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        device_id TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
      ) STRICT;
      CREATE INDEX analysis_runs_by_video ON analysis_runs(video_id) WHERE deleted = 0;

      CREATE TABLE detection_chunks (
        run_id TEXT NOT NULL REFERENCES analysis_runs(id),
        chunk_no INTEGER NOT NULL,
        first_frame INTEGER NOT NULL,
        last_frame INTEGER NOT NULL,
        first_pts REAL NOT NULL,
        last_pts REAL NOT NULL,
        frame_count INTEGER NOT NULL,
        box_count INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (run_id, chunk_no)
      ) STRICT;
      CREATE INDEX detection_chunks_by_pts ON detection_chunks(run_id, first_pts);

      CREATE TABLE track_summaries (
        run_id TEXT NOT NULL REFERENCES analysis_runs(id),
        track_id INTEGER NOT NULL,
        class_id INTEGER NOT NULL,
        first_frame INTEGER NOT NULL,
        last_frame INTEGER NOT NULL,
        first_pts REAL NOT NULL,
        last_pts REAL NOT NULL,
        box_count INTEGER NOT NULL,
        mean_score REAL NOT NULL,
        PRIMARY KEY (run_id, track_id)
      ) STRICT;
    `);
  },
};
