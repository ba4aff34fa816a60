import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { fixture, test, expect } from './host-fixture.ts';
import { shownFrameIndex } from './video-frame.ts';
import { TID } from '../../renderer/src/testids.ts';

/**
 * Keyboard only, from an empty library to an exported clip: the panel keys bring each panel
 * forward, Tab walks inside it, focus is always visible. No click, no fill.
 * people-10s.mp4: 10 fps, 100 frames, frame k at k/10 s.
 */

/** Tab (never a click) until the control with this test id has focus. */
async function tabTo(page: Page, testId: string) {
  for (let i = 0; i < 60; i++) {
    if ((await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) === testId) break;
    await page.keyboard.press('Tab');
  }
  await expect(page.getByTestId(testId)).toBeFocused();
  await expectFocusVisible(page);
}

/** What has focus shows it: :focus-visible and a real outline. */
async function expectFocusVisible(page: Page) {
  const ring = await page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    return { visible: element.matches(':focus-visible'), style: style.outlineStyle, width: style.outlineWidth };
  });
  expect(ring).not.toBeNull();
  expect(ring?.visible).toBe(true);
  expect(ring?.style).not.toBe('none');
  expect(parseFloat(ring?.width ?? '0')).toBeGreaterThanOrEqual(2);
}

async function goToFrame(page: Page, frame: number) {
  await page.keyboard.press('g');
  await expect(page.getByTestId(TID.goToInput)).toBeFocused();
  await page.keyboard.type(`f${frame}`);
  await page.keyboard.press('Enter');
  await expect.poll(() => shownFrameIndex(page)).toBe(frame);
}

const row = (page: Page) => page.getByTestId(TID.eventRow);

test('keyboard only: a game, import, analyse, tag, edit, jump and export', async ({ page, host }, testInfo) => {
  test.setTimeout(300_000);
  const out = mkdtempSync(join(tmpdir(), 'rinkside-keyboard-e2e-'));
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  try {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(host.url);

    // ? lists every key, from the one keymap; Esc closes it.
    await page.keyboard.press('?');
    const help = page.getByTestId(TID.keyHelp);
    await expect(help).toBeVisible();
    for (const key of ['Space', 'Shift+H', 'Ctrl+Z', 'Alt+L', 'Alt+V', 'Alt+[', 'Alt+1', '?']) {
      await expect(help.locator('kbd', { hasText: key }).first()).toBeVisible();
    }
    await expect(help.getByRole('region', { name: 'Panels' })).toBeVisible();
    await shot('01-keys');
    await page.keyboard.press('Escape');
    await expect(help).toHaveCount(0);

    // A game: Alt+L (library), Tab to the form, type, Enter.
    await page.keyboard.press('Alt+l');
    await tabTo(page, TID.newGameTitle);
    await page.keyboard.type('Keyboard game');
    await tabTo(page, TID.newGameHome);
    await page.keyboard.type('RPI');
    await tabTo(page, TID.newGameAway);
    await page.keyboard.type('Union');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId(TID.gameItem)).toHaveAttribute('class', /selected/);

    // Import by its path, open it.
    await page.keyboard.press('Alt+l');
    await tabTo(page, TID.importPath);
    await page.keyboard.type(fixture('people-10s.mp4'));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId(TID.videoItem)).toHaveCount(1);
    await tabTo(page, TID.videoItem);
    await page.keyboard.press('Enter');
    const video = page.getByTestId(TID.videoElement);
    await expect.poll(() => video.evaluate((v) => (v as HTMLVideoElement).readyState)).toBeGreaterThanOrEqual(2);

    // Analyse: Alt+A, Tab to Analyse, Enter.
    await page.keyboard.press('Alt+a');
    await tabTo(page, TID.analysisStart);
    await page.keyboard.press('Enter');
    const run = page.getByTestId(TID.analysisRun);
    await expect(run).toHaveAttribute('data-status', 'done', { timeout: 150_000 });

    // Tag: Alt+V lands on the picture; go to frame 60, H tags a hit (lead 3 s, lag 2 s → 30..80).
    await page.keyboard.press('Alt+v');
    await expect(video).toBeFocused();
    await expectFocusVisible(page);
    await goToFrame(page, 60);
    await page.keyboard.press('h');
    await expect(row(page)).toHaveCount(1);
    await expect(row(page)).toHaveAttribute('data-start-frame', '30');

    // Edit: } moves the end a frame, 2 sets period 2, Shift+H the home team, and the screen says so.
    await page.keyboard.press('}');
    await expect(row(page)).toHaveAttribute('data-end-frame', '81');
    await page.keyboard.press('2');
    await expect(row(page)).toHaveAttribute('data-period', '2');
    await page.keyboard.press('Shift+H');
    await expect(row(page)).toHaveAttribute('data-team', 'home');
    await expect(page.getByTestId(TID.teamKeyNotice)).toContainText('RPI');
    await expect(page.getByTestId(TID.teamKeyNotice)).toContainText('hit');

    // Jump: somewhere else, then Alt+E to the events, Enter on the event's row.
    await goToFrame(page, 5);
    await page.keyboard.press('Alt+e');
    await expect(row(page)).toBeFocused();
    await expectFocusVisible(page);
    await page.keyboard.press('Enter');
    await expect.poll(() => shownFrameIndex(page)).toBe(30);
    await shot('02-tagged-and-jumped');

    // Export: Alt+X, Tab to the folder, type it, Tab to Export, Enter; then Reveal.
    await page.keyboard.press('Alt+x');
    await tabTo(page, TID.exportDir);
    await page.keyboard.type(out);
    await tabTo(page, TID.exportStart);
    await expect(page.getByTestId(TID.exportStart)).toHaveText('Export 1');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId(TID.exportSavedTo)).toHaveText(`saved to ${out}`, { timeout: 90_000 });
    expect(readdirSync(out).filter((f) => f.endsWith('.mp4'))).toHaveLength(1);
    await tabTo(page, TID.exportReveal);
    await page.keyboard.press('Enter');
    // A browser tab cannot open the file manager: it shows where the file is instead.
    await expect(page.getByTestId(TID.exportMessage)).toContainText(out);
    await shot('03-exported');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
