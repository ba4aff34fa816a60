import type { Page } from '@playwright/test';
import type { TrackedDetection } from '../../electron/contract/detection.ts';
import { decodeDetectionsWindow } from '../../electron/contract/detections-window.ts';
import { fixture, test, expect } from './host-fixture.ts';
import { shownFrameIndex } from './video-frame.ts';
import { createGame, importAndOpen, openSideTab } from './app-steps.ts';
import { classToggleTestId, TID } from '../../renderer/src/testids.ts';

/**
 * Tracker: analyse a clip through the real host (real engine, ffmpeg, onnxruntime),
 * see its boxes drawn over the exact frame shown, step and scrub with the overlay following.
 */

/** detections.window for a run, asked over the page's own WebSocket (binary reply: [u32 id][payload]). */
async function detectionsWindow(page: Page, runId: string, fromS: number, toS: number) {
  const bytes = await page.evaluate(
    ({ runId, fromS, toS }) =>
      new Promise<number[]>((resolve, reject) => {
        const token = new URLSearchParams(location.search).get('token') ?? '';
        const socket = new WebSocket(`ws://${location.host}/ws?token=${encodeURIComponent(token)}`);
        socket.binaryType = 'arraybuffer';
        socket.onopen = () =>
          socket.send(
            JSON.stringify({ type: 'invoke', id: 7, command: 'detections.window', args: { runId, fromS, toS } }),
          );
        socket.onmessage = (event) => {
          socket.close();
          if (event.data instanceof ArrayBuffer) resolve(Array.from(new Uint8Array(event.data.slice(4))));
          else reject(new Error(`expected a binary reply, got ${String(event.data).slice(0, 200)}`));
        };
        socket.onerror = () => reject(new Error('socket error'));
      }),
    { runId, fromS, toS },
  );
  return decodeDetectionsWindow(Uint8Array.from(bytes));
}

/** Alpha of overlay-canvas pixels at source-video points (through object-fit: contain). */
async function overlayAlpha(page: Page, points: { x: number; y: number; radius: number }[]): Promise<number[]> {
  return page.evaluate(
    ({ points, ids }) => {
      const video = document.querySelector(`[data-testid="${ids.video}"]`) as HTMLVideoElement;
      const canvas = document.querySelector(`[data-testid="${ids.overlay}"]`) as HTMLCanvasElement;
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d context');
      const scale = Math.min(video.clientWidth / video.videoWidth, video.clientHeight / video.videoHeight);
      const offsetX = (video.clientWidth - video.videoWidth * scale) / 2;
      const offsetY = (video.clientHeight - video.videoHeight * scale) / 2;
      const dpr = canvas.width / canvas.clientWidth;
      return points.map(({ x, y, radius }) => {
        const cx = Math.round((offsetX + x * scale) * dpr);
        const cy = Math.round((offsetY + y * scale) * dpr);
        const r = Math.round(radius * dpr);
        const data = context.getImageData(cx - r, cy - r, 2 * r + 1, 2 * r + 1).data;
        let alpha = 0;
        for (let i = 3; i < data.length; i += 4) alpha = Math.max(alpha, data[i] ?? 0);
        return alpha;
      });
    },
    // The page cannot see this module's TID: the ids travel as arguments.
    { points, ids: { video: TID.videoElement, overlay: TID.overlayCanvas } },
  );
}

/** A box whose centre no other box's outline passes near, so "transparent at the centre" is fair. */
function clearBox(boxes: TrackedDetection[]): TrackedDetection | undefined {
  const near = (a: number, b: number) => Math.abs(a - b) < 6;
  return boxes
    .filter((b) => b.x2 - b.x1 > 20 && b.y2 - b.y1 > 20)
    .find((box) => {
      const cx = (box.x1 + box.x2) / 2;
      const cy = (box.y1 + box.y2) / 2;
      return boxes.every((o) => {
        if (o === box) return true;
        const inY = cy >= o.y1 - 6 && cy <= o.y2 + 6;
        const inX = cx >= o.x1 - 6 && cx <= o.x2 + 6;
        return !((inY && (near(cx, o.x1) || near(cx, o.x2))) || (inX && (near(cy, o.y1) || near(cy, o.y2))));
      });
    });
}

async function expectBoxesOfShownFrame(page: Page, runId: string) {
  const overlay = page.getByTestId(TID.overlayCanvas);
  const frame = await shownFrameIndex(page);
  expect(frame).not.toBeNull();
  await expect(overlay).toHaveAttribute('data-frame', String(frame));
  const window = await detectionsWindow(page, runId, 0, 20);
  const stored = window.frames.find((f) => f.index === frame);
  expect(stored, `frame ${frame} is stored`).toBeDefined();
  const box = clearBox(stored!.boxes);
  expect(box, 'a box with a clear centre').toBeDefined();
  const { x1, y1, x2, y2 } = box!;
  const [left, top, centre] = await overlayAlpha(page, [
    { x: x1, y: (y1 + y2) / 2, radius: 2 },
    { x: (x1 + x2) / 2, y: y1, radius: 2 },
    { x: (x1 + x2) / 2, y: (y1 + y2) / 2, radius: 0 },
  ]);
  expect(left).toBeGreaterThan(0);
  expect(top).toBeGreaterThan(0);
  expect(centre).toBe(0);
}

test('analyse a clip, see the boxes of the shown frame, step and scrub with the overlay following', async ({
  page,
  host,
}, testInfo) => {
  test.setTimeout(240_000);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  await page.goto(host.url);
  await createGame(page, { title: 'Tracker', home: 'RPI', away: 'Union' });
  await page.getByTestId(TID.importPath).fill(fixture('people-10s.mp4'));
  await page.getByTestId(TID.importSubmit).click();
  await expect(page.getByTestId(TID.videoItem)).toHaveCount(1);
  await page.getByTestId(TID.videoItem).click();
  const video = page.getByTestId(TID.videoElement);
  await expect.poll(() => video.evaluate((v) => (v as HTMLVideoElement).readyState)).toBeGreaterThanOrEqual(2);
  await expect.poll(() => shownFrameIndex(page)).toBe(0);
  await shot('01-opened');

  // Keyboard only: Alt+A brings the analysis tab forward, Tab to "Analyse", Enter.
  await page.locator('body').focus();
  await page.keyboard.press('Alt+a');
  for (let i = 0; i < 80; i++) {
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    if (focused === TID.analysisStart) break;
    await page.keyboard.press('Tab');
  }
  await expect(page.getByTestId(TID.analysisStart)).toBeFocused();
  await page.keyboard.press('Enter');
  const run = page.getByTestId(TID.analysisRun);
  await expect(run).toHaveCount(1);
  await expect(page.getByTestId(TID.analysisProgress)).toBeVisible();
  await shot('02-analysing');
  await expect(run).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await expect(page.getByTestId(TID.analysisProvider)).toHaveText(/CPU/i);
  // Left to choose on a machine without GPU providers: CPU is said calmly, no failure notice.
  await expect(page.getByTestId(TID.analysisProviderNote)).toContainText(
    'CPU — no CUDA/DirectML/CoreML available here',
  );
  await expect(page.locator('.run__provider-failure')).toHaveCount(0);
  const runId = (await run.getAttribute('data-run-id')) as string;
  await shot('03-analysed');

  // Boxes over the shown frame; labels off so only outlines are on the canvas.
  await expect(page.getByTestId(TID.overlayCanvas)).toHaveAttribute('data-boxes', /^[1-9]/);
  await page.getByTestId(TID.labelsToggle).click();
  await expect(page.getByTestId(TID.labelsToggle)).toHaveAttribute('aria-pressed', 'false');
  await expectBoxesOfShownFrame(page, runId);
  await shot('04-boxes-frame-0');

  // Keyboard frame steps: the overlay draws the frame the video shows.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => shownFrameIndex(page)).toBe(3);
  await expectBoxesOfShownFrame(page, runId);
  await shot('05-stepped-to-3');

  // Scrub: drag the timeline ruler; while dragging and after release the overlay follows.
  const timeline = page.getByTestId(TID.timeline);
  const box = (await timeline.boundingBox())!;
  const y = box.y + 8;
  await page.mouse.move(box.x + box.width * 0.2, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.45, y, { steps: 8 });
  await expect.poll(async () => (await shownFrameIndex(page)) ?? -1).toBeGreaterThan(20);
  await expect
    .poll(async () => String(await shownFrameIndex(page)))
    .toBe(await page.getByTestId(TID.overlayCanvas).getAttribute('data-frame'));
  await shot('06-scrubbing');
  await page.mouse.move(box.x + box.width * 0.7, y, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => (await shownFrameIndex(page)) ?? -1).toBeGreaterThan(50);
  await expectBoxesOfShownFrame(page, runId);
  const playheadX = (await page.getByTestId(TID.timelinePlayhead).boundingBox())!.x;
  expect(Math.abs(playheadX - (box.x + box.width * 0.7))).toBeLessThan(12);
  await page.getByTestId(TID.labelsToggle).click();
  await shot('07-scrubbed-labels-on');
});

/** Page coordinates of a source-video point on the player (object-fit: contain). */
async function pagePoint(page: Page, x: number, y: number) {
  await page.getByTestId(TID.videoElement).scrollIntoViewIfNeeded();
  const box = (await page.getByTestId(TID.videoElement).boundingBox())!;
  const size = await page
    .getByTestId(TID.videoElement)
    .evaluate((v) => ({ w: (v as HTMLVideoElement).videoWidth, h: (v as HTMLVideoElement).videoHeight }));
  const scale = Math.min(box.width / size.w, box.height / size.h);
  return {
    x: box.x + (box.width - size.w * scale) / 2 + x * scale,
    y: box.y + (box.height - size.h * scale) / 2 + y * scale,
  };
}

test('pause and resume an analysis, click a box to select its track, hide a class', async ({
  page,
  host,
}, testInfo) => {
  test.setTimeout(240_000);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await page.goto(host.url);
  await createGame(page, { title: 'Pause' });
  await importAndOpen(page, 'people-10s.mp4');
  await expect.poll(() => shownFrameIndex(page)).toBe(0);

  await openSideTab(page, 'analysis');
  await page.getByTestId(TID.analysisStart).click();
  const run = page.getByTestId(TID.analysisRun);
  await expect(page.getByTestId(TID.analysisProgress)).toContainText(/[1-9]\d* \/ 100 frames/);
  await page.getByTestId(TID.analysisPause).click();
  await expect(run).toHaveAttribute('data-status', 'paused');
  await shot('01-paused');
  await page.getByTestId(TID.analysisResume).click();
  await expect(run).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await shot('02-resumed-done');

  const runId = (await run.getAttribute('data-run-id')) as string;
  const window = await detectionsWindow(page, runId, 0, 20);
  const frame0 = window.frames.find((f) => f.index === 0)!;
  const target = clearBox(frame0.boxes.filter((b) => b.trackId >= 0))!;
  expect(target).toBeDefined();
  await expect(page.getByTestId(TID.overlayCanvas)).toHaveAttribute('data-frame', '0');
  const centre = await pagePoint(page, (target.x1 + target.x2) / 2, (target.y1 + target.y2) / 2);
  await page.mouse.click(centre.x, centre.y);
  await expect(page.locator('.overlay-toggles__selected')).toContainText(`Track #${target.trackId}`);
  // Selecting a box does not play the video.
  expect(await page.getByTestId(TID.videoElement).evaluate((v) => (v as HTMLVideoElement).paused)).toBe(true);
  await shot('03-track-selected');

  // Hide people: the person box outline is gone from the canvas.
  await page.getByTestId(TID.labelsToggle).click();
  const person = frame0.boxes.find((b) => b.classId === 0 && b !== target) ?? target;
  const outline = { x: person.x1, y: (person.y1 + person.y2) / 2, radius: 1 };
  await page.mouse.move(0, 0);
  await page.getByTestId(classToggleTestId('person')).click();
  await expect(page.getByTestId(classToggleTestId('person'))).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(async () => (await overlayAlpha(page, [outline]))[0]).toBe(0);
  await page.getByTestId(classToggleTestId('person')).click();
  await expect.poll(async () => (await overlayAlpha(page, [outline]))[0]).toBeGreaterThan(0);
  await shot('04-class-toggled');
});

/** A hash of the timeline canvas's pixels from CSS row `fromY` (36: the event rows; 0: the ruler) for `rows` rows. */
async function timelineHash(page: Page, fromY: number, rows?: number): Promise<string> {
  return page.getByTestId(TID.timeline).evaluate(
    (element, { fromY, rows }) => {
      const canvas = element.querySelector('canvas') as HTMLCanvasElement;
      const dpr = canvas.width / canvas.clientWidth;
      const top = Math.round(fromY * dpr);
      const height = rows === undefined ? canvas.height - top : Math.round(rows * dpr);
      const data = canvas.getContext('2d')!.getImageData(0, top, canvas.width, height).data;
      let hash = 0;
      for (let i = 0; i < data.length; i += 4) hash = (hash * 31 + (data[i] ?? 0) + (data[i + 1] ?? 0) * 7) | 0;
      return String(hash);
    },
    { fromY, rows },
  );
}
const rowsHash = (page: Page) => timelineHash(page, 36);
const rulerHash = (page: Page) => timelineHash(page, 0, 20);

test('timeline: a thumbnail on hover, a marker for a tagged event, keyboard zoom', async ({ page, host }, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await page.goto(host.url);
  await createGame(page, { title: 'Timeline' });
  await importAndOpen(page, 'people-10s.mp4');
  await expect.poll(() => shownFrameIndex(page)).toBe(0);

  // Hover: the engine's thumbnail of that moment shows above the timeline.
  const timeline = page.getByTestId(TID.timeline);
  await timeline.scrollIntoViewIfNeeded();
  const box = (await timeline.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
  await expect(timeline.locator('.timeline__hover img')).toBeVisible();
  expect(await timeline.locator('.timeline__hover img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(
    160,
  );
  await shot('01-thumbnail');
  await page.mouse.move(0, 0);

  // Tag a shot at 5 s with its hotkey: a marker appears in the rows.
  await page.getByPlaceholder(/f123/).fill('f50');
  await page.getByPlaceholder(/f123/).press('Enter');
  await expect.poll(() => shownFrameIndex(page)).toBe(50);
  const before = await rowsHash(page);
  await page.locator('body').focus();
  await page.keyboard.press('s');
  await expect(page.getByTestId(TID.eventRow)).toHaveCount(1);
  await expect.poll(() => rowsHash(page)).not.toBe(before);
  // The row's name sits in its own column, left of the lanes: it hides no second of the row.
  const name = (await page.getByTestId(TID.timelineRowName).first().boundingBox())!;
  const lanes = (await timeline.locator('canvas').boundingBox())!;
  expect(name.x + name.width).toBeLessThanOrEqual(lanes.x + 1);
  await shot('02-event-marker');

  // Keyboard zoom around the playhead: the ruler changes, the playhead stays on frame 50's time.
  await timeline.focus();
  const playheadBefore = (await page.getByTestId(TID.timelinePlayhead).boundingBox())!.x;
  const rulerBefore = await rulerHash(page);
  for (let i = 0; i < 4; i++) await page.keyboard.press('+');
  await expect.poll(() => rulerHash(page)).not.toBe(rulerBefore);
  await expect
    .poll(async () => (await page.getByTestId(TID.timelinePlayhead).boundingBox())!.x)
    .toBeCloseTo(playheadBefore, -1);
  await shot('03-zoomed');
  await page.keyboard.press('0');
  await expect.poll(() => rulerHash(page)).toBe(rulerBefore);
});
