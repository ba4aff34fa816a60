import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { AppFailure } from '../../contract/errors.ts';
import type { Video, VideoProbe } from '../../contract/domain.ts';
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
}

export function addVideo(ctx: StoreContext, input: NewVideo): Video {
  const id = randomUUID();
  const now = ctx.now();
  transaction(ctx.db, () => {
    ctx.db
      .prepare(
        `INSERT INTO videos (id, game_id, path, file_name, size_bytes, sha256, probe_json, proxy_path,
                             imported_at, updated_at, device_id, deleted)
         VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, 0)`,
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
      );
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
