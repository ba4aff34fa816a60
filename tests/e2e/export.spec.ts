import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './host-fixture.ts';
import { decodeRgbaFrames } from '../fixtures/decode-frames.ts';
import { readFrameIndex } from '../fixtures/frame-code.ts';
import { shownFrameIndex } from './video-frame.ts';
import { createGame, importAndOpen, openSideTab } from './app-steps.ts';
import { TID } from '../../renderer/src/testids.ts';

/**
 * Export from the app: tag two events, hand-pick one and export it as a clip, export the event
 * data as CSV, through the real host (real engine and ffmpeg). The clip's length and first frame
 * are read back with ffprobe and the burned-in frame code.
 */
async function goToFrame(page: Page, frame: number) {
  await page.keyboard.press('g');
  await page.keyboard.type(`f${frame}`);
  await page.keyboard.press('Enter');
  await expect.poll(() => shownFrameIndex(page)).toBe(frame);
}

test('export a hand-picked event as a clip and the events as CSV', async ({ page, host }, testInfo) => {
  test.setTimeout(180_000);
  const out = mkdtempSync(join(tmpdir(), 'rinkside-export-e2e-'));
  try {
    await page.goto(host.url);
    await createGame(page, { title: 'Export' });
    await importAndOpen(page, 'people-10s.mp4');
    const video = page.getByTestId(TID.videoElement);
    await expect.poll(() => video.evaluate((v) => (v as HTMLVideoElement).readyState)).toBeGreaterThanOrEqual(2);
    await video.focus();
    await goToFrame(page, 60);
    await page.keyboard.press('h'); // hit: lead 3 s, lag 2 s → frames 30..80
    await goToFrame(page, 40);
    await page.keyboard.press('s'); // shot: lead 5 s, lag 3 s → frames 0..70
    await openSideTab(page, 'export');
    await expect(page.getByTestId(TID.exportPick)).toHaveCount(2);

    // Hand-pick the hit (the list is in time order: shot at 0, hit at 30), clean clip.
    await page.getByTestId(TID.exportPick).nth(1).check();
    await page.getByTestId(TID.exportClean).check();
    await page.getByTestId(TID.exportDir).fill(out);
    await expect(page.getByTestId(TID.exportStart)).toHaveText('Export 1');
    await page.getByTestId(TID.exportStart).click();
    await expect.poll(() => readdirSync(out).filter((f) => f.endsWith('.mp4')).length, { timeout: 90_000 }).toBe(1);
    // No temp file stays behind once the job is over.
    await expect.poll(() => readdirSync(out).filter((f) => f.includes('.partial')).length).toBe(0);
    await page.screenshot({ path: testInfo.outputPath('exported.png'), fullPage: true });

    const clip = join(out, readdirSync(out).find((f) => f.endsWith('.mp4')) as string);
    const frames = execFileSync(process.env.RINKSIDE_FFPROBE ?? 'ffprobe', [
      '-v',
      'error',
      '-count_frames',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=nb_read_frames',
      '-of',
      'csv=p=0',
      clip,
    ])
      .toString()
      .trim();
    // The event spans 3.0 s … 8.0 s (frames 30 to 80); a clip holds start ≤ pts < end: 50 frames.
    expect(Number(frames)).toBe(50);
    const indices: number[] = [];
    await decodeRgbaFrames(clip, { width: 768, height: 576 }, (rgba) => {
      indices.push(readFrameIndex(rgba, 768, 576) ?? -1);
    });
    expect(indices[0]).toBe(30);
    expect(indices.at(-1)).toBe(79);

    await page.getByTestId(TID.exportFormat).selectOption('csv');
    await page.getByTestId(TID.exportDataPath).fill(join(out, 'events.csv'));
    await page.getByTestId(TID.exportData).click();
    await expect(page.getByTestId(TID.exportMessage)).toContainText('Wrote 2 events');
    const csv = readFileSync(join(out, 'events.csv'), 'utf8');
    expect(csv).toContain('hit');
    expect(csv).toContain('shot');

    // Save the hand-picked selection as a playlist; after a reload it is still there and selects it.
    await page.getByTestId(TID.exportPlaylistName).fill('Hits');
    await page.getByTestId(TID.exportPlaylistSave).click();
    await expect(page.getByTestId(TID.exportPlaylist)).toContainText('playlist: Hits (1)');
    await page.reload();
    await expect(page.getByTestId(TID.exportPlaylist)).toContainText('playlist: Hits (1)');
    await page.getByTestId(TID.exportPlaylist).selectOption({ label: 'playlist: Hits (1)' });
    await expect(page.getByTestId(TID.exportPick)).toHaveCount(1);
    await expect(page.getByTestId(TID.exportStart)).toHaveText('Export 1');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
