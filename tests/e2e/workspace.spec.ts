import type { Locator, Page } from '@playwright/test';
import { fixture, test, expect } from './host-fixture.ts';
import { createGame } from './app-steps.ts';
import { layoutProblems } from './layout-check.ts';
import { shownFrameIndex } from './video-frame.ts';
import { TID } from '../../renderer/src/testids.ts';

/**
 * The analyst's workspace: one screen without page scroll at a laptop's 1366×768 and at
 * 1920×1080, with the video, the code window, the event list and the timeline all on it; a game
 * with two videos (periods) whose events show under their video and jump to their frame.
 * people-10s.mp4: 10 fps, 100 frames; people-2s-30fps.mp4: 30 fps, 60 frames.
 */

const REGIONS = [TID.videoElement, TID.codeWindow, TID.eventList, TID.timeline];

async function goToFrame(page: Page, frame: number) {
  await page.keyboard.press('g');
  await expect(page.getByTestId(TID.goToInput)).toBeFocused();
  await page.keyboard.type(`f${frame}`);
  await page.keyboard.press('Enter');
  await expect.poll(() => shownFrameIndex(page)).toBe(frame);
}

async function waitForPicture(page: Page) {
  const video = page.getByTestId(TID.videoElement);
  await expect.poll(() => video.evaluate((v) => (v as HTMLVideoElement).readyState)).toBeGreaterThanOrEqual(2);
}

const switchTo = (page: Page, fileName: string): Locator =>
  page.locator(`[data-testid="${TID.videoSwitch}"][data-video="${fileName}"]`);

test('one screen at 1366×768 and 1920×1080; two videos in a game, each event under its video', async ({
  page,
  host,
}, testInfo) => {
  test.setTimeout(180_000);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
  await shot('01-no-game-1366x768');
  await createGame(page, { title: 'RPI vs Union', home: 'RPI', away: 'Union' });
  for (const clip of ['people-10s.mp4', 'people-2s-30fps.mp4']) {
    await page.getByTestId(TID.importPath).fill(fixture(clip));
    await page.getByTestId(TID.importSubmit).click();
  }
  await expect(page.getByTestId(TID.videoItem)).toHaveCount(2);
  await expect(page.getByTestId(TID.videoSwitch)).toHaveCount(2);

  // Period 1: a hit at frame 60 (lead 3 s, lag 2 s → frames 30..80).
  await switchTo(page, 'people-10s.mp4').click();
  await waitForPicture(page);
  await page.getByTestId(TID.videoElement).focus();
  await goToFrame(page, 60);
  await page.keyboard.press('h');
  await expect(page.getByTestId(TID.eventRow)).toHaveCount(1);

  // Period 2: a hit at frame 30 (1 s; the lead clamps the start to frame 0).
  await switchTo(page, 'people-2s-30fps.mp4').click();
  await expect(switchTo(page, 'people-2s-30fps.mp4')).toHaveAttribute('aria-pressed', 'true');
  await waitForPicture(page);
  await page.getByTestId(TID.videoElement).focus();
  await goToFrame(page, 30);
  await page.keyboard.press('h');

  // The list shows the open video's events by default, each named by its video.
  const rows = page.getByTestId(TID.eventRow);
  await expect(rows).toHaveCount(1);
  await expect(rows).toHaveAttribute('data-video', 'people-2s-30fps.mp4');
  await expect(rows.getByTestId(TID.eventVideo)).toHaveText('people-2s-30fps.mp4');
  await expect(rows).toHaveAttribute('data-start-frame', '0');
  // One toggle for the whole game.
  await page.getByTestId(TID.eventScope).click();
  await expect(page.getByTestId(TID.eventScope)).toHaveAttribute('aria-pressed', 'true');
  await expect(rows).toHaveCount(2);
  const first = page.locator(`[data-testid="${TID.eventRow}"][data-video="people-10s.mp4"]`);
  await expect(first).toHaveAttribute('data-start-frame', '30');
  await expect(first.getByTestId(TID.eventVideo)).toHaveText('people-10s.mp4');
  await shot('02-two-videos-whole-game-1366x768');

  // Jumping to the other video's event opens that video at the event's first frame.
  await first.dblclick();
  await expect(switchTo(page, 'people-10s.mp4')).toHaveAttribute('aria-pressed', 'true');
  await waitForPicture(page);
  await expect.poll(() => shownFrameIndex(page)).toBe(30);
  await expect(page.getByTestId(TID.videoFrame)).toHaveText('frame 30');
  // And back, by keyboard: the period-2 event, Enter on its row.
  const second = page.locator(`[data-testid="${TID.eventRow}"][data-video="people-2s-30fps.mp4"]`);
  await second.focus();
  await page.keyboard.press('Enter');
  await expect(switchTo(page, 'people-2s-30fps.mp4')).toHaveAttribute('aria-pressed', 'true');
  await waitForPicture(page);
  await expect.poll(() => shownFrameIndex(page)).toBe(0);

  // The workspace fits the laptop screen: nothing scrolls, nothing of the four is cut off.
  await page.getByTestId(TID.videoElement).focus();
  expect(await layoutProblems(page, REGIONS)).toEqual([]);
  await shot('03-workspace-1366x768');

  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect.poll(() => layoutProblems(page, REGIONS)).toEqual([]);
  await shot('04-workspace-1920x1080');

  // And it scales up to a 1440p monitor the same way.
  await page.setViewportSize({ width: 2560, height: 1440 });
  await expect.poll(() => layoutProblems(page, REGIONS)).toEqual([]);
  await shot('05-workspace-2560x1440');
});
