import type { StorageTarget } from '../electron/contract/gateway.ts';
import type { Caller } from './caller.ts';
import { GatewayFailure } from './failure.ts';
import type { SupabaseRest } from './supabase-rest.ts';
import { targetId } from './targets.ts';

/**
 * The storage tables of the team database (supabase/migrations/…_team_storage.sql), written with
 * the service role: uploads in progress (each counted against the quota), stored objects, and
 * which object holds each video's and run's bytes.
 */

export interface UploadRecord {
  uploadId: string;
  teamId: string;
  sha256: string;
  size: number;
  partSize: number;
  partCount: number;
  target: StorageTarget;
}

interface UploadRow {
  upload_id: string;
  team_id: string;
  sha256: string;
  size_bytes: number;
  part_size: number;
  part_count: number;
  target_kind: 'video' | 'results';
  target_id: string;
}

export interface Reservation {
  reserved: boolean;
  quota_bytes: number;
  used_bytes: number;
}

export function reserveUpload(
  rest: SupabaseRest,
  upload: UploadRecord,
  createdBy: string,
  defaultQuotaBytes: number,
): Promise<Reservation> {
  return rest.rpcAsService<Reservation>('reserve_upload', {
    p_upload_id: upload.uploadId,
    p_team_id: upload.teamId,
    p_sha256: upload.sha256,
    p_size_bytes: upload.size,
    p_part_size: upload.partSize,
    p_part_count: upload.partCount,
    p_target_kind: upload.target.kind,
    p_target_id: targetId(upload.target),
    p_created_by: createdBy,
    p_default_quota_bytes: defaultQuotaBytes,
  });
}

/**
 * The upload in progress with this id, checked to be for this target: an id from another team's
 * upload (or another video's) gets no URL and cannot be completed or aborted by this caller.
 */
export async function findUpload(rest: SupabaseRest, uploadId: string, target: StorageTarget): Promise<UploadRecord> {
  const rows = await rest.selectAsService<UploadRow>('storage_uploads', {
    select: 'upload_id,team_id,sha256,size_bytes,part_size,part_count,target_kind,target_id',
    upload_id: `eq.${uploadId}`,
  });
  const row = rows[0];
  if (!row) {
    throw new GatewayFailure(
      'not-found',
      'No upload in progress with this id (it was completed, aborted or expired): ask to create it again',
    );
  }
  if (row.target_kind !== target.kind || row.target_id !== targetId(target)) {
    throw new GatewayFailure('forbidden', 'This upload belongs to another object');
  }
  return {
    uploadId: row.upload_id,
    teamId: row.team_id,
    sha256: row.sha256,
    size: Number(row.size_bytes),
    partSize: Number(row.part_size),
    partCount: row.part_count,
    target:
      row.target_kind === 'video'
        ? { kind: 'video', videoId: row.target_id }
        : { kind: 'results', runId: row.target_id },
  };
}

export function dropUpload(rest: SupabaseRest, uploadId: string): Promise<void> {
  return rest.deleteAsService('storage_uploads', { upload_id: `eq.${uploadId}` });
}

/** The completed upload becomes a stored object, and its target's object. */
export async function recordCompleted(rest: SupabaseRest, uploadId: string): Promise<void> {
  await rest.rpcAsService('record_stored_upload', { p_upload_id: uploadId });
}

/** Bytes found already stored: recorded (they may predate the bookkeeping) and linked to the target. */
export async function recordFound(
  rest: SupabaseRest,
  teamId: string,
  sha256: string,
  size: number,
  target: StorageTarget,
): Promise<void> {
  await rest.rpcAsService('record_stored_object', {
    p_team_id: teamId,
    p_sha256: sha256,
    p_size_bytes: size,
    p_target_kind: target.kind,
    p_target_id: targetId(target),
  });
}

/** The sha256 of the object last stored for the target, if any (read as the caller: members only). */
export async function storedSha256(rest: SupabaseRest, caller: Caller, target: StorageTarget): Promise<string | null> {
  const rows = await rest.selectAsCaller<{ sha256: string }>(caller, 'stored_targets', {
    select: 'sha256',
    target_kind: `eq.${target.kind}`,
    target_id: `eq.${targetId(target)}`,
  });
  return rows[0]?.sha256 ?? null;
}
