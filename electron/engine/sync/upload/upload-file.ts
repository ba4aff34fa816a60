import { open, stat } from 'node:fs/promises';
import { AppFailure, isCancelled, toAppError } from '../../../contract/errors.ts';
import {
  MAX_PART_COUNT,
  MIN_PART_SIZE,
  planParts,
  planProblem,
  type StorageTarget,
} from '../../../contract/gateway.ts';
import type { JobContext } from '../../jobs/runner.ts';
import { identityOf, sameFile, type FileIdentity } from '../../media/file-identity.ts';
import { sha256File } from '../../media/hash.ts';
import type { Database } from '../../store/db.ts';
import {
  acknowledgedParts,
  cancelUploadRow,
  createUpload,
  getUpload,
  openUploadFor,
  recordAcknowledgedPart,
  setStorageUpload,
  setUploadStatus,
  type StoredUpload,
} from '../../store/uploads.ts';
import type { StorageGateway } from '../gateway-client.ts';
import { bandwidthLimit } from '../transfer/bandwidth.ts';
import { DEFAULT_RETRY, type RetryPolicy } from '../transfer/retry.ts';
import { sendParts } from './part-sender.ts';

const MiB = 1024 * 1024;

export interface UploadRequest {
  target: StorageTarget;
  filePath: string;
  /** A hash the library already has (the import's) and the file it was made of: reused when it still matches. */
  known?: { sha256: string; identity: FileIdentity | null } | null;
}

export interface UploadSettings {
  /** Bytes per part (all but the last); raised when a file would need more than 10,000 parts. */
  partSize?: number;
  /** Parts in flight at once. */
  concurrency?: number;
  /** Optional limit on what the upload sends, in bytes per second. */
  bandwidthBytesPerS?: number | null;
  idleTimeoutMs?: number;
  retry?: RetryPolicy;
}

/** Set `paused` before cancelling the job to keep the parts for a later resume instead of aborting. */
export interface UploadControl {
  paused: boolean;
}

export interface UploadOutcome {
  status: 'stored' | 'already-stored';
  key: string;
  sha256: string;
  sizeBytes: number;
  uploadId: string;
  /** Parts this session sent, and parts it found already acknowledged (a resume). */
  partsSent: number;
  partsResumed: number;
}

export interface UploadDeps {
  db: Database;
  gateway: StorageGateway;
}

/** One fixed part size: the preferred one, or larger when the file would need more parts than allowed. */
export function choosePartSize(sizeBytes: number, preferred = MIN_PART_SIZE): number {
  const needed = Math.ceil(sizeBytes / MAX_PART_COUNT / MiB) * MiB;
  return Math.max(preferred, MIN_PART_SIZE, needed);
}

const targetId = (target: StorageTarget): string => (target.kind === 'video' ? target.videoId : target.runId);

async function currentIdentity(path: string): Promise<FileIdentity> {
  try {
    return identityOf(await stat(path, { bigint: true }));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppFailure(
      code === 'ENOENT' ? 'not-found' : 'unreadable',
      `Cannot read "${path}" to upload it.`,
      String(error),
    );
  }
}

/** Aborts the storage side of an upload that will not be continued; offline, the storage expires it. */
async function abortAtGateway(deps: UploadDeps, row: StoredUpload, job: JobContext): Promise<void> {
  if (row.storageUploadId) {
    const target: StorageTarget =
      row.targetKind === 'video' ? { kind: 'video', videoId: row.targetId } : { kind: 'results', runId: row.targetId };
    try {
      await deps.gateway.abortUpload({ target, uploadId: row.storageUploadId }, AbortSignal.timeout(20_000));
    } catch (error) {
      job.log.warn('could not abort the upload at the gateway; the storage drops it after its expiry', {
        uploadId: row.id,
        error: toAppError(error).message,
      });
    }
  }
  cancelUploadRow(deps.db, row.id);
}

/**
 * Uploads a file to the team's storage through the gateway, resuming the target's unfinished
 * upload when the file is still the one it hashed: the acknowledged parts are taken from the
 * library, never asked of the storage, and never sent again.
 */
export async function uploadFile(
  deps: UploadDeps,
  request: UploadRequest,
  settings: UploadSettings,
  job: JobContext,
  control: UploadControl = { paused: false },
): Promise<UploadOutcome> {
  const { db } = deps;
  const kind = request.target.kind;
  const id = targetId(request.target);
  let identity = await currentIdentity(request.filePath);
  let row = openUploadFor(db, kind, id);
  if (row && (row.filePath !== request.filePath || !sameFile(row.identity, identity))) {
    job.log.info('the file changed since its upload began: starting over', { uploadId: row.id });
    await abortAtGateway(deps, row, job);
    row = null;
  }
  if (!row) {
    let sha256: string;
    if (request.known && request.known.identity && sameFile(request.known.identity, identity)) {
      sha256 = request.known.sha256;
    } else {
      job.progress({ done: 0, total: identity.size, stage: 'hashing' });
      sha256 = await sha256File(request.filePath, {
        signal: job.signal,
        onProgress: ({ doneBytes, totalBytes }) =>
          job.progress({ done: doneBytes, total: totalBytes, stage: 'hashing' }),
      });
      const after = await currentIdentity(request.filePath);
      if (!sameFile(identity, after)) {
        throw new AppFailure(
          'media-changed',
          `"${request.filePath}" changed while it was hashed; upload it again once it is complete.`,
        );
      }
      if (request.known && request.known.sha256 !== sha256) {
        throw new AppFailure(
          'media-changed',
          `"${request.filePath}" is no longer the file the library imported; re-link it.`,
        );
      }
      identity = after;
    }
    if (identity.size <= 0) throw new AppFailure('invalid-args', `"${request.filePath}" is empty: nothing to upload.`);
    const plan = planParts(identity.size, choosePartSize(identity.size, settings.partSize));
    const problem = planProblem(plan);
    if (problem) throw new AppFailure('invalid-args', `Cannot upload "${request.filePath}": ${problem}.`);
    row = createUpload(db, {
      targetKind: kind,
      targetId: id,
      filePath: request.filePath,
      sha256,
      identity,
      partSize: plan.partSize,
      partCount: plan.partCount,
    });
  } else {
    setUploadStatus(db, row.id, 'uploading');
  }
  const plan = planParts(row.sizeBytes, row.partSize);
  const uploadRowId = row.id;

  try {
    if (!row.storageUploadId) {
      const created = await deps.gateway.createUpload(
        {
          target: request.target,
          sha256: row.sha256,
          size: row.sizeBytes,
          partSize: row.partSize,
          partCount: row.partCount,
        },
        job.signal,
      );
      if (created.status === 'already-stored') {
        // The same bytes are in the team's storage already (content-addressed): nothing to send.
        setUploadStatus(db, row.id, 'done', { objectKey: created.key });
        job.progress({ done: row.sizeBytes, total: row.sizeBytes, stage: 'uploading' });
        return {
          status: 'already-stored',
          key: created.key,
          sha256: row.sha256,
          sizeBytes: row.sizeBytes,
          uploadId: row.id,
          partsSent: 0,
          partsResumed: 0,
        };
      }
      if (created.partSize !== row.partSize || created.partCount !== row.partCount) {
        throw new AppFailure('internal', 'The gateway planned other parts than asked for.', JSON.stringify(created));
      }
      setStorageUpload(db, row.id, created.uploadId, created.key);
      row = getUpload(db, row.id);
    }
    const storageUploadId = row.storageUploadId as string;
    const acked = acknowledgedParts(db, row.id);
    let ackedBytes = acked.reduce((n, p) => n + p.sizeBytes, 0);
    const have = new Set(acked.map((p) => p.partNumber));
    const missing: number[] = [];
    for (let p = 1; p <= plan.partCount; p++) if (!have.has(p)) missing.push(p);
    job.log.info('upload parts', {
      uploadId: row.id,
      parts: plan.partCount,
      acknowledged: acked.length,
      toSend: missing.length,
    });
    job.progress({ done: ackedBytes, total: plan.size, stage: 'uploading' });

    const file = await open(request.filePath, 'r');
    try {
      await sendParts(missing, {
        gateway: deps.gateway,
        target: request.target,
        storageUploadId,
        plan,
        file,
        concurrency: settings.concurrency ?? 3,
        limit: bandwidthLimit(settings.bandwidthBytesPerS),
        idleTimeoutMs: settings.idleTimeoutMs ?? 30_000,
        retry: settings.retry ?? DEFAULT_RETRY,
        signal: job.signal,
        log: job.log,
        onAcknowledged: (part) => {
          recordAcknowledgedPart(db, uploadRowId, part);
          ackedBytes += part.sizeBytes;
        },
        onInFlight: (bytes) => job.progress({ done: ackedBytes + bytes, total: plan.size, stage: 'uploading' }),
      });
    } finally {
      await file.close();
    }
    if (!sameFile(row.identity, await currentIdentity(request.filePath))) {
      throw new AppFailure('media-changed', `"${request.filePath}" changed while it was uploaded; upload it again.`);
    }
    job.progress({ done: plan.size, total: plan.size, stage: 'completing' });
    const parts = acknowledgedParts(db, row.id).map((p) => ({ partNumber: p.partNumber, etag: p.etag }));
    const stored = await deps.gateway.completeUpload(
      { target: request.target, uploadId: storageUploadId, parts },
      job.signal,
    );
    setUploadStatus(db, row.id, 'done', { objectKey: stored.key });
    return {
      status: 'stored',
      key: stored.key,
      sha256: row.sha256,
      sizeBytes: row.sizeBytes,
      uploadId: row.id,
      partsSent: missing.length,
      partsResumed: acked.length,
    };
  } catch (error) {
    const current = getUpload(db, uploadRowId);
    if (job.signal.aborted || isCancelled(error)) {
      if (control.paused) setUploadStatus(db, uploadRowId, 'paused');
      else await abortAtGateway(deps, current, job);
      throw new AppFailure('cancelled', 'Cancelled');
    }
    // Kept with its parts: Retry resumes from them.
    setUploadStatus(db, uploadRowId, 'failed', { error: toAppError(error) });
    throw error;
  }
}
