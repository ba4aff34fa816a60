import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../electron/contract/domain.ts';
import type { StorageTarget } from '../../../electron/contract/gateway.ts';
import { createJobRunner, type JobRunner } from '../../../electron/engine/jobs/runner.ts';
import { silentLogger } from '../../../electron/engine/log.ts';
import { openDatabase, type Database } from '../../../electron/engine/store/db.ts';
import { acknowledgedParts, latestUploadFor } from '../../../electron/engine/store/uploads.ts';
import {
  uploadFile,
  type UploadControl,
  type UploadOutcome,
  type UploadSettings,
} from '../../../electron/engine/sync/upload/upload-file.ts';
import { startLocalStorage, randomFile, type LocalStorage } from './local-storage.ts';

const MiB = 1024 * 1024;
const FILE_BYTES = 2 * 8 * MiB + 3 * MiB + 17; // three parts: 8 MiB, 8 MiB and the rest
const fast: UploadSettings = { retry: { attempts: 4, baseDelayMs: 20, maxDelayMs: 200 }, idleTimeoutMs: 5_000 };

let dir = '';
let file = '';
let fileSha = '';
let local: LocalStorage;
let db: Database;
let progress: JobProgress[] = [];
let jobs: JobRunner;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rinkside-upload-'));
  file = path.join(dir, 'game.mp4');
  fileSha = await randomFile(file, FILE_BYTES);
  local = await startLocalStorage();
  db = openDatabase(path.join(dir, 'library.sqlite'));
  jobs = createJobRunner({
    log: silentLogger,
    onProgress: (p) => progress.push(p),
    onFinished: () => undefined,
    throttleMs: 0,
  });
});
afterAll(async () => {
  db?.close();
  await local?.close();
  await rm(dir, { recursive: true, force: true });
});

const videoTarget = (): { kind: 'video'; videoId: string } => ({ kind: 'video', videoId: randomUUID() });

async function run(
  target: StorageTarget,
  settings: UploadSettings = fast,
  control?: UploadControl,
  onStart?: (jobId: string) => void,
) {
  progress = [];
  const jobId = jobs.start('upload', target.kind === 'video' ? target.videoId : target.runId, (ctx) =>
    uploadFile({ db, gateway: local.storage }, { target, filePath: file, known: null }, settings, ctx, control),
  );
  onStart?.(jobId);
  return jobs.finished(jobId);
}

const partPuts = (uploadId: string | null | undefined) =>
  local.proxy.log.filter((r) => r.method === 'PUT' && r.uploadId === uploadId && r.partNumber !== null);

describe('uploading a file in parts to a real S3 server', () => {
  it('stores exactly the file, in equal parts but the last, with every ETag kept as it was acknowledged', async () => {
    const target = videoTarget();
    const finished = await run(target);
    expect(finished.outcome).toBe('done');
    const outcome = (finished as { result: UploadOutcome }).result;
    expect(outcome).toMatchObject({
      status: 'stored',
      sha256: fileSha,
      sizeBytes: FILE_BYTES,
      partsSent: 3,
      partsResumed: 0,
    });
    expect(await local.storedSha256(outcome.key)).toBe(fileSha);
    const row = latestUploadFor(db, 'video', target.videoId);
    expect(row).toMatchObject({ status: 'done', partSize: 8 * MiB, partCount: 3, objectKey: outcome.key });
    const parts = acknowledgedParts(db, row!.id);
    expect(parts.map((p) => p.sizeBytes)).toEqual([8 * MiB, 8 * MiB, FILE_BYTES - 16 * MiB]);
    const puts = partPuts(row!.storageUploadId);
    expect(puts.map((r) => r.partNumber).sort()).toEqual([1, 2, 3]);
    // The ETag kept for each part is the one the server answered to its PUT (Complete accepted them).
    for (const p of parts) expect(p.etag).toMatch(/^"[0-9a-f]{32}"$/);
    // Progress: hashing, then uploaded bytes up to the size, with a rate and an ETA along the way.
    expect(progress.some((p) => p.stage === 'hashing')).toBe(true);
    const uploading = progress.filter((p) => p.stage === 'uploading');
    expect(uploading.at(-1)?.done).toBe(FILE_BYTES);
    expect(uploading.every((p) => p.total === FILE_BYTES)).toBe(true);
    expect(uploading.some((p) => p.rate > 0 && p.etaS !== null)).toBe(true);
  });

  it('sends nothing when the team already stores the same bytes (content-addressed)', async () => {
    const before = local.proxy.log.length;
    const finished = await run(videoTarget());
    expect((finished as { result: UploadOutcome }).result).toMatchObject({ status: 'already-stored', partsSent: 0 });
    expect(local.proxy.log.slice(before).filter((r) => r.method === 'PUT')).toEqual([]);
  });

  it('retries a failing part PUT (503) and a dropped connection, with backoff, to the same result', async () => {
    fileSha = await randomFile(file, FILE_BYTES); // new bytes: not already stored
    local.proxy.failNext(2, (r) => r.method === 'PUT' && r.partNumber === 2, 503);
    local.proxy.dropNext(1, (r) => r.method === 'PUT' && r.partNumber === 1, 2 * MiB);
    const target = videoTarget();
    const finished = await run(target);
    expect(finished.outcome).toBe('done');
    const outcome = (finished as { result: UploadOutcome }).result;
    expect(await local.storedSha256(outcome.key)).toBe(fileSha);
    const puts = partPuts(latestUploadFor(db, 'video', target.videoId)?.storageUploadId);
    expect(puts.filter((r) => r.partNumber === 2).map((r) => r.status)).toEqual([503, 503, 200]);
    expect(puts.filter((r) => r.partNumber === 1).map((r) => r.status)).toEqual([-1, 200]);
    expect(puts.filter((r) => r.partNumber === 3).map((r) => r.status)).toEqual([200]);
  });

  it('fails with cloud-unreachable when a part keeps failing, keeps the acknowledged parts, and Retry resumes', async () => {
    fileSha = await randomFile(file, FILE_BYTES);
    local.proxy.failNext(4, (r) => r.method === 'PUT' && r.partNumber === 3, 500);
    const target = videoTarget();
    const failed = await run(target, { ...fast, concurrency: 1 });
    expect(failed).toMatchObject({ outcome: 'failed', error: { kind: 'cloud-unreachable' } });
    const row = latestUploadFor(db, 'video', target.videoId)!;
    expect(row.status).toBe('failed');
    expect(acknowledgedParts(db, row.id).map((p) => p.partNumber)).toEqual([1, 2]);
    const sentBefore = partPuts(row.storageUploadId).length;
    const retried = await run(target);
    expect((retried as { result: UploadOutcome }).result).toMatchObject({
      status: 'stored',
      partsSent: 1,
      partsResumed: 2,
    });
    expect(
      partPuts(row.storageUploadId)
        .slice(sentBefore)
        .map((r) => r.partNumber),
    ).toEqual([3]);
    expect(await local.storedSha256(row.objectKey!)).toBe(fileSha);
  });

  it('pause keeps the parts and resumes without sending them again; cancel aborts the upload on the server', async () => {
    fileSha = await randomFile(file, FILE_BYTES);
    const target = videoTarget();
    const slow: UploadSettings = { ...fast, concurrency: 1, bandwidthBytesPerS: 16 * MiB };
    const control: UploadControl = { paused: false };
    const paused = await run(target, slow, control, (jobId) => {
      const timer = setInterval(() => {
        const row = latestUploadFor(db, 'video', target.videoId);
        if (row && acknowledgedParts(db, row.id).length >= 1) {
          clearInterval(timer);
          control.paused = true;
          jobs.cancel(jobId);
        }
      }, 10);
    });
    expect(paused.outcome).toBe('cancelled');
    const row = latestUploadFor(db, 'video', target.videoId)!;
    expect(row.status).toBe('paused');
    const kept = acknowledgedParts(db, row.id).map((p) => p.partNumber);
    expect(kept.length).toBeGreaterThanOrEqual(1);
    const sentBefore = partPuts(row.storageUploadId).length;
    const resumed = await run(target);
    expect((resumed as { result: UploadOutcome }).result).toMatchObject({
      status: 'stored',
      partsResumed: kept.length,
    });
    const again = partPuts(row.storageUploadId)
      .slice(sentBefore)
      .map((r) => r.partNumber);
    for (const p of kept) expect(again).not.toContain(p);
    expect(await local.storedSha256(row.objectKey!)).toBe(fileSha);

    fileSha = await randomFile(file, FILE_BYTES);
    const cancelTarget = videoTarget();
    const cancelled = await run(cancelTarget, slow, undefined, (jobId) => {
      const timer = setInterval(() => {
        const r = latestUploadFor(db, 'video', cancelTarget.videoId);
        if (r && acknowledgedParts(db, r.id).length >= 1) {
          clearInterval(timer);
          jobs.cancel(jobId);
        }
      }, 10);
    });
    expect(cancelled.outcome).toBe('cancelled');
    const gone = latestUploadFor(db, 'video', cancelTarget.videoId)!;
    expect(gone.status).toBe('cancelled');
    expect(acknowledgedParts(db, gone.id)).toEqual([]);
    expect(await local.uploadExists(gone.objectKey!, gone.storageUploadId!)).toBe(false);
  });
});
