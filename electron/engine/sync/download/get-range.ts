import http from 'node:http';
import https from 'node:https';
import { AppFailure } from '../../../contract/errors.ts';
import type { BandwidthLimit } from '../transfer/bandwidth.ts';
import { isRetryableStatus } from '../transfer/put-range.ts';
import { RetryableFailure } from '../transfer/retry.ts';

export interface GetRangeRequest {
  url: string;
  /** The first byte wanted; the rest of the object is asked for. */
  from: number;
  /** The object's size, as the gateway stated it. */
  size: number;
  signal: AbortSignal;
  idleTimeoutMs: number;
  limit: BandwidthLimit;
  /** Each piece of the body in order, at its offset; awaited before more is read. */
  onData(offset: number, bytes: Buffer): Promise<void>;
}

/**
 * One ranged GET of bytes `from`… of a presigned URL. Returns how many bytes it delivered; a cut
 * connection after some bytes is not an error (the caller continues from there), a cut before
 * any byte, a timeout or a 5xx is a RetryableFailure, an expired URL one that asks for a new URL.
 */
export function getRange(req: GetRangeRequest): Promise<number> {
  const url = new URL(req.url);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise<number>((resolve, reject) => {
    let got = 0;
    let settled = false;
    // The body being written to the file, if any: the answer waits for it, so the caller never
    // starts the next request while a piece of this one is still being written.
    let pump: Promise<void> | null = null;
    const finish = (error: Error | null) => {
      if (settled) return;
      settled = true;
      request.destroy();
      const settle = () => {
        if (!error) return resolve(got);
        if (req.signal.aborted) return reject(new AppFailure('cancelled', 'Cancelled'));
        if (got > 0 && error instanceof RetryableFailure) return resolve(got);
        reject(error);
      };
      if (pump) void pump.then(settle, settle);
      else settle();
    };
    const request = transport.request(url, {
      method: 'GET',
      headers: { range: `bytes=${req.from}-${req.size - 1}` },
      signal: req.signal,
    });
    request.setTimeout(req.idleTimeoutMs, () =>
      finish(new RetryableFailure(`no bytes for ${req.idleTimeoutMs} ms (GET ${url.pathname})`)),
    );
    request.on('error', (error) =>
      finish(new RetryableFailure(`GET ${url.pathname}: ${error.message}`, { cause: error })),
    );
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      if (status !== 206 && !(status === 200 && req.from === 0)) {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8').slice(0, 2000);
          if (isRetryableStatus(status)) finish(new RetryableFailure(`GET answered ${status}`, { status }));
          else if (status === 403)
            finish(new RetryableFailure(`GET refused (403): ${body.slice(0, 200)}`, { status, needsNewUrl: true }));
          else if (status === 200)
            finish(new AppFailure('cloud-error', 'The storage ignored the byte range asked for.', body));
          else finish(new AppFailure('cloud-error', `The storage refused the download (HTTP ${status}).`, body));
        });
        return;
      }
      const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(response.headers['content-range'] ?? ''));
      if (status === 206 && (!range || Number(range[1]) !== req.from || Number(range[3]) !== req.size)) {
        finish(
          new AppFailure('cloud-error', `The storage answered another range (${response.headers['content-range']}).`),
        );
        return;
      }
      response.on('error', (error) => finish(new RetryableFailure(`GET cut: ${error.message}`, { cause: error })));
      pump = (async () => {
        try {
          for await (const chunk of response as AsyncIterable<Buffer>) {
            await req.limit.take(chunk.length, req.signal);
            // Once this request is over (cut, timed out, cancelled), bytes still buffered from it
            // must not reach the file: the next request writes from where this one stopped.
            if (settled) return;
            if (req.from + got + chunk.length > req.size)
              throw new AppFailure('cloud-error', 'The storage sent more bytes than the object has.');
            await req.onData(req.from + got, chunk);
            got += chunk.length;
          }
          finish(response.complete ? null : new RetryableFailure('GET ended early'));
        } catch (error) {
          finish(
            error instanceof AppFailure
              ? error
              : new RetryableFailure(`GET cut: ${(error as Error).message}`, { cause: error }),
          );
        }
      })();
    });
    request.end();
  });
}
