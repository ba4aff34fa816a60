import { randomUUID } from 'node:crypto';
import type { AppError } from '../../contract/errors.ts';
import type { FileIdentity } from '../media/file-identity.ts';
import { transaction, type Database } from './db.ts';

export type UploadTargetKind = 'video' | 'results';
export type UploadStatus = 'uploading' | 'paused' | 'failed' | 'done' | 'cancelled';

/** One upload of a file to the team's storage, as this laptop keeps it (never synced). */
export interface StoredUpload {
  id: string;
  targetKind: UploadTargetKind;
  /** The video's or the analysis run's id. */
  targetId: string;
  filePath: string;
  sha256: string;
  sizeBytes: number;
  /** The file as it was hashed; a file that no longer matches is not resumed. */
  identity: FileIdentity;
  partSize: number;
  partCount: number;
  /** The storage's multipart upload id, null until the gateway created it. */
  storageUploadId: string | null;
  objectKey: string | null;
  status: UploadStatus;
  error: AppError | null;
  createdAt: string;
  updatedAt: string;
}

export interface AcknowledgedPart {
  partNumber: number;
  sizeBytes: number;
  etag: string;
}

interface UploadRow {
  id: string;
  target_kind: UploadTargetKind;
  target_id: string;
  file_path: string;
  sha256: string;
  size_bytes: number;
  file_dev: string;
  file_ino: string;
  file_mtime_ns: string;
  part_size: number;
  part_count: number;
  storage_upload_id: string | null;
  object_key: string | null;
  status: UploadStatus;
  error_json: string | null;
  created_at: string;
  updated_at: string;
}

function toUpload(row: UploadRow): StoredUpload {
  return {
    id: row.id,
    targetKind: row.target_kind,
    targetId: row.target_id,
    filePath: row.file_path,
    sha256: row.sha256,
    sizeBytes: row.size_bytes,
    identity: { dev: row.file_dev, ino: row.file_ino, size: row.size_bytes, mtimeNs: row.file_mtime_ns },
    partSize: row.part_size,
    partCount: row.part_count,
    storageUploadId: row.storage_upload_id,
    objectKey: row.object_key,
    status: row.status,
    error: row.error_json ? (JSON.parse(row.error_json) as AppError) : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const now = (): string => new Date().toISOString();

export interface NewUpload {
  targetKind: UploadTargetKind;
  targetId: string;
  filePath: string;
  sha256: string;
  identity: FileIdentity;
  partSize: number;
  partCount: number;
}

export function createUpload(db: Database, input: NewUpload): StoredUpload {
  const id = randomUUID();
  const at = now();
  db.prepare(
    `INSERT INTO uploads (id, target_kind, target_id, file_path, sha256, size_bytes, file_dev, file_ino, file_mtime_ns,
                          part_size, part_count, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'uploading', ?, ?)`,
  ).run(
    id,
    input.targetKind,
    input.targetId,
    input.filePath,
    input.sha256,
    input.identity.size,
    input.identity.dev,
    input.identity.ino,
    input.identity.mtimeNs,
    input.partSize,
    input.partCount,
    at,
    at,
  );
  return getUpload(db, id);
}

export function getUpload(db: Database, id: string): StoredUpload {
  const row = db.prepare('SELECT * FROM uploads WHERE id = ?').get(id) as UploadRow | undefined;
  if (!row) throw new Error(`upload ${id} is not in the library`);
  return toUpload(row);
}

/** The target's upload that is not finished (uploading, paused or failed), if any. */
export function openUploadFor(db: Database, kind: UploadTargetKind, targetId: string): StoredUpload | null {
  const row = db
    .prepare(
      "SELECT * FROM uploads WHERE target_kind = ? AND target_id = ? AND status IN ('uploading', 'paused', 'failed')",
    )
    .get(kind, targetId) as UploadRow | undefined;
  return row ? toUpload(row) : null;
}

/** The target's latest upload whatever its state (the UI's status line). */
export function latestUploadFor(db: Database, kind: UploadTargetKind, targetId: string): StoredUpload | null {
  const row = db
    .prepare(
      'SELECT * FROM uploads WHERE target_kind = ? AND target_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
    )
    .get(kind, targetId) as UploadRow | undefined;
  return row ? toUpload(row) : null;
}

export function setStorageUpload(db: Database, id: string, storageUploadId: string, objectKey: string): void {
  db.prepare('UPDATE uploads SET storage_upload_id = ?, object_key = ?, updated_at = ? WHERE id = ?').run(
    storageUploadId,
    objectKey,
    now(),
    id,
  );
}

export function setUploadStatus(
  db: Database,
  id: string,
  status: UploadStatus,
  extra: { error?: AppError | null; objectKey?: string } = {},
): void {
  db.prepare(
    'UPDATE uploads SET status = ?, error_json = ?, object_key = coalesce(?, object_key), updated_at = ? WHERE id = ?',
  ).run(status, extra.error ? JSON.stringify(extra.error) : null, extra.objectKey ?? null, now(), id);
}

/**
 * Keeps a part the storage acknowledged, in its own committed statement, before anything else
 * happens: a kill right after still has it. Re-sending a part replaces it, as the storage does.
 */
export function recordAcknowledgedPart(db: Database, uploadId: string, part: AcknowledgedPart): void {
  db.prepare(
    `INSERT INTO upload_parts (upload_id, part_number, size_bytes, etag, acknowledged_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (upload_id, part_number) DO UPDATE SET size_bytes = excluded.size_bytes, etag = excluded.etag,
       acknowledged_at = excluded.acknowledged_at`,
  ).run(uploadId, part.partNumber, part.sizeBytes, part.etag, now());
}

export function acknowledgedParts(db: Database, uploadId: string): AcknowledgedPart[] {
  const rows = db
    .prepare('SELECT part_number, size_bytes, etag FROM upload_parts WHERE upload_id = ? ORDER BY part_number')
    .all(uploadId) as { part_number: number; size_bytes: number; etag: string }[];
  return rows.map((r) => ({ partNumber: r.part_number, sizeBytes: r.size_bytes, etag: r.etag }));
}

/** A cancelled upload keeps its row (what happened) but not its parts: the storage dropped them. */
export function cancelUploadRow(db: Database, id: string): void {
  transaction(db, () => {
    db.prepare('DELETE FROM upload_parts WHERE upload_id = ?').run(id);
    setUploadStatus(db, id, 'cancelled');
  });
}

/** Uploads left 'uploading' by a process that died: they resume from their parts, so call them paused. */
export function markInterruptedUploads(db: Database): number {
  const result = db
    .prepare("UPDATE uploads SET status = 'paused', updated_at = ? WHERE status = 'uploading'")
    .run(now());
  return Number(result.changes);
}
