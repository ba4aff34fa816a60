import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppFailure } from '../../../contract/errors.ts';
import type { SignDownloadResponse } from '../../../contract/gateway.ts';
import type { JobContext } from '../../jobs/runner.ts';
import { bandwidthLimit } from '../transfer/bandwidth.ts';
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from '../transfer/retry.ts';
import { getRange } from './get-range.ts';

export interface DownloadSettings {
  bandwidthBytesPerS?: number | null;
  idleTimeoutMs?: number;
  retry?: RetryPolicy;
}

export interface DownloadOutcome {
  path: string;
  sha256: string;
  sizeBytes: number;
  /** Bytes already on disk from an earlier, interrupted download. */
  resumedFromBytes: number;
}

async function sizeOf(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch {
    return null;
  }
}

async function hashPrefix(
  path: string,
  bytes: number,
  hash: ReturnType<typeof createHash>,
  signal: AbortSignal,
): Promise<void> {
  if (bytes === 0) return;
  for await (const chunk of createReadStream(path, { start: 0, end: bytes - 1, highWaterMark: 1024 * 1024, signal })) {
    hash.update(chunk as Buffer);
  }
}

/**
 * Downloads a stored object to `path` with ranged GETs into `path.partial`, continuing what an
 * earlier download left there (a lost network or a closed app resumes, it does not start over),
 * and renames it into place only when its SHA-256 is the one the gateway stated. Bytes that do
 * not match are deleted, never kept.
 */
export async function downloadObject(
  sign: (signal: AbortSignal) => Promise<SignDownloadResponse>,
  path: string,
  settings: DownloadSettings,
  job: JobContext,
): Promise<DownloadOutcome> {
  let signed = await sign(job.signal);
  const { sha256, size } = signed;
  const partial = `${path}.partial`;
  await mkdir(dirname(path), { recursive: true });
  let have = (await sizeOf(partial)) ?? 0;
  if (have > size) {
    await rm(partial, { force: true });
    have = 0;
  }
  const resumedFromBytes = have;
  const hash = createHash('sha256');
  job.progress({ done: have, total: size, stage: 'checking' });
  await hashPrefix(partial, have, hash, job.signal);
  const handle = await open(partial, have > 0 ? 'r+' : 'w');
  const limit = bandwidthLimit(settings.bandwidthBytesPerS);
  const policy = settings.retry ?? DEFAULT_RETRY;
  try {
    job.progress({ done: have, total: size, stage: 'downloading' });
    while (have < size) {
      // Each stretch of progress starts a fresh count of tries: only a connection that delivers
      // nothing, again and again, gives up.
      await withRetries(
        policy,
        {
          signal: job.signal,
          onRetry: ({ attempt, delayMs, error }) =>
            job.log.warn('download GET failed, retrying', { attempt, delayMs, reason: error.message }),
        },
        async (_n, previous) => {
          if (previous?.needsNewUrl || Date.parse(signed.expiresAt) - 30_000 < Date.now())
            signed = await sign(job.signal);
          await getRange({
            url: signed.url,
            from: have,
            size,
            signal: job.signal,
            idleTimeoutMs: settings.idleTimeoutMs ?? 30_000,
            limit,
            onData: async (offset, bytes) => {
              await handle.write(bytes, 0, bytes.length, offset);
              hash.update(bytes);
              have = offset + bytes.length;
              job.progress({ done: have, total: size, stage: 'downloading' });
            },
          });
        },
      );
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  const got = hash.digest('hex');
  if (got !== sha256) {
    await rm(partial, { force: true });
    throw new AppFailure(
      'corrupt-media',
      'The downloaded bytes are not the ones the team stored (SHA-256 differs); they were discarded. Download again.',
      `expected ${sha256}, got ${got}`,
    );
  }
  await rename(partial, path);
  return { path, sha256, sizeBytes: size, resumedFromBytes };
}
