import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobRunner, type JobContext } from '../../../electron/engine/jobs/runner.ts';
import { silentLogger } from '../../../electron/engine/log.ts';
import { openDatabase, type Database } from '../../../electron/engine/store/db.ts';
import { downloadObject, type DownloadOutcome } from '../../../electron/engine/sync/download/download-object.ts';
import { uploadFile } from '../../../electron/engine/sync/upload/upload-file.ts';
import { randomFile, startLocalStorage, type LocalStorage } from './local-storage.ts';

const MiB = 1024 * 1024;
const fast = { retry: { attempts: 4, baseDelayMs: 20, maxDelayMs: 200 }, idleTimeoutMs: 5_000 };

let dir = '';
let local: LocalStorage;
let db: Database;
const target = { kind: 'video' as const, videoId: randomUUID() };
let sha = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rinkside-download-'));
  local = await startLocalStorage();
  db = openDatabase(path.join(dir, 'library.sqlite'));
  const file = path.join(dir, 'game.mp4');
  sha = await randomFile(file, 20 * MiB + 11);
  const jobs = createJobRunner({ log: silentLogger, onProgress: () => undefined, onFinished: () => undefined });
  const up = await jobs.finished(
    jobs.start('upload', null, (ctx) =>
      uploadFile({ db, gateway: local.storage }, { target, filePath: file }, fast, ctx),
    ),
  );
  expect(up.outcome).toBe('done');
});
afterAll(async () => {
  db?.close();
  await local?.close();
  await rm(dir, { recursive: true, force: true });
});

function download(dest: string, settings = {}, sign = (s: AbortSignal) => local.storage.signDownload({ target }, s)) {
  const jobs = createJobRunner({ log: silentLogger, onProgress: () => undefined, onFinished: () => undefined });
  const jobId = jobs.start('download', null, (ctx: JobContext) =>
    downloadObject(sign, dest, { ...fast, ...settings }, ctx),
  );
  return { jobs, jobId, finished: jobs.finished(jobId) };
}

const gets = () => local.proxy.log.filter((r) => r.method === 'GET');

describe('downloading a stored object', () => {
  it('continues an interrupted download from its partial file with a ranged GET, and verifies the SHA-256', async () => {
    const dest = path.join(dir, 'dl', 'game.mp4');
    // Stopped part-way (the app closed): the bytes so far stay in the partial file.
    const first = download(dest, { bandwidthBytesPerS: 8 * MiB });
    const timer = setInterval(async () => {
      const size = await stat(`${dest}.partial`).then(
        (s) => s.size,
        () => 0,
      );
      if (size >= 4 * MiB) {
        clearInterval(timer);
        first.jobs.cancel(first.jobId);
      }
    }, 10);
    expect((await first.finished).outcome).toBe('cancelled');
    const kept = (await stat(`${dest}.partial`)).size;
    expect(kept).toBeGreaterThanOrEqual(4 * MiB);
    const before = gets().length;
    // A cut connection during the resumed download is picked up again from where it stopped.
    local.proxy.dropNextResponse(1, (r) => r.method === 'GET', 3 * MiB);
    const second = await download(dest).finished;
    if (second.outcome !== 'done') throw new Error(JSON.stringify(second));
    const outcome = (second as { result: DownloadOutcome }).result;
    expect(outcome).toMatchObject({ sha256: sha, resumedFromBytes: kept });
    expect(gets().slice(before)[0]?.range).toBe(`bytes=${kept}-${20 * MiB + 10}`);
    expect(gets().slice(before).length).toBe(2);
    const bytes = await readFile(dest);
    expect(bytes.length).toBe(20 * MiB + 11);
    await expect(stat(`${dest}.partial`)).rejects.toThrow(/ENOENT/);
  });

  it('discards bytes whose SHA-256 is not the stored one, and keeps no partial file', async () => {
    const dest = path.join(dir, 'dl', 'wrong.mp4');
    const wrong = async (signal: AbortSignal) => ({
      ...(await local.storage.signDownload({ target }, signal)),
      sha256: 'f'.repeat(64),
    });
    const finished = await download(dest, {}, wrong).finished;
    expect(finished).toMatchObject({ outcome: 'failed', error: { kind: 'corrupt-media' } });
    await expect(stat(dest)).rejects.toThrow(/ENOENT/);
    await expect(stat(`${dest}.partial`)).rejects.toThrow(/ENOENT/);
  });
});
