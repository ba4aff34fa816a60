import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandArgs, CommandName, CommandResult } from '../../../electron/contract/commands.ts';
import { decodeDetectionsWindow } from '../../../electron/contract/detections-window.ts';
import type { Video } from '../../../electron/contract/domain.ts';
import type { JobFinished } from '../../../electron/contract/events.ts';
import type { StorageGateway } from '../../../electron/engine/sync/gateway-client.ts';
import { validateCommand } from '../../../electron/contract/invoke.ts';
import { createEngine, type Engine } from '../../../electron/engine/engine.ts';
import { fixtureMedia } from '../../../electron/engine/handlers/engine-harness.test-helper.ts';
import { createJobRunner, type JobContext } from '../../../electron/engine/jobs/runner.ts';
import { silentLogger } from '../../../electron/engine/log.ts';
import { testEngineConfig } from '../../../electron/engine/process/engine-config.test-helper.ts';
import { openDatabase, type Database } from '../../../electron/engine/store/db.ts';
import type { StoreContext } from '../../../electron/engine/store/games.ts';
import { deviceId } from '../../../electron/engine/store/settings.ts';
import {
  downloadResults,
  downloadVideo,
  uploadResults,
  uploadVideo,
} from '../../../electron/engine/sync/team-files.ts';
import { startLocalStorage, type LocalStorage } from './local-storage.ts';

let root = '';
let local: LocalStorage;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'rinkside-second-device-'));
  local = await startLocalStorage();
});
afterAll(async () => {
  await local?.close();
  await rm(root, { recursive: true, force: true });
});

/** A real engine on a library folder that outlives it (the test reopens the library afterwards). */
async function engineOn(dataDir: string) {
  const finished: JobFinished[] = [];
  const engine: Engine = await createEngine({
    config: testEngineConfig(dataDir),
    log: silentLogger,
    emit: (name, payload) => {
      if (name === 'job.finished') finished.push(payload as JobFinished);
    },
  });
  const call = async <N extends CommandName>(name: N, args: CommandArgs<N>) => {
    const checked = validateCommand(name, args);
    if (!checked.ok) throw new Error(checked.error.message);
    return (await engine.handle(checked.command, checked.args)) as CommandResult<N>;
  };
  const wait = async (jobId: string): Promise<JobFinished> => {
    for (;;) {
      const found = finished.find((f) => f.jobId === jobId);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return { engine, call, wait };
}

function storeOf(dataDir: string): StoreContext {
  mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(path.join(dataDir, 'library.sqlite'));
  return { db, deviceId: deviceId(db), now: () => new Date().toISOString() };
}

/** Runs one piece of work as a job, as the engine would, and returns its result. */
async function asJob<T>(work: (ctx: JobContext) => Promise<T>): Promise<T> {
  const jobs = createJobRunner({ log: silentLogger, onProgress: () => undefined, onFinished: () => undefined });
  const finished = await jobs.finished(jobs.start('upload', null, work));
  if (finished.outcome !== 'done') throw new Error(JSON.stringify(finished));
  return finished.result as T;
}

/**
 * Stands in for the row sync (another room's work, tested on its own): copies a game's rows
 * column for column, with the video's machine-local path empty, as a pull leaves it.
 */
function copyTeamRows(from: Database, to: Database, gameId: string, videoId: string, runId: string): void {
  const copy = (table: string, id: string, local: Record<string, unknown> = {}) => {
    const row = {
      ...(from.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, unknown>),
      ...local,
    };
    const columns = Object.keys(row);
    to.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(
      ...(columns.map((c) => row[c]) as never[]),
    );
  };
  copy('games', gameId);
  copy('videos', videoId, { path: '', proxy_path: null, file_dev: null, file_ino: null, file_mtime_ns: null });
  copy('analysis_runs', runId);
}

async function sha256(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

describe('a second device', () => {
  it('downloads the video and the results object, and serves byte-equal detection windows for every frame', async () => {
    const dirA = path.join(root, 'a');
    const dirB = path.join(root, 'b');
    const gateway: StorageGateway = local.storage;

    // Device A: import, analyse, and keep what its player would be served.
    const a = await engineOn(dirA);
    const game = await a.call('games.create', { title: 'Shared', date: '2026-12-01', home: 'Home', away: 'Away' });
    const imported = await a.wait(
      (await a.call('videos.import', { gameId: game.id, path: path.join(fixtureMedia, 'people-2s-30fps.mp4') })).jobId,
    );
    const video = (imported as { result: Video }).result;
    const { runId, jobId } = await a.call('analysis.start', { videoId: video.id, options: { ep: 'cpu', threads: 1 } });
    expect((await a.wait(jobId)).outcome).toBe('done');
    const whole = await a.call('detections.window', { runId, fromS: 0, toS: 600 });
    const frames = decodeDetectionsWindow(whole).frames;
    expect(frames.length).toBeGreaterThan(30);
    expect(frames.some((f) => f.boxes.length > 0)).toBe(true);
    const perFrameA = [];
    for (const f of frames)
      perFrameA.push(new Uint8Array(await a.call('detections.window', { runId, fromS: f.pts, toS: f.pts })));
    await a.engine.close();

    // A shares both files with the team.
    const storeA = storeOf(dirA);
    const sentVideo = await asJob((ctx) => uploadVideo({ store: storeA, gateway, dataDir: dirA }, video.id, {}, ctx));
    const sentResults = await asJob((ctx) => uploadResults({ store: storeA, gateway, dataDir: dirA }, runId, {}, ctx));
    expect(sentVideo).toMatchObject({ status: 'stored', sha256: video.sha256 });
    expect(await local.storedSha256(sentResults.key)).toBe(sentResults.sha256);

    // Device B: the rows arrive (sync), then the bytes.
    const storeB = storeOf(dirB);
    copyTeamRows(storeA.db, storeB.db, game.id, video.id, runId);
    storeA.db.close();
    const got = await asJob((ctx) => downloadVideo({ store: storeB, gateway, dataDir: dirB }, video.id, {}, ctx));
    expect(got.path.startsWith(path.join(dirB, 'team-videos'))).toBe(true);
    expect(await sha256(got.path)).toBe(video.sha256);
    expect((await stat(got.path)).size).toBe(video.sizeBytes);
    const imported2 = await asJob((ctx) => downloadResults({ store: storeB, gateway, dataDir: dirB }, runId, {}, ctx));
    expect(imported2.frames).toBe(frames.length);
    storeB.db.close();

    // B's engine serves the same bytes for every frame, and plays the downloaded local file.
    const b = await engineOn(dirB);
    try {
      expect(new Uint8Array(await b.call('detections.window', { runId, fromS: 0, toS: 600 }))).toEqual(
        new Uint8Array(whole),
      );
      for (const [i, f] of frames.entries()) {
        expect(new Uint8Array(await b.call('detections.window', { runId, fromS: f.pts, toS: f.pts }))).toEqual(
          perFrameA[i],
        );
      }
      const media = (await b.engine.internal('mediaPath', { videoId: video.id, variant: 'original' })) as {
        path: string;
        changed: boolean;
      };
      expect(media).toMatchObject({ path: got.path, changed: false });
    } finally {
      await b.engine.close();
    }
  });
});
