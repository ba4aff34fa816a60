import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { AppFailure } from '../../contract/errors.ts';
import { mediaErrorMessage } from './media-errors.ts';

export interface HashProgress {
  doneBytes: number;
  totalBytes: number;
}

export interface HashOptions {
  signal?: AbortSignal;
  onProgress?: (progress: HashProgress) => void;
  /** Minimum time between progress calls; the final call (done = total) always comes. Default 250 ms. */
  progressIntervalMs?: number;
  /** Read size; large reads keep a multi-GB game file fast. Default 1 MiB. */
  chunkBytes?: number;
}

function fileFailure(file: string, error: unknown): AppFailure {
  const code = (error as NodeJS.ErrnoException).code;
  const kind = code === 'ENOENT' ? 'not-found' : code === 'EACCES' || code === 'EPERM' ? 'unreadable' : 'internal';
  return new AppFailure(kind, mediaErrorMessage(kind, file), String(error));
}

/** SHA-256 of a file as lowercase hex, streamed so a 10 GB game never sits in memory. */
export async function sha256File(file: string, options: HashOptions = {}): Promise<string> {
  const { signal, onProgress } = options;
  if (signal?.aborted) throw new AppFailure('cancelled', 'Cancelled');
  let totalBytes: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new AppFailure('not-video', `"${file}" is not a file.`);
    totalBytes = info.size;
  } catch (error) {
    if (error instanceof AppFailure) throw error;
    throw fileFailure(file, error);
  }

  const hash = createHash('sha256');
  const interval = options.progressIntervalMs ?? 250;
  let doneBytes = 0;
  let lastReport = Number.NEGATIVE_INFINITY;
  const stream = createReadStream(file, { highWaterMark: options.chunkBytes ?? 1024 * 1024, signal });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hash.update(chunk);
      doneBytes += chunk.length;
      const now = performance.now();
      if (onProgress && now - lastReport >= interval && doneBytes < totalBytes) {
        lastReport = now;
        onProgress({ doneBytes, totalBytes });
      }
    }
  } catch (error) {
    if (signal?.aborted || (error as Error).name === 'AbortError') throw new AppFailure('cancelled', 'Cancelled');
    throw fileFailure(file, error);
  } finally {
    stream.destroy();
  }
  // The file may have grown or shrunk while hashing (still being copied); report what was read.
  onProgress?.({ doneBytes, totalBytes: Math.max(totalBytes, doneBytes) });
  return hash.digest('hex');
}
