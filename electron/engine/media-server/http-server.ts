/**
 * The loopback media server: GET/HEAD /media/<id>?token=<per-launch token>, served through
 * serve-file.ts. It is the fallback for Electron's protocol.handle seeking bugs and what the
 * browser host's player can use. It binds to loopback only, and every request must carry the
 * token: another local user or a web page in the user's browser can reach the port but cannot
 * know the token.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable, pipeline } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { AppFailure } from '../../contract/errors.ts';
import type { Logger } from '../log.ts';
import { handleMediaRequest, type MediaRegistry } from './media-registry.ts';
import type { MediaResponse } from './serve-file.ts';

export interface MediaServerOptions {
  registry: MediaRegistry;
  /** The per-launch secret every URL carries. */
  token: string;
  /** Loopback only; anything else is refused. */
  host?: '127.0.0.1' | '::1';
  /** 0 (default) lets the OS pick a free port. */
  port?: number;
  log: Logger;
  /**
   * An origin allowed to read the media cross-origin (CORS), e.g. the renderer's, so a page can
   * draw the <video> into a <canvas> and read its pixels. Exact match; none by default.
   */
  allowOrigin?: string;
}

export interface MediaServer {
  /** e.g. http://127.0.0.1:41234/media/abc.proxy?token=… */
  url(mediaId: string): string;
  readonly origin: string;
  close(): Promise<void>;
}

/** Compares hashes so neither the content nor the length of the token leaks through timing. */
function tokenMatches(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

/** The id from a raw request target `/media/<id>`, or null. Decoding happens once, after the match. */
function mediaIdOf(pathname: string): string | null {
  const match = /^\/media\/([^/]+)$/.exec(pathname);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1] ?? '');
  } catch {
    return null;
  }
}

export async function startMediaServer(options: MediaServerOptions): Promise<MediaServer> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1' && host !== '::1') {
    throw new AppFailure('invalid-args', `The media server binds to loopback only, not ${String(host)}`);
  }
  if (options.token.length < 16) throw new AppFailure('invalid-args', 'The media server token is too short');
  const log = options.log;

  const send = (request: IncomingMessage, response: ServerResponse, served: MediaResponse) => {
    const headers: Record<string, string> = { ...served.headers, 'Cache-Control': 'no-store' };
    if (options.allowOrigin !== undefined && request.headers.origin === options.allowOrigin) {
      headers['Access-Control-Allow-Origin'] = options.allowOrigin;
      headers['Access-Control-Expose-Headers'] = 'Content-Range, Content-Length, Accept-Ranges';
      headers['Vary'] = 'Origin';
    }
    response.writeHead(served.status, headers);
    if (!served.body) return void response.end();
    // pipeline destroys the source when the client goes away, which cancels the web stream and
    // closes the file; an aborted range request is normal while seeking, so log it at debug only.
    const body = Readable.fromWeb(served.body as NodeReadableStream<Uint8Array>);
    pipeline(body, response, (error) => {
      if (error) log.debug('media response ended early', { error: error.message });
    });
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (!url.pathname.startsWith('/media/')) return void response.writeHead(404, { 'Content-Length': '0' }).end();
    if (!tokenMatches(options.token, url.searchParams.get('token'))) {
      return void response.writeHead(403, { 'Content-Length': '0' }).end();
    }
    const method = request.method ?? 'GET';
    const id = mediaIdOf(url.pathname);
    const served =
      id === null
        ? { status: 404, headers: { 'Content-Length': '0' }, body: null }
        : await handleMediaRequest(
            options.registry,
            { method, headers: request.headers as Record<string, string | undefined> },
            id,
            {
              log,
            },
          );
    log.debug('media request', { method, id, range: request.headers.range, status: served.status });
    send(request, response, served);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log.error('media request failed', { error: error instanceof Error ? error.message : String(error) });
      if (!response.headersSent) response.writeHead(500, { 'Content-Length': '0' });
      response.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${host === '::1' ? '[::1]' : host}:${port}`;
  log.info('media server listening', { origin });

  return {
    origin,
    url: (mediaId) => `${origin}/media/${encodeURIComponent(mediaId)}?token=${encodeURIComponent(options.token)}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Ends keep-alive sockets and in-flight responses too, so close() does not wait on a paused <video>.
        server.closeAllConnections();
      }),
  };
}
