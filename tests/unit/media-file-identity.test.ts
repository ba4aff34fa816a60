import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Video } from '../../electron/contract/domain.ts';
import type { JobFinished } from '../../electron/contract/events.ts';
import type { InvokeReply } from '../../electron/contract/invoke.ts';
import { sourceModelsDir } from '../../electron/engine/detect/model-catalog.ts';
import { silentLogger } from '../../electron/engine/log.ts';
import { identityOf } from '../../electron/engine/media/file-identity.ts';
import { startMediaServer } from '../../electron/engine/media-server/http-server.ts';
import { createMediaRegistry } from '../../electron/engine/media-server/media-registry.ts';
import { startBrowserHost, type BrowserHost } from '../../electron/host/host.ts';

const repoRoot = resolve(import.meta.dirname, '../..');
const fixture = join(repoRoot, 'tests/fixtures/media/people-2s-30fps.mp4');
const other = join(repoRoot, 'tests/fixtures/media/crossing-seq.mp4');
let host: BrowserHost;
let work: string;
let socket: WebSocket;
const finished: JobFinished[] = [];

async function call<T>(command: string, args: unknown): Promise<T> {
  const reply: InvokeReply = await host.relay.invoke(command, args);
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), { kind: reply.error.kind });
  return reply.value as T;
}

async function callError(command: string, args: unknown): Promise<{ kind: string; message: string }> {
  const reply: InvokeReply = await host.relay.invoke(command, args);
  if (reply.ok) throw new Error(`${command} succeeded`);
  return reply.error;
}

async function jobDone(jobId: string): Promise<JobFinished> {
  for (let i = 0; i < 6000; i++) {
    const done = finished.find((f) => f.jobId === jobId);
    if (done) return done;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`job ${jobId} never finished`);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'rinkside-media-identity-'));
  host = await startBrowserHost({
    rendererDir: join(repoRoot, 'renderer'),
    log: silentLogger,
    engine: {
      dataDir: join(work, 'data'),
      appVersion: '0.0.0-test',
      ffmpegPath: null,
      ffprobePath: null,
      modelsDir: sourceModelsDir,
    },
  });
  socket = await new Promise<WebSocket>((ok, fail) => {
    const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/ws?token=${host.token}`, { origin: host.origin });
    ws.once('open', () => ok(ws));
    ws.once('error', fail);
  });
  socket.on('message', (data, isBinary) => {
    if (isBinary) return;
    const message = JSON.parse(String(data)) as { type: string; name?: string; payload?: unknown };
    if (message.type === 'event' && message.name === 'job.finished') finished.push(message.payload as JobFinished);
  });
});

afterAll(async () => {
  socket?.close();
  await host?.close();
  rmSync(work, { recursive: true, force: true });
});

async function importCopy(name: string): Promise<{ video: Video; file: string; bytes: Buffer }> {
  const folder = join(work, name);
  mkdirSync(folder);
  const file = join(folder, 'camera1.mp4');
  copyFileSync(fixture, file);
  const game = await call<{ id: string }>('games.create', { title: name, date: '2026-03-01', home: 'H', away: 'A' });
  const { jobId } = await call<{ jobId: string }>('videos.import', { gameId: game.id, path: file });
  const done = await jobDone(jobId);
  expect(done.outcome, JSON.stringify(done)).toBe('done');
  return { video: (done as { result: Video }).result, file, bytes: readFileSync(file) };
}

async function mediaUrl(videoId: string): Promise<string> {
  return (await call<{ url: string }>('media.url', { videoId, variant: 'original' })).url;
}

describe('the media route serves the file the library imported, nothing else', () => {
  it('refuses a file replaced by a symlink to /etc/passwd, or by another file, and says to re-link', async () => {
    const { video, file, bytes } = await importCopy('symlink');
    const url = await mediaUrl(video.id);
    const served = await fetch(url);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);

    unlinkSync(file);
    symlinkSync('/etc/passwd', file);
    const refused = await fetch(url);
    expect(refused.status).toBe(409);
    const text = await refused.text();
    expect(text).toMatch(/changed on disk since it was imported — re-link it/);
    expect(text).not.toContain(readFileSync('/etc/passwd', 'utf8').slice(0, 20));
    expect(await fetch(url, { headers: { Range: 'bytes=0-99' } }).then((r) => r.status)).toBe(409);
    expect(await callError('media.url', { videoId: video.id, variant: 'original' })).toMatchObject({
      kind: 'media-changed',
      message: expect.stringMatching(/re-link it/),
    });

    // Another file, even a byte-identical copy (a new inode), is not the file imported.
    unlinkSync(file);
    copyFileSync(other, file);
    expect((await fetch(url)).status).toBe(409);
    unlinkSync(file);
    writeFileSync(file, bytes);
    expect((await fetch(url)).status).toBe(409);
  });

  it('re-links a moved video by its SHA-256, and refuses a file that is not the same video', async () => {
    const { video, file, bytes } = await importCopy('moved');
    const moved = join(work, 'moved', 'backup');
    mkdirSync(moved);
    const newPlace = join(moved, 'game.mp4');
    renameSync(file, newPlace);
    expect(await callError('media.url', { videoId: video.id, variant: 'original' })).toMatchObject({
      kind: 'media-changed',
    });

    // Same size, one byte different: the hash tells them apart.
    const impostor = join(moved, 'impostor.mp4');
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 0xff;
    writeFileSync(impostor, flipped);
    const wrong = await jobDone(
      (await call<{ jobId: string }>('videos.relink', { id: video.id, path: impostor })).jobId,
    );
    expect(wrong).toMatchObject({
      outcome: 'failed',
      error: { kind: 'conflict', message: expect.stringMatching(/SHA-256 differs/) },
    });
    const smaller = join(moved, 'short.mp4');
    writeFileSync(smaller, bytes.subarray(0, 1000));
    const short = await jobDone(
      (await call<{ jobId: string }>('videos.relink', { id: video.id, path: smaller })).jobId,
    );
    expect(short).toMatchObject({ outcome: 'failed', error: { kind: 'conflict' } });

    const relinked = await jobDone(
      (await call<{ jobId: string }>('videos.relink', { id: video.id, path: newPlace })).jobId,
    );
    expect(relinked.outcome, JSON.stringify(relinked)).toBe('done');
    expect((relinked as { result: Video }).result).toMatchObject({
      id: video.id,
      path: newPlace,
      fileName: 'game.mp4',
    });
    const served = await fetch(await mediaUrl(video.id));
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('a video imported before identities were kept is recorded on first play, then held to it', async () => {
    const { video, file } = await importCopy('legacy');
    const db = new DatabaseSync(join(work, 'data', 'library.sqlite'));
    db.prepare('UPDATE videos SET file_dev = NULL, file_ino = NULL, file_mtime_ns = NULL WHERE id = ?').run(video.id);
    const url = await mediaUrl(video.id);
    expect((await fetch(url)).status).toBe(200);
    const row = db.prepare('SELECT file_dev, file_ino FROM videos WHERE id = ?').get(video.id) as Record<
      string,
      string
    >;
    expect(row).toEqual({
      file_dev: String(statSync(file, { bigint: true }).dev),
      file_ino: String(statSync(file, { bigint: true }).ino),
    });
    db.close();
    unlinkSync(file);
    symlinkSync('/etc/passwd', file);
    expect((await fetch(url)).status).toBe(409);
  });
});

describe('analysis and exports read only the file the library imported', () => {
  const cpu = { ep: 'cpu' as const, threads: 1 };

  it('a video replaced by another video is neither analysed nor exported: media-changed, nothing made', async () => {
    const { video, file } = await importCopy('replaced');
    const code = (await call<{ id: string }[]>('codes.list', {}))[0];
    const event = await call<{ id: string }>('events.create', {
      gameId: video.gameId,
      videoId: video.id,
      codeId: code?.id,
      startS: 0.2,
      endS: 0.8,
      startFrame: 6,
      endFrame: 24,
      descriptors: {},
      note: '',
    });
    // A perfectly playable video of another game at the same path: ffmpeg would take it happily.
    unlinkSync(file);
    copyFileSync(other, file);
    const refused = { kind: 'media-changed', message: expect.stringMatching(/changed on disk .* re-link it/) };
    expect(await callError('analysis.start', { videoId: video.id, options: cpu })).toMatchObject(refused);
    expect(await call<unknown[]>('analysis.list', { videoId: video.id })).toEqual([]);
    const out = join(work, 'replaced', 'clips');
    mkdirSync(out);
    for (const mode of ['clips', 'reel'] as const) {
      expect(
        await callError('export.clips', { eventIds: [event.id], mode, overlays: null, outDir: out }),
      ).toMatchObject(refused);
    }
    expect(readdirSync(out)).toEqual([]);
  });

  it('a video replaced by a symlink (even to a real video) is refused the same way', async () => {
    const { video, file } = await importCopy('linked');
    unlinkSync(file);
    symlinkSync(fixture, file);
    expect(await callError('analysis.start', { videoId: video.id, options: cpu })).toMatchObject({
      kind: 'media-changed',
    });
  });

  it('re-linked to the same video, the file is analysed again', async () => {
    const { video, file } = await importCopy('relinked');
    const moved = join(work, 'relinked', 'moved.mp4');
    renameSync(file, moved);
    expect(await callError('analysis.start', { videoId: video.id, options: cpu })).toMatchObject({
      kind: 'media-changed',
    });
    const relinked = await jobDone(
      (await call<{ jobId: string }>('videos.relink', { id: video.id, path: moved })).jobId,
    );
    expect(relinked.outcome, JSON.stringify(relinked)).toBe('done');
    const { runId, jobId } = await call<{ runId: string; jobId: string }>('analysis.start', {
      videoId: video.id,
      options: cpu,
    });
    expect(runId).toEqual(expect.any(String));
    await call('analysis.cancel', { runId });
    expect((await jobDone(jobId)).outcome).toBe('cancelled');
  }, 120_000);
});

describe('the loopback media server (the Electron fallback) holds registered files to their identity', () => {
  it('serves the registered file, and 409 once it was swapped for a symlink', async () => {
    const dir = join(work, 'loopback');
    mkdirSync(dir);
    const file = join(dir, 'v.mp4');
    copyFileSync(fixture, file);
    const registry = createMediaRegistry();
    registry.register('v.original', file, identityOf(statSync(file, { bigint: true })));
    const server = await startMediaServer({ registry, token: randomBytes(24).toString('hex'), log: silentLogger });
    try {
      expect((await fetch(server.url('v.original'))).status).toBe(200);
      unlinkSync(file);
      symlinkSync('/etc/passwd', file);
      const refused = await fetch(server.url('v.original'));
      expect(refused.status).toBe(409);
      expect(await refused.text()).toMatch(/re-link it/);
    } finally {
      await server.close();
    }
  });
});
