import type { Database } from './db.ts';
import { getSetting, setSetting } from './settings.ts';

const KEY = 'auto_upload_shared_videos';

/** "Upload videos of shared games automatically": a full game is 3–10 GB, so it is off unless turned on. */
export function autoUploadEnabled(db: Database): boolean {
  return getSetting(db, KEY) === '1';
}

export function setAutoUploadEnabled(db: Database, enabled: boolean): void {
  setSetting(db, KEY, enabled ? '1' : '0');
}

/**
 * Videos the setting should send now: imported on this laptop (a teammate's video, downloaded
 * here, is on the storage already), a game shared with a team, the
 * video's row already on the team cloud (nothing of it waits in the outbox, so the gateway finds
 * its team), and no upload ever started for it. A paused, failed or cancelled upload is the
 * analyst's to resume, so it is never restarted behind their back.
 */
export function videosToUploadAutomatically(db: Database, deviceId: string): { videoId: string; gameId: string }[] {
  return db
    .prepare(
      `SELECT v.id AS videoId, v.game_id AS gameId FROM videos v JOIN games g ON g.id = v.game_id
       WHERE v.deleted = 0 AND v.path <> '' AND v.device_id = ? AND g.team_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.table_name = 'videos' AND o.row_id = v.id)
         AND NOT EXISTS (SELECT 1 FROM uploads u WHERE u.target_kind = 'video' AND u.target_id = v.id)
       ORDER BY v.imported_at`,
    )
    .all(deviceId) as { videoId: string; gameId: string }[];
}
