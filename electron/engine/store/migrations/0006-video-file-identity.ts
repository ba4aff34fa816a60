import type { Migration } from './index.ts';

/**
 * Which file on disk a video is: device, inode and modification time (nanoseconds) as the import
 * saw them, next to the size already stored. The media route serves a video only while the file
 * at its path is still that file. Decimal text, because inode numbers and nanosecond times do not
 * fit a double. NULL for videos imported before this (recorded the first time one is played).
 * Local facts about this laptop's disk: not synced.
 */
export const m0006VideoFileIdentity: Migration = {
  version: 6,
  name: 'video-file-identity',
  up(db) {
    db.exec(`
      ALTER TABLE videos ADD COLUMN file_dev TEXT;
      ALTER TABLE videos ADD COLUMN file_ino TEXT;
      ALTER TABLE videos ADD COLUMN file_mtime_ns TEXT;
    `);
  },
};
