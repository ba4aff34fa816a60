import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { startLocalApi, type LocalApi } from '../cloud/api/server.ts';
import { startStorageCloud, type StorageCloud } from '../cloud/storage/index.ts';
import { PASSWORD, newAnalyst, newTeam } from '../cloud/sync/cloud-users.ts';
import { TID } from '../../renderer/src/testids.ts';
import { createGame, importAndOpen, openSideTab } from './app-steps.ts';
import { expect, startHost, stopHost, test, type RunningHost } from './host-fixture.ts';

/**
 * "Upload to the team" in Chromium against the local cloud: the engine signed in through the
 * Cloud panel, the real gateway (a Node process) checking the token and the video's team, and
 * fauxqs behind the logging proxy. A video of a game not shared yet is refused (shown with
 * Retry); once shared, the upload runs under a bandwidth limit with n %, speed and ETA, pauses,
 * resumes and ends on the team's storage.
 */

let api: LocalApi;
let cloud: StorageCloud;

test.beforeAll(async () => {
  api = await startLocalApi({ signingAlg: 'HS256' });
  cloud = await startStorageCloud(api, { runtime: 'node' });
});
test.afterAll(async () => {
  await cloud?.stop();
  await api?.stop();
});

const upload = (page: Page) => page.getByTestId(TID.teamUpload);
const uploadText = (page: Page) => page.getByTestId(TID.teamUploadText);

test('upload a video to the team: refused before sharing, then progress, pause, resume, stored', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  const analyst = await newAnalyst(api, 'uploader');
  const teamName = `Hawks ${randomUUID().slice(0, 4)}`;
  await newTeam(analyst.client, teamName);

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
    await page.getByTestId(TID.cloudEmail).fill(analyst.email);
    await page.getByTestId(TID.cloudPassword).fill(PASSWORD);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId(TID.cloudAccount)).toHaveText(analyst.email);

    await openSideTab(page, 'library');
    await createGame(page, { title: 'Hawks vs Owls', home: 'Hawks', away: 'Owls' });
    await importAndOpen(page, 'people-10s.mp4');
    await expect(upload(page)).toHaveAttribute('data-state', 'none');

    // Not shared yet: the team cloud has no such video, so the gateway refuses; Retry is offered.
    await page.getByTestId(TID.teamUploadStart).click();
    await expect(upload(page)).toHaveAttribute('data-state', 'failed');
    await expect(uploadText(page)).toContainText('Upload stopped at 0%');
    await expect(page.getByTestId(TID.teamUploadStart)).toHaveText('Retry');
    await shot('upload-refused');

    await page.getByTestId(TID.shareOpen).click();
    await page.getByTestId(TID.shareTeam).selectOption({ label: teamName });
    await page.getByTestId(TID.shareSubmit).click();
    await expect(page.getByTestId(TID.shareShared)).toContainText(teamName);

    // Shared: Retry under a 2 Mbit/s limit (the 1.5 MB clip takes about 6 s), with progress.
    await page.getByTestId(TID.teamUploadLimit).fill('2');
    await page.getByTestId(TID.teamUploadStart).click();
    await expect(upload(page)).toHaveAttribute('data-state', 'running');
    await expect(uploadText(page)).toContainText(/Uploading to the team: \d+% · [\d.]+ (KB|MB)\/s · ETA \d/, {
      timeout: 20_000,
    });
    await shot('upload-running');
    await page.getByTestId(TID.teamUploadPause).click();
    await expect(upload(page)).toHaveAttribute('data-state', 'paused');
    await expect(uploadText(page)).toContainText(/Upload paused at \d+% of 1\.5 MB/);
    await expect(page.getByTestId(TID.teamUploadStart)).toHaveText('Resume');

    await page.getByTestId(TID.teamUploadLimit).fill('');
    await page.getByTestId(TID.teamUploadStart).click();
    await expect(upload(page)).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    await expect(uploadText(page)).toHaveText("On the team's storage (1.5 MB)");
    await shot('upload-done');
    // The storage got the part and the upload was completed there.
    expect(cloud.storage.proxy.requests.some((r) => r.method === 'PUT' && r.partNumber === 1 && r.status === 200)).toBe(
      true,
    );
    expect(
      cloud.storage.proxy.requests.some((r) => r.method === 'POST' && r.uploadId !== null && r.status === 200),
    ).toBe(true);
  } finally {
    if (host) await stopHost(host);
    host = null;
  }
});
