import type { FileHandle } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { AppFailure } from '../../../contract/errors.ts';
import { MAX_PARTS_PER_SIGN, partLength, type PartPlan, type StorageTarget } from '../../../contract/gateway.ts';
import type { Logger } from '../../log.ts';
import type { StorageGateway } from '../gateway-client.ts';
import type { BandwidthLimit } from '../transfer/bandwidth.ts';
import { putRange } from '../transfer/put-range.ts';
import { withRetries, type RetryPolicy } from '../transfer/retry.ts';

/** A signed URL is not used in its last seconds: a part PUT started then may outlive it. */
const URL_MARGIN_MS = 30_000;

export interface PartSenderOptions {
  gateway: StorageGateway;
  target: StorageTarget;
  storageUploadId: string;
  plan: PartPlan;
  file: FileHandle;
  concurrency: number;
  limit: BandwidthLimit;
  idleTimeoutMs: number;
  retry: RetryPolicy;
  signal: AbortSignal;
  log: Logger;
  /** Called once per part the storage acknowledged, before the next part is taken up. */
  onAcknowledged(part: { partNumber: number; sizeBytes: number; etag: string }): void;
  /** Bytes of parts still in flight (acknowledged parts are counted by the caller). */
  onInFlight(bytes: number): void;
}

/**
 * Sends the given parts, `concurrency` at a time, each to its presigned URL, each with its own
 * retries; URLs are signed in batches ahead of need and signed again when they expire or are
 * refused. The first part that fails for good stops the others; its error is thrown.
 */
export async function sendParts(partNumbers: readonly number[], o: PartSenderOptions): Promise<void> {
  const queue = [...partNumbers];
  const urls = new Map<number, { url: string; expiresAtMs: number }>();
  const inFlight = new Map<number, number>();
  const stop = new AbortController();
  const signal = AbortSignal.any([o.signal, stop.signal]);
  const agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: o.concurrency }),
    https: new https.Agent({ keepAlive: true, maxSockets: o.concurrency }),
  };
  let signing: Promise<void> | null = null;
  let fatal: unknown = null;

  const reportInFlight = () => {
    let sum = 0;
    for (const n of inFlight.values()) sum += n;
    o.onInFlight(sum);
  };

  async function signFrom(partNumber: number): Promise<void> {
    // The part asked for and the next ones still waiting, so one call serves many parts.
    const wanted = [partNumber, ...queue.filter((p) => !urls.has(p))].slice(0, MAX_PARTS_PER_SIGN);
    const signed = await o.gateway.signParts(
      { target: o.target, uploadId: o.storageUploadId, partNumbers: wanted },
      signal,
    );
    const expiresAtMs = Date.parse(signed.expiresAt);
    for (const part of signed.parts) {
      if (part.size !== partLength(o.plan, part.partNumber)) {
        throw new AppFailure(
          'internal',
          `The gateway signed part ${part.partNumber} for ${part.size} bytes, not the plan's.`,
        );
      }
      urls.set(part.partNumber, { url: part.url, expiresAtMs });
    }
  }

  async function urlFor(partNumber: number): Promise<string> {
    for (;;) {
      const known = urls.get(partNumber);
      if (known && known.expiresAtMs - URL_MARGIN_MS > Date.now()) return known.url;
      urls.delete(partNumber);
      // One signing call at a time; parts waiting on it find their URL when it lands.
      signing ??= signFrom(partNumber).finally(() => (signing = null));
      await signing;
      if (!urls.has(partNumber)) throw new AppFailure('internal', `The gateway did not sign part ${partNumber}.`);
    }
  }

  async function sendOne(partNumber: number): Promise<void> {
    const offset = (partNumber - 1) * o.plan.partSize;
    const length = partLength(o.plan, partNumber);
    const etag = await withRetries(
      o.retry,
      {
        signal,
        onRetry: ({ attempt, delayMs, error }) => {
          if (error.needsNewUrl) urls.delete(partNumber);
          inFlight.set(partNumber, 0);
          reportInFlight();
          o.log.warn('part PUT failed, retrying', { partNumber, attempt, delayMs, reason: error.message });
        },
      },
      async () =>
        putRange({
          url: await urlFor(partNumber),
          file: o.file,
          offset,
          length,
          signal,
          idleTimeoutMs: o.idleTimeoutMs,
          limit: o.limit,
          agents,
          onSent: (sent) => {
            inFlight.set(partNumber, sent);
            reportInFlight();
          },
        }),
    );
    inFlight.delete(partNumber);
    o.onAcknowledged({ partNumber, sizeBytes: length, etag });
    reportInFlight();
  }

  async function worker(): Promise<void> {
    for (let next = queue.shift(); next !== undefined && !signal.aborted; next = queue.shift()) {
      try {
        await sendOne(next);
      } catch (error) {
        if (!o.signal.aborted && fatal === null) fatal = error;
        stop.abort();
        return;
      }
    }
  }

  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, queue.length)) }, worker));
  } finally {
    agents.http.destroy();
    agents.https.destroy();
  }
  if (fatal !== null) throw fatal;
  if (o.signal.aborted) throw new AppFailure('cancelled', 'Cancelled');
}
