import type { Migration } from './index.ts';

/**
 * Uploads to the team's object storage (videos and results objects), and every part of one the
 * storage has acknowledged. A part's ETag is written the moment its PUT is answered, so an upload
 * interrupted by a crash, a closed laptop or a lost network resumes from these rows and never
 * sends an acknowledged part again. (The storage's own ListParts is not used: R2 stand-ins lack
 * it, and the rows are what this laptop knows was accepted.)
 *
 * The file is recorded as it was hashed (path, size, device, inode, mtime): a file that changed
 * since is not resumed. Local to this laptop: no sync columns, no outbox rows.
 */
export const m0008Uploads: Migration = {
  version: 8,
  name: 'uploads',
  up(db) {
    db.exec(`
      CREATE TABLE uploads (
        id TEXT PRIMARY KEY,
        target_kind TEXT NOT NULL CHECK (target_kind IN ('video', 'results')),
        target_id TEXT NOT NULL,
        file_path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size_bytes INTEGER NOT NULL CHECK (size_bytes > 0),
        file_dev TEXT NOT NULL,
        file_ino TEXT NOT NULL,
        file_mtime_ns TEXT NOT NULL,
        part_size INTEGER NOT NULL CHECK (part_size > 0),
        part_count INTEGER NOT NULL CHECK (part_count > 0),
        storage_upload_id TEXT,
        object_key TEXT,
        status TEXT NOT NULL CHECK (status IN ('uploading', 'paused', 'failed', 'done', 'cancelled')),
        error_json TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX uploads_open_by_target ON uploads(target_kind, target_id)
        WHERE status IN ('uploading', 'paused', 'failed');

      CREATE TABLE upload_parts (
        upload_id TEXT NOT NULL REFERENCES uploads(id) ON DELETE CASCADE,
        part_number INTEGER NOT NULL CHECK (part_number >= 1),
        size_bytes INTEGER NOT NULL CHECK (size_bytes > 0),
        etag TEXT NOT NULL,
        acknowledged_at TEXT NOT NULL,
        PRIMARY KEY (upload_id, part_number)
      ) STRICT;
    `);
  },
};
