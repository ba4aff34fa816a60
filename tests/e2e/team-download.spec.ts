import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CommandArgs, CommandName, CommandResult } from '../../electron/contract/commands.ts';
import type { Video } from '../../electron/contract/domain.ts';
import type { JobFinished } from '../../electron/contract/events.ts';
import { validateCommand } from '../../electron/contract/invoke.ts';
import { createEngine } from '../../electron/engine/engine.ts';
import { silentLogger } from '../../electron/engine/log.ts';
import { testEngineConfig } from '../../electron/engine/process/engine-config.test-helper.ts';
import { shareGame } from '../../electron/engine/store/sharing.ts';
import { startLocalApi, type LocalApi } from '../cloud/api/server.ts';
import { startStorageCloud, type StorageCloud } from '../cloud/storage/index.ts';
import { PASSWORD, makeTeamOf, openLaptop, ownerConnection } from '../cloud/sync/sync-world.ts';
import { TID } from '../../renderer/src/testids.ts';
import { openSideTab } from './app-steps.ts';
import { expect, fixture, startHost, stopHost, test, type RunningHost } from './host-fixture.ts';

/**
 * A teammate's game in Chromium: another laptop (here, in the test process, the same real engine,
 * row sync and gateway client the cloud tests use) analyses a clip, shares the game and uploads
 * the video with its results object through the real gateway to fauxqs. The host's analyst, a
 * member of the team, sees the game, clicks "Download from the team", watches the progress, and
 * then plays the local copy with the teammate's boxes drawn over it.
 */

let api: LocalApi;
let cloud: StorageCloud;
let root = '';

test.beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'rinkside-e2e-download-'));
  api = await startLocalApi({ signingAlg: 'HS256' });
  cloud = await startStorageCloud(api, { runtime: 'node' });
});
test.afterAll(async () => {
  await cloud?.stop();
  await api?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

/** The teammate's laptop: analyse, share and upload, as their app would. */
async function teammateSharesAnalysedGame(email: string, teamId: string) {
  const dataDir = path.join(root, 'teammate');
  const laptop = await openLaptop({ url: api.url, anonKey: api.anonKey, email, dbPath: path.join(root, 'pre.sqlite') });
  laptop.store.db.close();
  const finished: JobFinished[] = [];
  const engine = await createEngine({
    config: testEngineConfig(dataDir),
    log: silentLogger,
    emit: (name, payload) => {
      if (name === 'job.finished') finished.push(payload as JobFinished);
    },
    teamStorage: {
      gatewayUrl: () => cloud.gateway.url,
      accessToken: async () => (await laptop.client.auth.getSession()).data.session?.access_token ?? null,
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
  try {
    const game = await call('games.create', {
      title: 'Hawks at Eagles',
      date: '2026-12-01',
      home: 'Hawks',
      away: 'Eagles',
    });
    const imported = await call('videos.import', { gameId: game.id, path: fixture('people-2s-30fps.mp4') });
    const video = (await done(imported.jobId)) as Video;
    const run = await call('analysis.start', { videoId: video.id, options: { ep: 'cpu', threads: 1 } });
    await done(run.jobId);
    // Share through the row sync on the same library file, then send the bytes.
    const sharing = await openLaptop({
      url: api.url,
      anonKey: api.anonKey,
      email,
      dbPath: path.join(dataDir, 'library.sqlite'),
    });
    try {
      shareGame(sharing.store, game.id, teamId);
      const pushed = await sharing.sync.syncOnce();
      if (pushed.error) throw new Error(`sync: ${JSON.stringify(pushed.error)}`);
    } finally {
      sharing.store.db.close();
    }
    await done((await call('videos.upload', { videoId: video.id })).jobId);
    return { video, runId: run.runId };
  } finally {
    await engine.close();
  }
}

test('a teammate’s shared game: Download from the team, progress, then it plays here with their boxes', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  const owner = await ownerConnection();
  let team: Awaited<ReturnType<typeof makeTeamOf>>;
  try {
    team = await makeTeamOf(owner, 'e2edl', 2);
  } finally {
    await owner.end();
  }
  const { video } = await teammateSharesAnalysedGame(team.users[0]!.email, team.teamId);

  let host: RunningHost | null = await startHost(undefined, {
    env: {
      RINKSIDE_SUPABASE_URL: api.url,
      RINKSIDE_SUPABASE_ANON_KEY: api.anonKey,
      RINKSIDE_GATEWAY_URL: cloud.gateway.url,
      RINKSIDE_SYNC_POLL_S: '2',
    },
  });
  try {
    await page.goto(host.url);
    await page.keyboard.press('Alt+s');
    await page.getByTestId(TID.cloudEmail).fill(team.users[1]!.email);
    await page.getByTestId(TID.cloudPassword).fill(PASSWORD);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId(TID.cloudAccount)).toHaveText(team.users[1]!.email);
    // Automatic uploads are off until ticked; ticked here, a teammate's video must still not go back up.
    const auto = page.getByTestId(TID.cloudAutoUpload);
    await expect(auto).not.toBeChecked();
    await expect(auto).toBeEnabled();
    await auto.check();
    await expect(auto).toBeChecked();
    await shot('cloud-auto-upload-on');

    // The teammate's game arrives with the sync, marked as theirs; its video has no file here.
    await openSideTab(page, 'library');
    const theirs = page.locator(`[data-testid="${TID.gameItem}"]`, { hasText: 'Hawks at Eagles' });
    await expect(theirs.getByTestId(TID.gameFromTeammate)).toBeVisible({ timeout: 30_000 });
    await theirs.click();
    const transfer = page.getByTestId(TID.teamUpload);
    await expect(transfer).toHaveAttribute('data-state', 'remote');
    await expect(page.getByTestId(TID.teamUploadText)).toContainText("On a teammate's laptop");
    await shot('download-offered');

    // The clip is small and the line brief: every text the transfer line shows is kept as it passes.
    await page.evaluate((id) => {
      const seen: string[] = [];
      (window as unknown as { seenTransfer: string[] }).seenTransfer = seen;
      new MutationObserver(() => {
        const text = document.querySelector(`[data-testid="${id}"]`)?.textContent;
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    }, TID.teamUploadText);
    const putsBefore = cloud.storage.proxy.requests.filter((r) => r.method === 'PUT').length;
    await page.getByTestId(TID.teamDownloadStart).click();
    // Downloaded: the video has its file here, so the line offers what a local video offers.
    await expect(transfer).toHaveAttribute('data-state', /none|done/, { timeout: 60_000 });
    const seen = await page.evaluate(() => (window as unknown as { seenTransfer: string[] }).seenTransfer);
    expect(seen.some((t) => /^Downloading from the team: (…|\d+%)/.test(t))).toBe(true);
    await shot('downloaded');

    // The local copy plays with the teammate's analysis drawn over it.
    await page.getByTestId(TID.videoItem).click();
    const player = page.getByTestId(TID.videoElement);
    await expect.poll(() => player.evaluate((v) => (v as HTMLVideoElement).readyState)).toBeGreaterThanOrEqual(2);
    expect(await player.evaluate((v) => (v as HTMLVideoElement).duration)).toBeCloseTo(video.probe.durationS, 1);
    await expect(page.getByTestId(TID.overlayCanvas)).toHaveAttribute('data-boxes', /^[1-9]/, { timeout: 30_000 });
    await shot('teammate-boxes');

    // Two sync polls later, the downloaded copy has not been sent again (it is the teammate's).
    await page.waitForTimeout(5_000);
    await expect(transfer).toHaveAttribute('data-state', 'none');
    expect(cloud.storage.proxy.requests.filter((r) => r.method === 'PUT').length).toBe(putsBefore);
  } finally {
    if (host) await stopHost(host);
    host = null;
  }
});
