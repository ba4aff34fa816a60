/**
 * File → HTTP (range) response, in a Web-standard shape, so that Electron's protocol.handle can
 * wrap it in a `Response` and a node:http server can pipe it. The one place the media path reads
 * video files for the player (docs/architecture.md, Media).
 *
 * The file is streamed from disk in small chunks (a 10 GB game is never read into memory), and the
 * file is closed as soon as the consumer cancels the body: a <video> element aborts range requests
 * all the time while the analyst scrubs.
 */
import { constants as fsConstants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import type { Logger } from '../log.ts';
import { identityOf, MEDIA_CHANGED_MESSAGE, sameFile, type FileIdentity } from '../media/file-identity.ts';
import { parseRange } from './range.ts';

export interface MediaRequest {
  method: string;
  /** Header names in any case (node:http and fetch both give lower case). */
  headers: Record<string, string | undefined>;
}

export interface MediaResponse {
  status: number;
  headers: Record<string, string>;
  /** null for HEAD, errors and empty files. */
  body: ReadableStream<Uint8Array> | null;
}

export interface ServeFileOptions {
  /** Overrides the type guessed from the extension. */
  contentType?: string;
  /** Stops reading the file when it fires (in addition to the consumer cancelling the body). */
  signal?: AbortSignal;
  /** Bytes per read from disk; 64 KiB by default. */
  chunkSize?: number;
  /** The file must be this one (device, inode, size, mtime), else 409 and nothing is read. */
  expect?: FileIdentity;
  log?: Logger;
}

const CONTENT_TYPES: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.m4a': 'audio/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.mkv': 'video/x-matroska',
  '.ts': 'video/mp2t',
  '.avi': 'video/x-msvideo',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

function header(request: MediaRequest, name: string): string | undefined {
  const direct = request.headers[name];
  if (direct !== undefined) return direct;
  for (const [key, value] of Object.entries(request.headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

function plain(status: number, extra: Record<string, string> = {}): MediaResponse {
  return { status, headers: { 'Content-Length': '0', ...extra }, body: null };
}

/** 409: the file at the path is not the one the library imported; the body says what to do. */
export function mediaChangedResponse(): MediaResponse {
  const text = new TextEncoder().encode(MEDIA_CHANGED_MESSAGE);
  return {
    status: 409,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': String(text.byteLength),
      'X-Rinkside-Error': 'media-changed',
    },
    body: new Blob([text]).stream(),
  };
}

// Never through a symlink at the last step: a library file replaced by a link is not served.
const OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0);

export async function serveFile(
  request: MediaRequest,
  filePath: string,
  opts: ServeFileOptions = {},
): Promise<MediaResponse> {
  const method = request.method.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') return plain(405, { Allow: 'GET, HEAD' });

  // Open first and stat the open file, so the size we announce is the size of what we stream.
  let file: FileHandle;
  try {
    file = await open(filePath, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') {
      opts.log?.warn('media file is now a symlink: refused', { file: filePath });
      return mediaChangedResponse();
    }
    opts.log?.warn('media file cannot be opened', { file: filePath, code });
    return plain(code === 'EACCES' || code === 'EPERM' ? 403 : 404);
  }
  let handedOver = false;
  try {
    const stat = await file.stat();
    if (!stat.isFile()) return plain(404);
    if (opts.expect && !sameFile(opts.expect, identityOf(await file.stat({ bigint: true })))) {
      opts.log?.warn('media file changed since import: refused', { file: filePath });
      return mediaChangedResponse();
    }
    const size = stat.size;
    const etag = `W/"${size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    const lastModified = stat.mtime.toUTCString();
    const headers: Record<string, string> = {
      'Accept-Ranges': 'bytes',
      'Content-Type': opts.contentType ?? contentTypeFor(filePath),
      'Last-Modified': lastModified,
      ETag: etag,
    };

    // If-Range: a client resuming with a validator from an older version of the file gets it whole.
    const ifRange = header(request, 'if-range');
    const rangeHeader =
      ifRange === undefined || ifRange === etag || ifRange === lastModified ? header(request, 'range') : undefined;
    const range = parseRange(rangeHeader, size);
    if (range === 'unsatisfiable') {
      return plain(416, { ...headers, 'Content-Range': `bytes */${size}` });
    }
    const start = range?.start ?? 0;
    const end = range?.end ?? size - 1;
    const length = end - start + 1;
    headers['Content-Length'] = String(length);
    if (range) headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
    const status = range ? 206 : 200;
    if (method === 'HEAD' || length === 0) return { status, headers, body: null };

    const stream = file.createReadStream({ start, end, highWaterMark: opts.chunkSize ?? 64 * 1024, autoClose: true });
    handedOver = true;
    if (opts.signal) {
      const { signal } = opts;
      const stop = () => stream.destroy();
      if (signal.aborted) stop();
      else signal.addEventListener('abort', stop, { once: true });
      stream.once('close', () => signal.removeEventListener('abort', stop));
    }
    // Readable.toWeb: cancelling the web stream destroys the file stream, which closes the file.
    // A small buffer keeps back-pressure tight: a paused <video> holds one chunk, not the file.
    const body = Readable.toWeb(stream, { strategy: { highWaterMark: 1 } }) as ReadableStream<Uint8Array>;
    return { status, headers, body };
  } finally {
    if (!handedOver) await file.close();
  }
}
