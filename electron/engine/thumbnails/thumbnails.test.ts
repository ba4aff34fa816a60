import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readFrameIndex } from '../../../tests/fixtures/frame-code.ts';
import type { Video } from '../../contract/domain.ts';
import { AppFailure } from '../../contract/errors.ts';
import { silentLogger } from '../log.ts';
import { remuxToMp4 } from '../media/playable.ts';
import { probeVideo } from '../media/probe.ts';
import { createTools, type ResolveToolsOptions } from '../media/tools.ts';
import { createThumbnailService, thumbnailArgs } from './thumbnails.ts';

const media = resolve(import.meta.dirname, '../../../tests/fixtures/media');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function fixture(file: string, options: ResolveToolsOptions = {}): Promise<{ video: Video; ffmpeg: string }> {
  const id = '11111111-2222-4333-8444-555555555555';
  const tools = await createTools(options)();
  const path = join(media, file);
  const probe = await probeVideo(tools, path, { log: silentLogger });
  const video: Video = {
    id,
    gameId: id,
    path,
    fileName: file,
    sizeBytes: 1,
    sha256: 'x',
    probe,
    proxyPath: null,
    proxyTimeShiftS: 0,
    importedAt: '',
    updatedAt: '',
    deviceId: 'd',
    deleted: false,
  };
  return { video, ffmpeg: tools.ffmpeg };
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rinkside-thumbs-'));
  dirs.push(dir);
  return dir;
}

/** The frame index burned into a thumbnail, read back through a real JPEG decode. */
function frameOf(ffmpeg: string, jpeg: ArrayBuffer, clipWidth: number): number | null {
  const rgba = execFileSync(
    ffmpeg,
    ['-v', 'error', '-f', 'image2pipe', '-i', 'pipe:0', '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'],
    {
      input: Buffer.from(jpeg),
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const width = 640;
  const height = rgba.length / 4 / width;
  return readFrameIndex(rgba, width, height, width * 4, { scale: width / clipWidth });
}

describe('thumbnails', () => {
  it('shows the frame the player shows: the last one at or before the time, clamped to the clip', async () => {
    const { video, ffmpeg } = await fixture('people-10s.mp4');
    const thumbs = createThumbnailService({ dir: tempDir(), ffmpeg: async () => ffmpeg, log: silentLogger });
    const frames: (number | null)[] = [];
    for (const t of [0, 0.05, 0.1, 3.35, 5.04, 9.95, 30])
      frames.push(frameOf(ffmpeg, await thumbs.get(video, t, 640), 768));
    expect(frames).toEqual([0, 0, 1, 33, 50, 99, 99]);
  });

  it('uses absolute presentation times for a clip whose first frame is not at 0', async () => {
    const { video, ffmpeg } = await fixture('offset-start.mp4');
    expect(video.probe.firstFrameTimeS).toBeCloseTo(1 / 30, 3);
    const thumbs = createThumbnailService({ dir: tempDir(), ffmpeg: async () => ffmpeg, log: silentLogger });
    const frames: (number | null)[] = [];
    // Frame i is at (i + 1) / 30 s; before the first frame the player shows the first.
    for (const t of [0, 0.04, 0.5, 1.99]) frames.push(frameOf(ffmpeg, await thumbs.get(video, t, 640), 384));
    expect(frames).toEqual([0, 0, 14, 58]);
  });

  it('seeks by absolute pts when the container itself starts late (plain -ss would be 1.23 s off)', async () => {
    const { video: source, ffmpeg } = await fixture('people-10s.mp4');
    const dir = tempDir();
    const shifted = join(dir, 'shifted.mp4');
    // The same frames with every timestamp 1.25 s later: video from 1.25 s, audio (and the container) 1.228 s.
    execFileSync(ffmpeg, [
      '-v',
      'error',
      '-i',
      source.path,
      '-t',
      '3',
      '-c',
      'copy',
      '-output_ts_offset',
      '1.25',
      shifted,
    ]);
    const tools = await createTools()();
    const probe = await probeVideo(tools, shifted, { log: silentLogger });
    expect(probe.firstFrameTimeS).toBeCloseTo(1.25, 3);
    const video = { ...source, path: shifted, probe };
    const thumbs = createThumbnailService({ dir, ffmpeg: async () => ffmpeg, log: silentLogger });
    const frames: (number | null)[] = [];
    for (const t of [1.25, 1.3, 1.35, 2.0, 4.2]) frames.push(frameOf(ffmpeg, await thumbs.get(video, t, 640), 768));
    expect(frames).toEqual([0, 0, 1, 7, 29]);
  });

  it('takes the frame from the proxy when there is one, shifted to the original clock', async () => {
    // The packaged (2023 static) ffprobe segfaults on this MPEG-TS file; the system one reads it.
    const onPath: ResolveToolsOptions = { packaged: { ffmpeg: null, ffprobe: null } };
    const { video: original, ffmpeg } = await fixture('transport.ts', onPath);
    const tools = await createTools(onPath)();
    const dir = tempDir();
    const remux = await remuxToMp4(tools, original.path, join(dir, 'proxy.mp4'), {
      log: silentLogger,
      signal: new AbortController().signal,
    });
    const video = { ...original, proxyPath: remux.path, proxyTimeShiftS: remux.timeShiftS };
    const thumbs = createThumbnailService({ dir, ffmpeg: async () => ffmpeg, log: silentLogger });
    const frames: (number | null)[] = [];
    // transport.ts: 10 fps from 1.6 s (MPEG-TS mux delay), so frame i is at 1.6 + i / 10 s.
    for (const t of [1.65, 2.05, 4.55]) frames.push(frameOf(ffmpeg, await thumbs.get(video, t, 640), 384));
    expect(frames).toEqual([0, 4, 29]);
  });

  it('caches on disk by video, width and centisecond; a JPEG every time', async () => {
    const { video, ffmpeg } = await fixture('people-10s.mp4');
    const dir = tempDir();
    const commands: string[] = [];
    const log = { ...silentLogger, info: (message: string) => void commands.push(message), child: () => log };
    const thumbs = createThumbnailService({ dir, ffmpeg: async () => ffmpeg, log });
    const first = new Uint8Array(await thumbs.get(video, 2.004, 160));
    expect([first[0], first[1]]).toEqual([0xff, 0xd8]);
    expect(existsSync(join(dir, video.id, '160', '200.jpg'))).toBe(true);
    const again = new Uint8Array(await thumbs.get(video, 1.996, 160));
    expect(again).toEqual(first);
    expect(commands.filter((c) => c.includes('image2pipe'))).toHaveLength(1);
    expect(commands[0]).toContain('-seek_timestamp 1');
  });

  it('runs the newest request first and refuses the oldest waiting ones as cancelled', async () => {
    const { video, ffmpeg } = await fixture('people-10s.mp4');
    let release: (path: string) => void = () => {};
    const gate = new Promise<string>((r) => (release = r));
    const thumbs = createThumbnailService({
      dir: tempDir(),
      ffmpeg: () => gate,
      log: silentLogger,
      concurrency: 1,
      maxWaiting: 2,
    });
    const done: number[] = [];
    const requests = [1, 2, 3, 4, 5].map((t) =>
      thumbs.get(video, t, 64).then(
        () => done.push(t),
        (error: unknown) => {
          if (!(error instanceof AppFailure) || error.kind !== 'cancelled') throw error;
          return 'cancelled';
        },
      ),
    );
    // 1 is running (waiting for ffmpeg), 2..5 wait; only the newest two are kept.
    expect(await requests[1]).toBe('cancelled');
    expect(await requests[2]).toBe('cancelled');
    release(ffmpeg);
    await Promise.all(requests);
    expect(done).toEqual([1, 5, 4]);
  });

  it('names the unreadable file when ffmpeg fails', async () => {
    const { video, ffmpeg } = await fixture('people-10s.mp4');
    const thumbs = createThumbnailService({ dir: tempDir(), ffmpeg: async () => ffmpeg, log: silentLogger });
    const broken = { ...video, path: join(media, 'not-a-video.mp4'), fileName: 'not-a-video.mp4' };
    await expect(thumbs.get(broken, 1, 160)).rejects.toMatchObject({
      kind: expect.stringMatching(/not-video|corrupt-media/) as unknown,
    });
  });

  it('seeks a window early and trims to the time (the command line is re-runnable by hand)', () => {
    const args = thumbnailArgs('/v.mp4', 3.35, 160);
    expect(args.join(' ')).toContain('-seek_timestamp 1 -ss 2.350000 -i /v.mp4');
    expect(args.join(' ')).toContain('trim=end=1.000500,scale=160:-2,reverse');
    expect(thumbnailArgs('/v.mp4', 0.2, 160).join(' ')).toContain('-ss 0.000000');
  });
});
