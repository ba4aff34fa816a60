import { rmSync } from 'node:fs';
import { expect, startHost, stopHost, test } from './host-fixture.ts';
import { TID } from '../../renderer/src/testids.ts';

/**
 * An engine that stops answering is restarted and the analyst is told: the real browser host with
 * a real engine that the test-only busy loop freezes on "create game", and a 2 s heartbeat.
 */
test('a hung engine is restarted and the status bar says so, then clears', async ({ page }) => {
  const host = await startHost(undefined, {
    args: ['--heartbeat-timeout-s', '2'],
    env: { RINKSIDE_TEST_FREEZE_ON: 'games.create' },
  });
  try {
    await page.goto(host.url);
    await expect(page.getByTestId(TID.newGameSubmit)).toBeVisible();
    await page.getByTestId(TID.newGameTitle).fill('Frozen');
    await page.getByTestId(TID.newGameDate).fill('2026-11-24');
    await page.getByTestId(TID.newGameHome).fill('A');
    await page.getByTestId(TID.newGameAway).fill('B');
    // Everything the status bar shows, kept as it appears: the restart takes well under a second,
    // shorter than Playwright's later poll intervals, so a plain poll can miss the bar.
    await page.evaluate((testId) => {
      const seen: string[] = [];
      (window as unknown as { statusSeen: string[] }).statusSeen = seen;
      new MutationObserver(() => {
        const text = document.querySelector(`[data-testid="${testId}"]`)?.textContent;
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    }, TID.engineStatus);
    await page.getByTestId(TID.newGameSubmit).click();

    const bar = page.getByTestId(TID.engineStatus);
    const statusSeen = () => page.evaluate(() => (window as unknown as { statusSeen: string[] }).statusSeen.join('\n'));
    await expect.poll(statusSeen, { timeout: 30_000 }).toMatch(/restarting \(it stopped answering for \d+ s\)/);
    // The create that hung is answered with an error instead of waiting forever.
    await expect(page.getByTestId(TID.errorBanner)).toContainText(/engine stopped unexpectedly/, { timeout: 30_000 });
    // The new engine is up: the bar goes away and the library answers again.
    await expect(bar).toBeHidden({ timeout: 30_000 });
    await expect(page.getByTestId(TID.gameItem)).toHaveCount(0);
  } finally {
    await stopHost(host);
    rmSync(host.dataDir, { recursive: true, force: true });
  }
});
