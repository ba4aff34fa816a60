import type { Locator, Page } from '@playwright/test';
import { fixture, test, expect } from './host-fixture.ts';
import { shownFrameIndex } from './video-frame.ts';
import { createGame, importAndOpen, openSideTab } from './app-steps.ts';
import { TID } from '../../renderer/src/testids.ts';

/**
 * Tagging: code hotkeys at known frames through the real host (real engine, SQLite,
 * ffmpeg, onnxruntime for the track), frame-accurate event extents, edits with undo/redo,
 * roster and a track linked to a player, and everything back after a reload.
 * people-10s.mp4: 10 fps CFR, 100 frames, first frame at 0 — frame k is at k/10 s.
 */

/** One engine command over the page's own WebSocket (the page's origin and token). */
async function invoke<T>(page: Page, command: string, args: unknown): Promise<T> {
  return page.evaluate(
    ({ command, args }) =>
      new Promise<T>((resolve, reject) => {
        const token = new URLSearchParams(location.search).get('token') ?? '';
        const socket = new WebSocket(`ws://${location.host}/ws?token=${encodeURIComponent(token)}`);
        socket.onopen = () => socket.send(JSON.stringify({ type: 'invoke', id: 1, command, args }));
        socket.onmessage = (event) => {
          const frame = JSON.parse(String(event.data)) as { type: string; ok?: boolean; value?: T; error?: unknown };
          if (frame.type !== 'reply') return;
          socket.close();
          if (frame.ok) resolve(frame.value as T);
          else reject(new Error(JSON.stringify(frame.error)));
        };
        socket.onerror = () => reject(new Error('socket error'));
      }),
    { command, args },
  );
}

async function goToFrame(page: Page, frame: number) {
  // Keyboard: G focuses "Go to", Enter jumps and hands the keys back to the page.
  await page.keyboard.press('g');
  await expect(page.getByTestId(TID.goToInput)).toBeFocused();
  await page.keyboard.type(`f${frame}`);
  await page.keyboard.press('Enter');
  await expect.poll(() => shownFrameIndex(page)).toBe(frame);
  await expect(page.getByTestId(TID.videoFrame)).toHaveText(`frame ${frame}`);
}

const row = (page: Page, code: string): Locator => page.locator(`[data-testid="${TID.eventRow}"][data-code="${code}"]`);

async function expectSpan(page: Page, code: string, start: number, end: number) {
  await expect(row(page, code)).toHaveAttribute('data-start-frame', String(start));
  await expect(row(page, code)).toHaveAttribute('data-end-frame', String(end));
}

test('tag by hotkeys at known frames, edit and undo, roster and a linked track, all kept after a reload', async ({
  page,
  host,
}, testInfo) => {
  test.setTimeout(240_000);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await page.goto(host.url);
  await createGame(page, { title: 'RPI vs Union', home: 'RPI', away: 'Union' });
  await page.getByTestId(TID.importPath).fill(fixture('people-10s.mp4'));
  await page.getByTestId(TID.importSubmit).click();
  await expect(page.getByTestId(TID.videoItem)).toHaveCount(1);
  await page.getByTestId(TID.videoItem).click();
  const video = page.getByTestId(TID.videoElement);
  await expect.poll(() => video.evaluate((v) => (v as HTMLVideoElement).readyState)).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId(TID.codeButton)).toHaveCount(15);
  await shot('01-code-window');

  // Keyboard only from here to the undo: go to a frame, press the code's key, descriptor keys.
  await video.focus();
  await goToFrame(page, 60);
  await page.keyboard.press('h'); // hit: lead 3 s, lag 2 s → frames 30..80
  await expectSpan(page, 'hit', 30, 80);
  await goToFrame(page, 80);
  await page.keyboard.press('v'); // save: lead 5, lag 3 → 30..110, clamped to the last frame 99
  await expectSpan(page, 'save', 30, 99);
  await goToFrame(page, 50);
  await page.keyboard.press('Shift+T'); // giveaway: lead 4, lag 3 → 10..80
  await expectSpan(page, 'giveaway', 10, 80);
  // Span code: line change (lead 2, lag 2) from frame 20 to frame 45 → 0..65.
  await goToFrame(page, 20);
  await page.keyboard.press('c');
  await expect(page.locator(`[data-testid="${TID.codeButton}"][data-code="line change"]`)).toHaveAttribute(
    'data-recording',
    'true',
  );
  await shot('02-span-recording');
  await goToFrame(page, 45);
  await page.keyboard.press('c');
  await expect(page.locator(`[data-testid="${TID.codeButton}"][data-code="line change"]`)).toHaveAttribute(
    'data-recording',
    'false',
  );
  await expectSpan(page, 'line change', 0, 65);
  await expect(page.getByTestId(TID.eventRow)).toHaveCount(4);

  // Descriptors on the event just tagged: 2 = period 2, Shift+H = home, W = EV.
  await page.keyboard.press('2');
  await page.keyboard.press('Shift+H');
  await page.keyboard.press('w');
  await expect(row(page, 'line change')).toHaveAttribute('data-period', '2');
  await expect(row(page, 'line change')).toHaveAttribute('data-team', 'home');
  await expect(page.getByTestId(TID.descStrength)).toHaveValue('EV');
  // Nudge the end one frame with }, undo with Ctrl+Z, redo with Ctrl+Shift+Z, undo again with Ctrl+Z.
  await page.keyboard.press('}');
  await expectSpan(page, 'line change', 0, 66);
  await shot('03-keyboard-nudged');
  await page.keyboard.press('Control+z');
  await expectSpan(page, 'line change', 0, 65);
  await page.keyboard.press('Control+Shift+Z');
  await expectSpan(page, 'line change', 0, 66);
  await page.keyboard.press('Control+y');
  await page.keyboard.press('Control+z');
  await expectSpan(page, 'line change', 0, 65);
  await expect(page.getByTestId(TID.descStrength)).toHaveValue('EV');

  // With the mouse: pick the hit, nudge its end +1 frame, undo it.
  await row(page, 'hit').click();
  await page.getByTestId(TID.nudgeEndForward).click();
  await expectSpan(page, 'hit', 30, 81);
  await page.getByTestId(TID.undo).click();
  await expectSpan(page, 'hit', 30, 80);
  // Double-click jumps the player to the event's first frame.
  await row(page, 'giveaway').dblclick();
  await expect.poll(() => shownFrameIndex(page)).toBe(10);
  // Delete and undo: the same event is back.
  await row(page, 'save').click();
  await page.getByTestId(TID.eventDelete).click();
  await expect(page.getByTestId(TID.eventRow)).toHaveCount(3);
  await shot('04-deleted');
  await page.getByTestId(TID.undo).click();
  await expect(page.getByTestId(TID.eventRow)).toHaveCount(4);
  await expectSpan(page, 'save', 30, 99);
  await shot('05-undone');
  // Keyboard: ↑ picks the event before the restored save (the hit, same start, tagged earlier), Enter goes there.
  await video.focus();
  await page.keyboard.press('ArrowUp');
  await expect(row(page, 'hit')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect.poll(() => shownFrameIndex(page)).toBe(30);
  // Search and filters.
  await page.getByTestId(TID.eventSearch).fill('give');
  await expect(page.getByTestId(TID.eventRow)).toHaveCount(1);
  await page.getByTestId(TID.eventSearch).fill('');
  await page.getByTestId(TID.eventFilterPeriod).selectOption('2');
  await expect(page.getByTestId(TID.eventRow)).toHaveCount(1);
  await expect(page.getByTestId(TID.eventRow)).toHaveAttribute('data-code', 'line change');
  await page.getByTestId(TID.eventFilterPeriod).selectOption('');
  await page.getByTestId(TID.eventSort).selectOption('code');
  await expect(page.getByTestId(TID.eventRow).first()).toHaveAttribute('data-code', 'giveaway');
  await page.getByTestId(TID.eventSort).selectOption('time');
  await expect(page.getByTestId(TID.eventRow)).toHaveCount(4);

  // Roster: the home team and a player.
  await openSideTab(page, 'roster');
  await page.locator(`[data-testid="${TID.teamSave}"][data-side="home"]`).click();
  await expect(page.locator(`[data-testid="${TID.teamSave}"][data-side="home"]`)).toHaveText('Save');
  await page.getByTestId(TID.playerNumber).fill('20');
  await page.getByTestId(TID.playerName).fill('Aho');
  await page.getByTestId(TID.playerAdd).click();
  await expect(page.locator(`[data-testid="${TID.playerRow}"][data-player="Aho"]`)).toBeVisible();

  // A track to link: analyse the clip in the real engine (CPU), then pick one of its tracks.
  const [game] = await invoke<{ id: string }[]>(page, 'games.list', {});
  const [clip] = await invoke<{ id: string }[]>(page, 'videos.list', { gameId: game!.id });
  await invoke(page, 'analysis.start', { videoId: clip!.id, options: { ep: 'cpu' } });
  await expect
    .poll(async () => (await invoke<{ status: string }[]>(page, 'analysis.list', { videoId: clip!.id }))[0]?.status, {
      timeout: 180_000,
    })
    .toBe('done');
  const trackSelect = page.getByTestId(TID.trackSelect);
  await expect.poll(() => trackSelect.locator('option').count(), { timeout: 30_000 }).toBeGreaterThan(1);
  const trackValue = await trackSelect.locator('option').nth(1).getAttribute('value');
  await trackSelect.selectOption(trackValue!);
  await page.getByTestId(TID.trackPlayer).selectOption({ label: '20 Aho' });
  await page.getByTestId(TID.trackLink).click();
  await expect(page.getByTestId(TID.trackLinked)).toHaveAttribute('data-player', 'Aho');
  // Unlink and undo the unlink.
  await page.getByTestId(TID.trackUnlink).click();
  await expect(page.getByTestId(TID.trackLinked)).toHaveAttribute('data-player', '');
  await page.getByTestId(TID.undo).click();
  await expect(page.getByTestId(TID.trackLinked)).toHaveAttribute('data-player', 'Aho');
  await shot('06-track-linked');
  // The picked track (as a clicked box would) fills the new event's track, player and team.
  await video.focus();
  await goToFrame(page, 70);
  await page.keyboard.press('b'); // blocked shot: lead 4, lag 2 → 30..90
  await expectSpan(page, 'blocked shot', 30, 90);
  await expect(row(page, 'blocked shot')).toHaveAttribute('data-player', 'Aho');
  await expect(row(page, 'blocked shot')).toHaveAttribute('data-team', 'home');
  // R focuses the player field: type the number, Enter hands the keys back.
  await row(page, 'hit').click();
  await page.keyboard.press('r');
  await expect(page.getByTestId(TID.descPlayer)).toBeFocused();
  await page.keyboard.type('20');
  await page.keyboard.press('Enter');
  await expect(row(page, 'hit')).toHaveAttribute('data-player', 'Aho');
  await expect(page.getByTestId(TID.descPlayer)).not.toBeFocused();
  await shot('07-player-descriptor');
  // Split the picked track at the shown frame, then undo (merges the new piece back) and redo.
  await video.focus();
  await goToFrame(page, 20);
  await page.getByTestId(TID.trackSplit).click();
  await expect(page.getByTestId(TID.undo)).toHaveText(/split track/);
  await page.getByTestId(TID.undo).click();
  await expect(page.getByTestId(TID.redo)).toHaveText(/split track/);
  await page.getByTestId(TID.redo).click();
  await expect(page.getByTestId(TID.undo)).toHaveText(/split track/);
  await page.getByTestId(TID.undo).click();
  await expect(page.getByTestId(TID.errorBanner)).toHaveCount(0);

  // Reload: the same game and video open, the events, roster and link as they were.
  await page.reload();
  await expect(page.getByTestId(TID.videoElement)).toBeVisible();
  await expect(page.getByTestId(TID.eventRow)).toHaveCount(5);
  await expect(row(page, 'hit')).toHaveAttribute('data-player', 'Aho');
  await expectSpan(page, 'blocked shot', 30, 90);
  await expectSpan(page, 'hit', 30, 80);
  await expectSpan(page, 'save', 30, 99);
  await expectSpan(page, 'giveaway', 10, 80);
  await expectSpan(page, 'line change', 0, 65);
  await expect(row(page, 'line change')).toHaveAttribute('data-period', '2');
  await expect(row(page, 'line change')).toHaveAttribute('data-team', 'home');
  await expect(page.locator(`[data-testid="${TID.teamName}"][data-side="home"]`)).toHaveValue('RPI');
  await expect(page.locator(`[data-testid="${TID.playerRow}"][data-player="Aho"]`)).toBeVisible();
  await page.getByTestId(TID.trackSelect).selectOption(trackValue!);
  await expect(page.getByTestId(TID.trackLinked)).toHaveAttribute('data-player', 'Aho');
  await shot('08-after-reload');
});

test('code editing: a player key is refused, a new span code tags by its new hotkey, and undo removes it', async ({
  page,
  host,
}, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await page.goto(host.url);
  await createGame(page, { title: 'Codes' });
  await importAndOpen(page, 'people-10s.mp4');
  await expect(page.getByTestId(TID.codeButton)).toHaveCount(15);

  await page.getByTestId(TID.codeEditToggle).click();
  await page.getByTestId(TID.codeAdd).click();
  // A new code is a row in the editor, saved only once named: nothing is stored yet.
  const editor = page.locator(`[data-testid="${TID.codeEditor}"][data-new="true"]`);
  await expect(editor).toBeVisible();
  await expect(editor.getByTestId(TID.codeName)).toBeFocused();
  await expect(editor.getByTestId(TID.codeSave)).toBeDisabled();
  await expect(page.getByTestId(TID.codeEditor)).toHaveCount(16);
  await editor.getByTestId(TID.codeHotkey).press('s');
  await expect(editor).toContainText('s already tags "shot"');
  await editor.getByTestId(TID.codeName).fill('power play');
  await expect(editor.getByTestId(TID.codeSave)).toBeDisabled();
  await editor.getByTestId(TID.codeHotkey).press('k');
  await expect(editor.getByTestId(TID.codeHotkey)).toHaveValue('k');
  await expect(editor).toContainText('player key');
  await expect(editor.getByTestId(TID.codeSave)).toBeDisabled();
  await editor.getByTestId(TID.codeHotkey).press('q');
  await editor.getByTestId(TID.codeLead).fill('1');
  await editor.getByTestId(TID.codeLag).fill('0.5');
  await editor.getByTestId(TID.codeMode).selectOption('span');
  await editor.getByTestId(TID.codeSave).click();
  await shot('01-code-edited');
  await page.getByTestId(TID.codeEditToggle).click();
  await expect(page.locator(`[data-testid="${TID.codeButton}"][data-code="power play"]`)).toContainText('q');

  await page.getByTestId(TID.videoElement).focus();
  await goToFrame(page, 30);
  await page.keyboard.press('q');
  await goToFrame(page, 40);
  await page.keyboard.press('q');
  await expectSpan(page, 'power play', 20, 45);
  await shot('02-span-tagged');
  await page.keyboard.press('Control+z'); // the tag
  await expect(page.getByTestId(TID.eventRow)).toHaveCount(0);
  await page.keyboard.press('Control+z'); // the new code, created named in one step
  await expect(page.locator(`[data-testid="${TID.codeButton}"][data-code="power play"]`)).toHaveCount(0);
  await expect(page.getByTestId(TID.codeButton)).toHaveCount(15);
});
