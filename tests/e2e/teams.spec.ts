import type { Page } from '@playwright/test';
import { test, expect } from './host-fixture.ts';
import { createGame, importAndOpen, openSideTab } from './app-steps.ts';
import { TID } from '../../renderer/src/testids.ts';

/**
 * Teams by jersey through the real host: the real analysis of teams-rink.mp4 (real people in red
 * and navy jerseys and an official's stripes), the overlay drawn in the measured jersey colours,
 * the home jersey picked once, one track corrected and the correction undone.
 */

/** Overlay pixels within a small distance of a #rrggbb colour (outlines and label backgrounds). */
async function pixelsOf(page: Page, hex: string): Promise<number> {
  return page.getByTestId(TID.overlayCanvas).evaluate((element, hex) => {
    const canvas = element as HTMLCanvasElement;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    let n = 0;
    for (let p = 0; p < data.length; p += 4) {
      if (data[p + 3]! < 200) continue;
      if (Math.abs(data[p]! - want[0]!) + Math.abs(data[p + 1]! - want[1]!) + Math.abs(data[p + 2]! - want[2]!) < 12)
        n += 1;
    }
    return n;
  }, hex);
}

const swatchColour = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .locator('.swatch')
    .evaluate((el) => {
      const [r, g, b] = getComputedStyle(el).backgroundColor.match(/\d+/g)!.map(Number);
      return '#' + [r, g, b].map((v) => v!.toString(16).padStart(2, '0')).join('');
    });

test('analyse, see team colours, pick the home jersey, correct a track and undo it', async ({ page, host }, info) => {
  test.setTimeout(240_000);
  const shot = (name: string) => page.screenshot({ path: info.outputPath(`${name}.png`) });
  await page.goto(host.url);
  await createGame(page, { title: 'Teams', home: 'Reds', away: 'Navies' });
  await importAndOpen(page, 'teams-rink.mp4');
  await openSideTab(page, 'analysis');
  await page.getByTestId(TID.analysisStart).click();
  await expect(page.getByTestId(TID.analysisRun)).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await expect(page.getByTestId(TID.overlayCanvas)).toHaveAttribute('data-boxes', /^[1-9]/);

  // Two jersey clusters with their measured colours, and the official apart (the roster tab).
  await openSideTab(page, 'roster');
  const teamA = page.getByTestId(`${TID.jerseyHome}-team-a`);
  const teamB = page.getByTestId(`${TID.jerseyHome}-team-b`);
  await expect(teamA).toBeVisible();
  await expect(teamB).toBeVisible();
  await expect(page.getByTestId(`${TID.jerseyTracks}-official`)).toBeVisible();
  const colourA = await swatchColour(page, `${TID.jerseyHome}-team-a`);
  const colourB = await swatchColour(page, `${TID.jerseyHome}-team-b`);
  expect(colourA).not.toBe(colourB);
  // The overlay draws both teams in those colours.
  await expect.poll(() => pixelsOf(page, colourA)).toBeGreaterThan(50);
  await expect.poll(() => pixelsOf(page, colourB)).toBeGreaterThan(50);
  await shot('teams-01-colours');
  await page.getByTestId(TID.videoPlayer).screenshot({ path: info.outputPath('teams-01-overlay.png') });

  // Home is one click; the buttons then name the teams.
  await teamB.click();
  await expect(teamB).toHaveAttribute('aria-pressed', 'true');
  await expect(teamB).toContainText('Reds');
  await expect(teamA).toContainText('Navies');

  // Correct a team A track to an official from the roster's list, then undo it.
  const aTracks = page.getByTestId(`${TID.jerseyTracks}-team-a`);
  const ids = ((await aTracks.getAttribute('data-tracks')) ?? '').split(',');
  const id = ids[0]!;
  await aTracks.getByRole('button', { name: `#${id}`, exact: true }).click();
  const shown = page.getByTestId(TID.trackAffiliation);
  await expect(shown).toHaveAttribute('data-affiliation', 'team-a');
  await page.getByTestId(`${TID.trackSetAffiliation}-official`).click();
  await expect(shown).toHaveAttribute('data-affiliation', 'official');
  await expect(shown).toContainText('set by you');
  await expect(page.getByTestId(`${TID.jerseyTracks}-official`)).toHaveAttribute(
    'data-tracks',
    new RegExp(`(^|,)${id}(,|$)`),
  );
  await shot('teams-02-corrected');
  await page.locator('body').focus();
  await page.keyboard.press('Control+z');
  await expect(shown).toHaveAttribute('data-affiliation', 'team-a');
  await expect(shown).not.toContainText('set by you');

  // The key does the same: Alt+3 official, Alt+0 back to measured.
  await page.keyboard.press('Alt+3');
  await expect(shown).toHaveAttribute('data-affiliation', 'official');
  await page.keyboard.press('Alt+0');
  await expect(shown).toHaveAttribute('data-affiliation', 'team-a');

  // The roster offers the game's two teams before either is on it: a player for the away side adds that team.
  await expect(page.getByTestId(TID.playerTeam).locator('option')).toHaveText(['Reds', 'Navies']);
  await page.getByTestId(TID.playerTeam).selectOption('away');
  await page.getByTestId(TID.playerName).fill('Ada');
  await page.getByTestId(TID.playerAdd).click();
  await expect(page.locator(`[data-testid="${TID.teamSave}"][data-side="away"]`)).toHaveText('Save');
  await expect(page.getByTestId(TID.playerRow)).toHaveCount(1);
});

test('draw the rink once for the camera view: people outside it are off the ice and hidden until shown', async ({
  page,
  host,
}, info) => {
  test.setTimeout(240_000);
  await page.goto(host.url);
  await createGame(page, { title: 'Rink', home: 'Reds', away: 'Navies' });
  await importAndOpen(page, 'teams-rink.mp4');
  await openSideTab(page, 'analysis');
  await page.getByTestId(TID.analysisStart).click();
  await expect(page.getByTestId(TID.analysisRun)).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await expect(page.getByTestId(TID.overlayCanvas)).toHaveAttribute('data-boxes', /^[1-9]/);
  // Nobody is off the ice before a rink is drawn (the fixture's people all skate).
  await expect(page.getByTestId(TID.offIceToggle)).toHaveCount(0);

  const layer = page.getByTestId(TID.rinkLayer);
  const hint = page.getByTestId(TID.rinkHint);
  const clickAt = async (fx: number, fy: number) => {
    const box = (await layer.boundingBox())!;
    await page.mouse.click(box.x + fx * box.width, box.y + fy * box.height);
  };
  // The left half of the picture is the ice: the people right of the centre line stand outside.
  await page.getByTestId(TID.rinkDraw).click();
  await expect(layer).toBeVisible();
  await clickAt(0.02, 0.1);
  await clickAt(0.5, 0.1);
  await clickAt(0.9, 0.5); // a wrong corner…
  await expect(layer).toHaveAttribute('data-points', '3');
  await page.keyboard.press('Backspace'); // …taken back
  await expect(layer).toHaveAttribute('data-points', '2');
  await expect(hint).toContainText('(2)');
  // Enter with two corners closes nothing.
  await page.keyboard.press('Enter');
  await expect(layer).toBeVisible();
  await clickAt(0.5, 0.98);
  await clickAt(0.02, 0.98);
  await expect(layer).toHaveAttribute('data-points', '4');
  // The boxes under the drawing are not selected by these clicks, and the video did not start.
  await expect(page.getByTestId(TID.videoElement)).toHaveJSProperty('paused', true);
  await page.getByTestId(TID.videoPlayer).screenshot({ path: info.outputPath('rink-01-drawing.png') });
  await page.keyboard.press('Enter');
  await expect(layer).toHaveCount(0);

  // Who stands outside is off the ice: hidden, one toggle away.
  const toggle = page.getByTestId(TID.offIceToggle);
  await expect(toggle).toBeVisible();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(toggle).toContainText(/Off ice \([1-9]\d*\)/);
  const offIce = Number((await toggle.textContent())!.match(/\((\d+)\)/)![1]);
  await openSideTab(page, 'roster');
  await expect(page.getByTestId(`${TID.jerseyTracks}-off-ice`)).toBeVisible();
  await page.getByTestId(TID.videoPlayer).screenshot({ path: info.outputPath('rink-02-off-ice-hidden.png') });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId(TID.videoPlayer).screenshot({ path: info.outputPath('rink-03-off-ice-shown.png') });

  // A redraw shows the saved region under the new corners; Esc leaves it as it was.
  await expect(page.getByTestId(TID.rinkDraw)).toHaveText('Redraw rink');
  await page.getByTestId(TID.rinkDraw).click();
  await expect(layer.locator('.rink-layer__saved')).toHaveCount(1);
  await clickAt(0.3, 0.3);
  await page.keyboard.press('Escape');
  await expect(layer).toHaveCount(0);
  await expect(page.getByTestId(TID.offIceToggle)).toContainText(`Off ice (${offIce})`);

  // Cleared: everybody is on the ice again.
  await page.getByTestId(TID.rinkClear).click();
  await expect(page.getByTestId(TID.offIceToggle)).toHaveCount(0);
  await expect(page.getByTestId(TID.rinkDraw)).toHaveText('Draw rink');
});
