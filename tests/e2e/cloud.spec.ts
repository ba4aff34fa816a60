import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { SupabaseClient } from '@supabase/supabase-js';
import { startLocalApi, type LocalApi } from '../cloud/api/server.ts';
import { PASSWORD, addToTeam, newAnalyst, newTeam } from '../cloud/sync/cloud-users.ts';
import { TID } from '../../renderer/src/testids.ts';
import { createGame, importAndOpen, openSideTab } from './app-steps.ts';
import { shownFrameIndex } from './video-frame.ts';
import { expect, startHost, stopHost, test, type RunningHost } from './host-fixture.ts';

/**
 * The Cloud panel against the local cloud (real PostgreSQL with the real migrations and RLS,
 * the PostgREST and GoTrue stand-ins, the real supabase-js in the engine): sign in, share a game,
 * see it synced, a teammate's event (written as a second user with supabase-js) appears in the
 * open game without a reload, and with the API stopped the panel says so and Retry recovers.
 */

let api: LocalApi;
let apiRunning = false;
let port: number;

test.beforeAll(async () => {
  // HS256 tokens: signed with the project's fixed secret, so they stay valid when the API restarts.
  api = await startLocalApi({ signingAlg: 'HS256' });
  apiRunning = true;
  port = Number(new URL(api.url).port);
});
test.afterAll(async () => {
  if (apiRunning) await api.stop();
});

async function openCloud(page: Page) {
  // Keyboard first: Alt+S brings the Cloud tab forward.
  await page.keyboard.press('Alt+s');
  await expect(page.getByTestId(TID.cloudPanel)).toBeVisible();
}

/** The sync line under our game in the game list. */
const gameSync = (page: Page) =>
  page.locator(`[data-testid="${TID.gameItem}"]`, { hasText: 'Hawks vs Owls' }).getByTestId(TID.gameSync);

test('sign in, share a game, synced; a teammate’s event appears live; API down → offline with Retry that recovers', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  const analyst = await newAnalyst(api, 'analyst');
  const teammate = await newAnalyst(api, 'teammate');
  const teamName = `Hawks ${randomUUID().slice(0, 4)}`;
  const teamId = await newTeam(analyst.client, teamName);
  await newTeam(analyst.client, `Owls ${randomUUID().slice(0, 4)}`);
  await addToTeam(analyst.client, teamId, teammate.email);

  let host: RunningHost | null = await startHost(undefined, {
    env: { RINKSIDE_SUPABASE_URL: api.url, RINKSIDE_SUPABASE_ANON_KEY: api.anonKey, RINKSIDE_SYNC_POLL_S: '2' },
  });
  try {
    await page.goto(host.url);
    await openCloud(page);
    await expect(page.getByTestId(TID.cloudStatus)).toHaveAttribute('data-state', 'signed-out');
    await expect(page.getByTestId(TID.cloudProject)).toContainText(api.url);

    // A wrong password is said next to the form, and nothing is signed in.
    await page.getByTestId(TID.cloudEmail).fill(analyst.email);
    await page.getByTestId(TID.cloudPassword).fill('not the password');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId(TID.cloudError)).toContainText('Wrong email or password');
    await page.getByTestId(TID.cloudPassword).fill(PASSWORD);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId(TID.cloudAccount)).toHaveText(analyst.email);
    await expect(page.getByTestId(TID.cloudTeam)).toHaveCount(2);
    await expect(page.getByTestId(TID.cloudStatus)).toHaveAttribute('data-state', 'synced');
    await shot('cloud-signed-in');

    // A game made here is the analyst's own: no sync status until it is shared.
    await openSideTab(page, 'library');
    await createGame(page, { title: 'Hawks vs Owls', home: 'Hawks', away: 'Owls' });
    await importAndOpen(page, 'people-10s.mp4');
    await expect(gameSync(page)).toHaveCount(0);
    // Tagging needs the picture's frame: once it plays, go to one (G, f5, Enter) as the analyst would.
    const video = page.getByTestId(TID.videoElement);
    await expect.poll(() => video.evaluate((v) => (v as HTMLVideoElement).readyState)).toBeGreaterThanOrEqual(2);
    await expect(page.getByTestId(TID.codeButton)).toHaveCount(15);
    await video.focus();
    await page.keyboard.press('g');
    await expect(page.getByTestId(TID.goToInput)).toBeFocused();
    await page.keyboard.type('f5');
    await page.keyboard.press('Enter');
    await expect.poll(() => shownFrameIndex(page)).toBe(5);
    await page.keyboard.press('s'); // tag a shot
    await expect(page.getByTestId(TID.eventRow)).toHaveCount(1);

    // Two teams: the analyst picks which one sees the game.
    await page.getByTestId(TID.shareOpen).click();
    await expect(page.getByTestId(TID.shareTeam)).toBeFocused();
    await page.getByTestId(TID.shareTeam).selectOption({ label: teamName });
    await page.getByTestId(TID.shareSubmit).click();
    await expect(page.getByTestId(TID.shareShared)).toContainText(teamName);
    await expect(gameSync(page)).toHaveAttribute('data-state', 'synced');
    await expect(gameSync(page)).toContainText(/^synced \d/);
    await shot('game-shared-synced');

    // The teammate, on their own laptop (here: supabase-js as that user), tags a goal in the game.
    const goalAt = 4.2;
    await teammateTagsGoal(teammate.client, teamId, goalAt);
    await expect(page.locator(`[data-testid="${TID.eventRow}"][data-code="goal"]`)).toHaveCount(1, {
      timeout: 20_000,
    });
    await expect(page.getByTestId(TID.eventRow)).toHaveCount(2);

    // A game the teammate shared with the team shows up in the list, marked as theirs.
    await teammateSharesGame(teammate.client, teamId, 'Hawks at Eagles');
    const theirs = page.locator(`[data-testid="${TID.gameItem}"]`, { hasText: 'Hawks at Eagles' });
    await expect(theirs.getByTestId(TID.gameFromTeammate)).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId(TID.gameFromTeammate)).toHaveCount(1);
    await shot('teammate-game-listed');

    // The team cloud goes away: the change waits, the panel says offline with the reason and Retry.
    await api.stop();
    apiRunning = false;
    await page.keyboard.press('h'); // a hit, tagged while the cloud is down
    await expect(page.getByTestId(TID.eventRow)).toHaveCount(3);
    await openCloud(page);
    await expect(page.getByTestId(TID.cloudStatus)).toHaveAttribute('data-state', 'offline', { timeout: 20_000 });
    await expect(page.getByTestId(TID.cloudStatus)).toContainText(/1 change waiting/);
    await expect(page.getByTestId(TID.cloudProblem)).toContainText('cannot be reached');
    await expect(gameSync(page)).toHaveAttribute('data-state', 'offline');
    await shot('cloud-offline');
    await page.getByTestId(TID.cloudRetry).click();
    await expect(page.getByTestId(TID.cloudStatus)).toHaveAttribute('data-state', 'offline');

    // Back up on the same address: Retry syncs at once (not after the backoff) and the hit reaches the team.
    api = await startLocalApi({ signingAlg: 'HS256', port });
    apiRunning = true;
    await page.getByTestId(TID.cloudRetry).click();
    await expect(page.getByTestId(TID.cloudStatus)).toHaveAttribute('data-state', 'synced');
    await expect(gameSync(page)).toHaveAttribute('data-state', 'synced');
    await shot('cloud-recovered');
    const { data: hits, error } = await teammate.client.from('events').select('id').eq('code_name', 'hit');
    expect(error).toBeNull();
    expect(hits).toHaveLength(1);

    // Sign out: the session is forgotten; the shared game stays in the library.
    await page.getByTestId(TID.cloudSignOut).click();
    await expect(page.getByTestId(TID.cloudStatus)).toHaveAttribute('data-state', 'signed-out');
    await expect(page.getByTestId(TID.gameItem)).toHaveCount(2);
  } finally {
    if (host) {
      await stopHost(host);
      rmSync(host.dataDir, { recursive: true, force: true });
      host = null;
    }
  }
});

/** A game made on the teammate's laptop and shared with the team. */
async function teammateSharesGame(client: SupabaseClient, teamId: string, title: string): Promise<void> {
  const now = new Date().toISOString();
  const { error } = await client.from('games').insert({
    id: randomUUID(),
    team_id: teamId,
    title,
    date: '2026-11-30',
    home: 'Hawks',
    away: 'Eagles',
    created_at: now,
    updated_at: now,
    device_id: 'teammate-laptop',
    deleted: false,
  });
  expect(error).toBeNull();
}

/** A goal event in the team's game, written as the teammate: the row any Rinkside would push. */
async function teammateTagsGoal(client: SupabaseClient, teamId: string, atS: number): Promise<void> {
  const { data: games } = await client.from('games').select('id').eq('team_id', teamId).eq('title', 'Hawks vs Owls');
  expect(games).toHaveLength(1);
  const gameId = (games as { id: string }[])[0]!.id;
  const { data: videos } = await client.from('videos').select('id').eq('game_id', gameId);
  expect(videos).toHaveLength(1);
  const { data: codes } = await client.from('codes').select('id').eq('name', 'goal').is('team_id', null);
  const now = new Date().toISOString();
  const { error } = await client.from('events').insert({
    id: randomUUID(),
    game_id: gameId,
    video_id: (videos as { id: string }[])[0]!.id,
    code_id: (codes as { id: string }[])[0]!.id,
    code_name: 'goal',
    start_s: atS - 2,
    end_s: atS + 1,
    start_frame: Math.round((atS - 2) * 10),
    end_frame: Math.round((atS + 1) * 10),
    descriptors_json: { period: '1', team: 'home' },
    note: 'teammate',
    created_at: now,
    updated_at: now,
    device_id: 'teammate-laptop',
    deleted: false,
  });
  expect(error).toBeNull();
}
