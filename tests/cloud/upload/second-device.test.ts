// Two laptops of one team, end to end through the local cloud: real engines (import, analysis,
// the upload and download commands), the real row sync, the real gateway (a Node process) with
// the analysts' supabase-js sessions, and fauxqs behind the logging proxy.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandArgs, CommandName, CommandResult } from '../../../electron/contract/commands.ts';
import { decodeDetectionsWindow } from '../../../electron/contract/detections-window.ts';
import type { JobProgress, Video } from '../../../electron/contract/domain.ts';
import type { JobFinished } from '../../../electron/contract/events.ts';
import { validateCommand } from '../../../electron/contract/invoke.ts';
import { createEngine } from '../../../electron/engine/engine.ts';
import { fixtureMedia } from '../../../electron/engine/handlers/engine-harness.test-helper.ts';
import { silentLogger } from '../../../electron/engine/log.ts';
import { testEngineConfig } from '../../../electron/engine/process/engine-config.test-helper.ts';
import { shareGame } from '../../../electron/engine/store/sharing.ts';
import type { TeamStorageAccess } from '../../../electron/engine/sync/team-storage-access.ts';
import { startLocalApi, type LocalApi } from '../api/server.ts';
import { startStorageCloud, type StorageCloud } from '../storage/index.ts';
import { makeTeamOf, openLaptop, ownerConnection, type Laptop } from '../sync/sync-world.ts';

let root = '';
let api: LocalApi;
let cloud: StorageCloud;
let team: { teamId: string; users: { id: string; email: string }[] };

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'rinkside-second-device-'));
  api = await startLocalApi();
  cloud = await startStorageCloud(api, { runtime: 'node' });
  const owner = await ownerConnection();
  try {
    team = await makeTeamOf(owner, 'updl', 2);
  } finally {
    await owner.end();
  }
});
afterAll(async () => {
  await cloud?.stop();
  await api?.stop();
  await rm(root, { recursive: true, force: true });
});

/** A real engine on a library folder that outlives it, reaching the storage as `access` says. */
async function engineOn(dataDir: string, access?: TeamStorageAccess) {
  const finished: JobFinished[] = [];
  const progress: JobProgress[] = [];
  const engine = await createEngine({
    config: testEngineConfig(dataDir),
    log: silentLogger,
    emit: (name, payload) => {
      if (name === 'job.finished') finished.push(payload as JobFinished);
      if (name === 'job.progress') progress.push(payload as JobProgress);
    },
    ...(access ? { teamStorage: access } : {}),
  });
  const call = async <N extends CommandName>(name: N, args: CommandArgs<N>) => {
    const checked = validateCommand(name, args);
    if (!checked.ok) throw new Error(checked.error.message);
    return (await engine.handle(checked.command, checked.args)) as CommandResult<N>;
  };
  const done = async (jobId: string): Promise<unknown> => {
    for (;;) {
      const found = finished.find((f) => f.jobId === jobId);
      if (found?.outcome === 'done') return found.result;
      if (found) throw new Error(JSON.stringify(found));
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return { engine, call, done, progress };
}

/** The gateway, with the laptop's signed-in session's current access token. */
function accessOf(laptop: Laptop): TeamStorageAccess {
  return {
    gatewayUrl: () => cloud.gateway.url,
    accessToken: async () => (await laptop.client.auth.getSession()).data.session?.access_token ?? null,
  };
}

async function sha256(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

describe('a teammate on a second laptop', () => {
  it('downloads the shared video and results object, and is served byte-equal detection windows for every frame', async () => {
    const dirA = path.join(root, 'a');
    const dirB = path.join(root, 'b');
    mkdirSync(dirB, { recursive: true });

    // Laptop A: import and analyse; without a sign-in nothing can be sent.
    const a = await engineOn(dirA);
    const game = await a.call('games.create', { title: 'Shared', date: '2026-12-01', home: 'Home', away: 'Away' });
    const started = await a.call('videos.import', {
      gameId: game.id,
      path: path.join(fixtureMedia, 'people-2s-30fps.mp4'),
    });
    const video = (await a.done(started.jobId)) as Video;
    const { runId, jobId } = await a.call('analysis.start', { videoId: video.id, options: { ep: 'cpu', threads: 1 } });
    await a.done(jobId);
    await expect(a.call('videos.upload', { videoId: video.id })).rejects.toMatchObject({ kind: 'not-signed-in' });
    const whole = new Uint8Array(await a.call('detections.window', { runId, fromS: 0, toS: 600 }));
    const frames = decodeDetectionsWindow(whole.buffer).frames;
    expect(frames.length).toBeGreaterThan(30);
    expect(frames.some((f) => f.boxes.length > 0)).toBe(true);
    const perFrameA: Uint8Array[] = [];
    for (const f of frames)
      perFrameA.push(new Uint8Array(await a.call('detections.window', { runId, fromS: f.pts, toS: f.pts })));
    await a.engine.close();

    // A shares the game with the team; the row sync pushes game, video and run.
    const laptopA = await openLaptop({
      url: api.url,
      anonKey: api.anonKey,
      email: team.users[0]!.email,
      dbPath: path.join(dirA, 'library.sqlite'),
    });
    shareGame(laptopA.store, game.id, team.teamId);
    expect((await laptopA.sync.syncOnce()).error).toBeNull();
    laptopA.store.db.close();

    // A sends the video and the results object with the upload commands, signed in.
    const a2 = await engineOn(dirA, accessOf(laptopA));
    try {
      await a2.done((await a2.call('videos.upload', { videoId: video.id })).jobId);
      expect(await a2.call('videos.uploadStatus', { videoId: video.id })).toMatchObject({
        state: 'done',
        doneBytes: video.sizeBytes,
        totalBytes: video.sizeBytes,
        error: null,
        jobId: null,
      });
      const uploading = a2.progress.filter((p) => p.kind === 'upload' && p.stage === 'uploading');
      // The video's bytes to the end, then the results object's (its own total).
      expect(uploading.some((p) => p.done === video.sizeBytes && p.total === video.sizeBytes)).toBe(true);
      expect(uploading.at(-1)?.total).not.toBe(video.sizeBytes);
      // The run's results object went up with the video; asking again finds it stored already.
      const before = cloud.storage.proxy.requests.filter((r) => r.method === 'PUT').length;
      await a2.done((await a2.call('analysis.uploadResults', { runId })).jobId);
      expect(cloud.storage.proxy.requests.filter((r) => r.method === 'PUT').length).toBe(before);
    } finally {
      await a2.engine.close();
    }
    expect(
      cloud.storage.proxy.requests.filter((r) => r.method === 'PUT' && r.status === 200).length,
    ).toBeGreaterThanOrEqual(2);

    // Laptop B, another analyst of the team: the rows come with the sync, the bytes on request.
    const laptopB = await openLaptop({
      url: api.url,
      anonKey: api.anonKey,
      email: team.users[1]!.email,
      dbPath: path.join(dirB, 'library.sqlite'),
    });
    expect((await laptopB.sync.syncOnce()).error).toBeNull();
    laptopB.store.db.close();
    const b = await engineOn(dirB, accessOf(laptopB));
    try {
      const pulled = await b.call('videos.list', { gameId: game.id });
      expect(pulled).toMatchObject([{ id: video.id, sha256: video.sha256, path: '' }]);
      const got = (await b.done((await b.call('videos.download', { videoId: video.id })).jobId)) as Video;
      expect(got.path.startsWith(path.join(dirB, 'team-videos'))).toBe(true);
      expect(await sha256(got.path)).toBe(video.sha256);
      // The download brought the run's results object too (the run row came with the sync).
      expect(new Uint8Array(await b.call('detections.window', { runId, fromS: 0, toS: 600 }))).toEqual(whole);
      for (const [i, f] of frames.entries()) {
        expect(new Uint8Array(await b.call('detections.window', { runId, fromS: f.pts, toS: f.pts }))).toEqual(
          perFrameA[i],
        );
      }
      // Fetching it again on its own replaces the rows with the same ones.
      await b.done((await b.call('analysis.downloadResults', { runId })).jobId);
      expect(new Uint8Array(await b.call('detections.window', { runId, fromS: 0, toS: 600 }))).toEqual(whole);
      // The player is given the downloaded local file.
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
