import { readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Video } from '../../contract/domain.ts';
import { AppFailure } from '../../contract/errors.ts';
import type { Logger } from '../log.ts';
import { runToolBinary } from '../media/run-ffmpeg.ts';

export interface ThumbnailService {
  /** A JPEG of the frame shown at timeS (original video time), `width` px wide; cached on disk. */
  get(video: Video, timeS: number, width: number): Promise<ArrayBuffer>;
  /** Stops running ffmpegs and refuses what is queued (engine shutdown). */
  close(): void;
}

export interface ThumbnailOptions {
  /** config.dataDir/thumbnails */
  dir: string;
  ffmpeg: () => Promise<string>;
  log: Logger;
  /** ffmpegs at once; scrubbing asks for many, and the player decodes too. Default 2. */
  concurrency?: number;
  /** Waiting requests kept; older ones are refused as cancelled (the analyst scrubbed past them). Default 24. */
  maxWaiting?: number;
}

interface Waiting {
  run: () => Promise<Buffer>;
  resolve: (bytes: Buffer) => void;
  reject: (error: unknown) => void;
}

/** A thumbnail is a few KB; anything near this is ffmpeg writing frames it should not. */
const STDOUT_LIMIT = 8 * 1024 * 1024;

/** A seek window of at least this long (and three frames) before the time asked for. */
const WINDOW_S = 1;

/**
 * The ffmpeg words for the frame shown at `timeS` (the player's rule: the last frame whose pts is
 * at or before the time). Plain `-ss T` gives the first frame at or after T, a frame late; so seek
 * a window earlier, keep frames up to T (trim), and take the last one (reverse, one frame out).
 * -seek_timestamp 1 makes -ss an absolute pts, like every time we store, even when a file does
 * not start at 0.
 */
export function thumbnailArgs(file: string, timeS: number, width: number, windowS = WINDOW_S): string[] {
  const seekS = Math.max(0, timeS - windowS);
  const endS = timeS - seekS + 0.0005;
  return [
    '-hide_banner',
    '-nostdin',
    '-v',
    'error',
    '-seek_timestamp',
    '1',
    '-ss',
    seekS.toFixed(6),
    '-i',
    file,
    '-map',
    '0:v:0',
    '-an',
    '-sn',
    '-vf',
    `trim=end=${endS.toFixed(6)},scale=${width}:-2,reverse`,
    '-frames:v',
    '1',
    '-q:v',
    '5',
    '-f',
    'image2pipe',
    '-vcodec',
    'mjpeg',
    'pipe:1',
  ];
}

function toArrayBuffer(bytes: Buffer): ArrayBuffer {
  // A Buffer may be a view on a shared pool; the IPC and WebSocket bindings need a plain ArrayBuffer.
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/**
 * Thumbnails for scrubbing: cached as dir/<videoId>/<width>/<centiseconds>.jpg, made by at most
 * `concurrency` ffmpegs, newest request first (the analyst cares about where the cursor is now),
 * identical requests sharing one ffmpeg.
 */
export function createThumbnailService(options: ThumbnailOptions): ThumbnailService {
  const concurrency = options.concurrency ?? 2;
  const maxWaiting = options.maxWaiting ?? 24;
  const waiting: Waiting[] = [];
  const inFlight = new Map<string, Promise<Buffer>>();
  const abort = new AbortController();
  let running = 0;

  const pump = () => {
    while (running < concurrency && waiting.length > 0) {
      const next = waiting.pop();
      if (!next) return;
      running += 1;
      next
        .run()
        .then(next.resolve, next.reject)
        .finally(() => {
          running -= 1;
          pump();
        });
    }
  };

  const schedule = (run: () => Promise<Buffer>) =>
    new Promise<Buffer>((resolve, reject) => {
      waiting.push({ run, resolve, reject });
      while (waiting.length > maxWaiting) {
        waiting.shift()?.reject(new AppFailure('cancelled', 'A newer thumbnail was asked for first.'));
      }
      pump();
    });

  async function make(video: Video, centis: number, width: number, file: string): Promise<Buffer> {
    // The proxy, when there is one, is what the player shows and seeks well (a .ts original may not).
    const source = video.proxyPath ?? video.path;
    const shift = video.proxyPath ? video.proxyTimeShiftS : 0;
    const first = video.probe.firstFrameTimeS;
    // Before the first frame the player shows the first frame; past the end, the last.
    const timeS = Math.min(Math.max(centis / 100, first), first + video.probe.durationS) - shift;
    const windowS = Math.max(WINDOW_S, video.probe.fps > 0 ? 3 / video.probe.fps : WINDOW_S);
    const args = thumbnailArgs(path.resolve(source), Math.max(0, timeS), width, windowS);
    const { stdout: bytes } = await runToolBinary(await options.ffmpeg(), args, {
      log: options.log,
      signal: abort.signal,
      subject: source,
      maxStdoutBytes: STDOUT_LIMIT,
      // Nothing to finish writing: a thumbnail nobody waits for is killed at once.
      killAfterMs: 0,
    });
    if (bytes.length === 0) {
      throw new AppFailure('not-found', `No frame of "${video.fileName}" at ${(centis / 100).toFixed(2)} s.`);
    }
    await mkdir(path.dirname(file), { recursive: true });
    // Write then rename, so a crash never leaves half a JPEG that later reads as a cache hit.
    const partial = `${file}.${process.pid}.partial`;
    try {
      await writeFile(partial, bytes);
      await rename(partial, file);
    } catch (error) {
      await rm(partial, { force: true });
      options.log.warn('could not cache a thumbnail', { file, error: String(error) });
    }
    return bytes;
  }

  return {
    async get(video, timeS, width) {
      const centis = Math.round(timeS * 100);
      const file = path.join(options.dir, video.id, String(width), `${centis}.jpg`);
      // Read synchronously (a few KB): requests then queue in exactly the order they came in.
      try {
        return toArrayBuffer(readFileSync(file));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      let pending = inFlight.get(file);
      if (!pending) {
        pending = schedule(() => make(video, centis, width, file)).finally(() => inFlight.delete(file));
        inFlight.set(file, pending);
      }
      return toArrayBuffer(await pending);
    },
    close() {
      abort.abort();
      for (const item of waiting.splice(0)) item.reject(new AppFailure('cancelled', 'Cancelled'));
    },
  };
}
