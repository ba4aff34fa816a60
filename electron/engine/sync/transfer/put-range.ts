import type { FileHandle } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { AppFailure } from '../../../contract/errors.ts';
import type { BandwidthLimit } from './bandwidth.ts';
import { RetryableFailure } from './retry.ts';

/** Bytes read from the file and written to the socket at a time (also the bandwidth limit's grain). */
const SLICE_BYTES = 256 * 1024;

export interface PutRangeRequest {
  url: string;
  file: FileHandle;
  offset: number;
  length: number;
  signal: AbortSignal;
  /**
   * The longest the request may go without moving a byte or getting its answer. An idle limit,
   * not a total one: an 8 MiB part on a slow rink uplink takes minutes, a stalled socket none.
   */
  idleTimeoutMs: number;
  limit: BandwidthLimit;
  /** Bytes of this request written so far (it restarts at 0 on the next try). */
  onSent(sentBytes: number): void;
  /** Keep-alive agents shared by one transfer's requests. */
  agents?: { http: http.Agent; https: https.Agent };
}

/** Which answers another try may fix: the storage being busy or down, never a refusal of the request. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

/** An S3/R2 refusal of an expired or no longer valid presigned URL: sign again, then retry. */
function urlRefused(status: number, body: string): boolean {
  return status === 403 && /expired|AccessDenied|SignatureDoesNotMatch/i.test(body);
}

/**
 * PUTs `length` bytes of the file from `offset` to a presigned URL with an exact Content-Length
 * (the storage signs and checks it) and returns the ETag the storage answered. Dropped
 * connections, timeouts and 5xx answers are RetryableFailure; other refusals are AppFailures.
 */
export function putRange(req: PutRangeRequest): Promise<string> {
  const url = new URL(req.url);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise<string>((resolve, reject) => {
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      request.destroy();
      reject(error);
    };
    const request = transport.request(url, {
      method: 'PUT',
      headers: { 'content-length': String(req.length), 'content-type': 'application/octet-stream' },
      agent: url.protocol === 'https:' ? req.agents?.https : req.agents?.http,
      signal: req.signal,
    });
    request.setTimeout(req.idleTimeoutMs, () =>
      fail(new RetryableFailure(`no progress for ${req.idleTimeoutMs} ms (PUT ${url.pathname})`)),
    );
    request.on('error', (error) => {
      if (req.signal.aborted) fail(new AppFailure('cancelled', 'Cancelled'));
      else fail(new RetryableFailure(`PUT ${url.pathname}: ${error.message}`, { cause: error }));
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => fail(new RetryableFailure(`PUT answer cut: ${error.message}`, { cause: error })));
      response.on('end', () => {
        if (settled) return;
        const status = response.statusCode ?? 0;
        const body = Buffer.concat(chunks).toString('utf8').slice(0, 2000);
        const etag = response.headers.etag;
        if (status >= 200 && status < 300 && typeof etag === 'string' && etag.length > 0) {
          settled = true;
          resolve(etag);
        } else if (status >= 200 && status < 300) {
          fail(new AppFailure('cloud-error', 'The storage accepted a part without an ETag.', body));
        } else if (isRetryableStatus(status)) {
          fail(new RetryableFailure(`PUT answered ${status}`, { status }));
        } else if (urlRefused(status, body)) {
          fail(
            new RetryableFailure(`PUT refused (${status}): the signed URL is no longer valid`, {
              status,
              needsNewUrl: true,
            }),
          );
        } else {
          fail(new AppFailure('cloud-error', `The storage refused a part (HTTP ${status}).`, body));
        }
      });
    });
    void (async () => {
      const buffer = Buffer.allocUnsafe(Math.min(SLICE_BYTES, Math.max(1, req.length)));
      let sent = 0;
      try {
        while (sent < req.length && !settled) {
          const want = Math.min(buffer.length, req.length - sent);
          await req.limit.take(want, req.signal);
          const { bytesRead } = await req.file.read(buffer, 0, want, req.offset + sent);
          if (bytesRead === 0)
            throw new AppFailure('media-changed', 'The file got shorter while it was being uploaded.');
          // A copy: the buffer is reused for the next slice while this one may still be queued.
          const slice = Buffer.from(buffer.subarray(0, bytesRead));
          sent += bytesRead;
          if (!request.write(slice)) {
            await new Promise<void>((ok) => {
              const done = () => {
                request.off('drain', done);
                request.off('close', done);
                ok();
              };
              request.on('drain', done);
              request.on('close', done);
            });
          }
          if (!settled) req.onSent(sent);
        }
        if (!settled) request.end();
      } catch (error) {
        fail(error instanceof Error ? error : new Error(String(error)));
      }
    })();
  });
}
