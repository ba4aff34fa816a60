import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { AppFailure } from '../../contract/errors.ts';
import type { Video, VideoProbe } from '../../contract/domain.ts';
import type { FileIdentity } from '../media/file-identity.ts';
import { transaction } from './db.ts';
import type { StoreContext } from './games.ts';
import { recordChange } from './outbox.ts';

interface VideoRow {
  id: string;
  game_id: string;
  path: string;
  file_name: string;
  size_bytes: number;
  sha256: string;
  probe_json: string;
  proxy_path: string | null;
  proxy_time_shift_s: number;
  imported_at: string;
  updated_at: string;
  device_id: string;
  deleted: number;
  file_dev: string | null;
  file_ino: string | null;
  file_mtime_ns: string | null;
}

function toVideo(row: VideoRow): Video {
  return {
    id: row.id,
    gameId: row.game_id,
    path: row.path,
    fileName: row.file_name,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    probe: JSON.parse(row.probe_json) as VideoProbe,
    proxyPath: row.proxy_path,
    proxyTimeShiftS: row.proxy_time_shift_s,
    importedAt: row.imported_at,
    updatedAt: row.updated_at,
    deviceId: row.device_id,
    deleted: row.deleted === 1,
  };
}

export function listVideos(ctx: StoreContext, gameId: string): Video[] {
  const rows = ctx.db
    .prepare('SELECT * FROM videos WHERE game_id = ? AND deleted = 0 ORDER BY imported_at')
    .all(gameId) as unknown as VideoRow[];
  return rows.map(toVideo);
}

export function getVideo(ctx: StoreContext, id: string): Video {
  const row = ctx.db.prepare('SELECT * FROM videos WHERE id = ? AND deleted = 0').get(id) as VideoRow | undefined;
  if (!row) throw new AppFailure('not-found', 'That video is no longer in the library.');
  return toVideo(row);
}

export interface NewVideo {
  gameId: string;
  path: string;
  sizeBytes: number;
  sha256: string;
  probe: VideoProbe;
  /** The file as the import saw it (the media route serves only that file). */
  identity?: FileIdentity;
}

export function addVideo(ctx: StoreContext, input: NewVideo): Video {
  const id = randomUUID();
  const now = ctx.now();
  transaction(ctx.db, () => {
    ctx.db
      .prepare(
        `INSERT INTO videos (id, game_id, path, file_name, size_bytes, sha256, probe_json, proxy_path,
                             imported_at, updated_at, device_id, deleted, file_dev, file_ino, file_mtime_ns)
         VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, 0, ?, ?, ?)`,
      )
      .run(
        id,
        input.gameId,
        input.path,
        basename(input.path),
        input.sizeBytes,
        input.sha256,
        JSON.stringify(input.probe),
        now,
        now,
        ctx.deviceId,
        input.identity?.dev ?? null,
        input.identity?.ino ?? null,
        input.identity?.mtimeNs ?? null,
      );
    recordChange(ctx.db, 'videos', id, 'upsert', now);
  });
  return getVideo(ctx, id);
}

/** The file identity recorded at import (or first play), null for a video imported before it was kept. */
export function videoFileIdentity(ctx: StoreContext, id: string): FileIdentity | null {
  const row = ctx.db
    .prepare('SELECT size_bytes, file_dev, file_ino, file_mtime_ns FROM videos WHERE id = ? AND deleted = 0')
    .get(id) as Pick<VideoRow, 'size_bytes' | 'file_dev' | 'file_ino' | 'file_mtime_ns'> | undefined;
  if (!row) throw new AppFailure('not-found', 'That video is no longer in the library.');
  if (row.file_dev === null || row.file_ino === null || row.file_mtime_ns === null) return null;
  return { dev: row.file_dev, ino: row.file_ino, size: row.size_bytes, mtimeNs: row.file_mtime_ns };
}

/** Keeps the identity of this laptop's copy of the file: local only, so no outbox row. */
export function recordFileIdentity(ctx: StoreContext, id: string, identity: FileIdentity): void {
  ctx.db
    .prepare('UPDATE videos SET file_dev = ?, file_ino = ?, file_mtime_ns = ? WHERE id = ?')
    .run(identity.dev, identity.ino, identity.mtimeNs, id);
}

/**
 * Gives a video that came from the team (its row synced, its file on another laptop) the local
 * file downloaded for it. Path and identity are this laptop's own facts: no outbox row, and the
 * synced columns keep their time and device.
 */
export function attachLocalFile(ctx: StoreContext, id: string, path: string, identity: FileIdentity): Video {
  getVideo(ctx, id);
  ctx.db
    .prepare('UPDATE videos SET path = ?, file_dev = ?, file_ino = ?, file_mtime_ns = ? WHERE id = ?')
    .run(path, identity.dev, identity.ino, identity.mtimeNs, id);
  return getVideo(ctx, id);
}

/** Points a video at its file's new place (same content, checked by the caller), and records that file. */
export function relinkVideo(ctx: StoreContext, id: string, path: string, identity: FileIdentity): Video {
  getVideo(ctx, id);
  const now = ctx.now();
  transaction(ctx.db, () => {
    ctx.db
      .prepare(
        `UPDATE videos SET path = ?, file_name = ?, file_dev = ?, file_ino = ?, file_mtime_ns = ?, updated_at = ?,
                           device_id = ? WHERE id = ?`,
      )
      .run(path, basename(path), identity.dev, identity.ino, identity.mtimeNs, now, ctx.deviceId, id);
    recordChange(ctx.db, 'videos', id, 'upsert', now);
  });
  return getVideo(ctx, id);
}

export function setProxyPath(ctx: StoreContext, id: string, proxyPath: string | null, timeShiftS = 0): Video {
  getVideo(ctx, id);
  const now = ctx.now();
  transaction(ctx.db, () => {
    ctx.db
      .prepare('UPDATE videos SET proxy_path = ?, proxy_time_shift_s = ?, updated_at = ?, device_id = ? WHERE id = ?')
      .run(proxyPath, timeShiftS, now, ctx.deviceId, id);
    recordChange(ctx.db, 'videos', id, 'upsert', now);
  });
  return getVideo(ctx, id);
}

export function deleteVideo(ctx: StoreContext, id: string): void {
  getVideo(ctx, id);
  const now = ctx.now();
  transaction(ctx.db, () => {
    ctx.db
      .prepare('UPDATE videos SET deleted = 1, updated_at = ?, device_id = ? WHERE id = ?')
      .run(now, ctx.deviceId, id);
    recordChange(ctx.db, 'videos', id, 'delete', now);
  });
}
