// "Upload videos of shared games automatically" through a real engine signed in to the local
// cloud with its own team sync: off (the default), sharing sends rows and no bytes; on, the
// video goes up once the sync has put the game on the team cloud, and so does a video imported
// into the shared game later. The real gateway (a Node process) and fauxqs behind the logging proxy.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandArgs, CommandName, CommandResult } from '../../../electron/contract/commands.ts';
import type { Video } from '../../../electron/contract/domain.ts';
import type { JobFinished } from '../../../electron/contract/events.ts';
import { validateCommand } from '../../../electron/contract/invoke.ts';
import { createEngine } from '../../../electron/engine/engine.ts';
import { fixtureMedia } from '../../../electron/engine/handlers/engine-harness.test-helper.ts';
import { silentLogger } from '../../../electron/engine/log.ts';
import { testEngineConfig } from '../../../electron/engine/process/engine-config.test-helper.ts';
import { GATEWAY_URL_ENV } from '../../../electron/engine/sync/team-storage-access.ts';
import { startLocalApi, type LocalApi } from '../api/server.ts';
import { startStorageCloud, type StorageCloud } from '../storage/index.ts';
import { PASSWORD, makeTeamOf, ownerConnection } from '../sync/sync-world.ts';

let root = '';
let api: LocalApi;
let cloud: StorageCloud;
let team: { teamId: string; users: { id: string; email: string }[] };
const gatewayBefore = process.env[GATEWAY_URL_ENV];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'rinkside-auto-upload-'));
  api = await startLocalApi();
  cloud = await startStorageCloud(api, { runtime: 'node' });
  // The engine finds the local gateway as the app does when its address is set apart from the project.
  process.env[GATEWAY_URL_ENV] = cloud.gateway.url;
  const owner = await ownerConnection();
  try {
    team = await makeTeamOf(owner, 'auto', 1);
  } finally {
    await owner.end();
  }
});
afterAll(async () => {
  if (gatewayBefore === undefined) delete process.env[GATEWAY_URL_ENV];
  else process.env[GATEWAY_URL_ENV] = gatewayBefore;
  await cloud?.stop();
  await api?.stop();
  await rm(root, { recursive: true, force: true });
});

async function signedInEngine(dataDir: string) {
  const finished: JobFinished[] = [];
  const engine = await createEngine({
    config: { ...testEngineConfig(dataDir), sessionStore: 'memory' },
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
  const done = async (jobId: string): Promise<unknown> => {
    for (;;) {
      const found = finished.find((f) => f.jobId === jobId);
      if (found?.outcome === 'done') return found.result;
      if (found) throw new Error(JSON.stringify(found));
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  await call('sync.configure', { url: api.url, anonKey: api.anonKey });
  const status = await call('sync.signIn', { email: team.users[0]!.email, password: PASSWORD });
  expect(status.account?.email).toBe(team.users[0]!.email);
  return { engine, call, done, finished };
}

const partPuts = () => cloud.storage.proxy.requests.filter((r) => r.method === 'PUT' && r.partNumber !== null).length;

describe('uploading the videos of shared games automatically', () => {
  it('is off by default (sharing sends no bytes); on, a shared game’s videos go up after the sync', async () => {
    const laptop = await signedInEngine(path.join(root, 'laptop'));
    const { call, done } = laptop;
    try {
      expect(await call('videos.autoUploadSetting', {})).toEqual({ enabled: false });
      const game = await call('games.create', { title: 'Auto', date: '2026-12-01', home: 'Home', away: 'Away' });
      const first = (await done(
        (await call('videos.import', { gameId: game.id, path: path.join(fixtureMedia, 'people-2s-30fps.mp4') })).jobId,
      )) as Video;

      // Off: the game is shared and synced, and nothing goes to the storage.
      const putsBefore = partPuts();
      await call('sync.shareGame', { gameId: game.id, teamId: team.teamId });
      const synced = await call('sync.retry', {});
      expect(synced.problem).toBeNull();
      expect(synced.state).toBe('synced');
      await new Promise((r) => setTimeout(r, 500));
      expect(await call('videos.uploadStatus', { videoId: first.id })).toBeNull();
      expect(laptop.finished.filter((f) => f.kind === 'upload')).toEqual([]);
      expect(partPuts()).toBe(putsBefore);

      // On: the shared, synced video goes up at once (it is on the team cloud already).
      expect(await call('videos.setAutoUpload', { enabled: true })).toEqual({ enabled: true });
      expect(await call('videos.autoUploadSetting', {})).toEqual({ enabled: true });
      await expect
        .poll(() => call('videos.uploadStatus', { videoId: first.id }), { timeout: 30_000 })
        .toMatchObject({
          state: 'done',
          doneBytes: first.sizeBytes,
        });
      expect(partPuts()).toBeGreaterThan(putsBefore);

      // A video imported into the shared game later goes up after its row has been synced.
      const second = (await done(
        (await call('videos.import', { gameId: game.id, path: path.join(fixtureMedia, 'people-10s.mp4') })).jobId,
      )) as Video;
      await expect
        .poll(() => call('videos.uploadStatus', { videoId: second.id }), { timeout: 30_000 })
        .toMatchObject({
          state: 'done',
          doneBytes: second.sizeBytes,
        });
      expect(laptop.finished.filter((f) => f.kind === 'upload' && f.outcome === 'done')).toHaveLength(2);
    } finally {
      await laptop.engine.close();
    }
  });

  it('never sends a video of a game that is not shared, even when on', async () => {
    const laptop = await signedInEngine(path.join(root, 'own'));
    const { call, done } = laptop;
    try {
      await call('videos.setAutoUpload', { enabled: true });
      const game = await call('games.create', { title: 'Mine', date: '2026-12-01', home: 'Home', away: 'Away' });
      const video = (await done(
        (await call('videos.import', { gameId: game.id, path: path.join(fixtureMedia, 'people-2s-30fps.mp4') })).jobId,
      )) as Video;
      expect((await call('sync.retry', {})).problem).toBeNull();
      await new Promise((r) => setTimeout(r, 500));
      expect(await call('videos.uploadStatus', { videoId: video.id })).toBeNull();
      expect(laptop.finished.filter((f) => f.kind === 'upload')).toEqual([]);
    } finally {
      await laptop.engine.close();
    }
  });
});
