import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { fixture, test, expect } from './host-fixture.ts';
import { createGame } from './app-steps.ts';
import { TID } from '../../renderer/src/testids.ts';

/** Drops a real video file (its bytes, its name) on the window, as the OS would. */
async function dropFile(page: Page, name: string) {
  const bytes = [...readFileSync(fixture(name))];
  const dataTransfer = await page.evaluateHandle(
    ({ bytes, name }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], name, { type: 'video/mp4' }));
      return transfer;
    },
    { bytes, name },
  );
  await page.dispatchEvent(`[data-testid="${TID.dropZone}"]`, 'dragover', { dataTransfer });
  await page.dispatchEvent(`[data-testid="${TID.dropZone}"]`, 'drop', { dataTransfer });
}

test('a video dropped on the window is imported from its path; without a path the page says what to do', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await createGame(page, { title: 'Dropped' });

  // A browser never learns a dropped file's path: the page asks for it to be typed.
  await dropFile(page, 'people-2s-30fps.mp4');
  await expect(page.getByTestId(TID.errorBanner)).toContainText('No path for people-2s-30fps.mp4');
  await expect(page.getByTestId(TID.errorBanner)).toContainText("type the file's path");
  await page.getByTestId(TID.errorDismiss).click();
  await expect(page.getByTestId(TID.videoItem)).toHaveCount(0);

  // Inside Electron the preload answers with the file's path (webUtils.getPathForFile); here the
  // same one-function bridge maps the dropped name to where the fixture lies.
  await page.evaluate((dir) => {
    (window as unknown as { rinksideFiles: { pathForFile(file: File): string } }).rinksideFiles = {
      pathForFile: (file) => `${dir}/${file.name}`,
    };
  }, fixture(''));
  await dropFile(page, 'people-2s-30fps.mp4');
  await expect(page.getByTestId(TID.videoItem)).toHaveCount(1);
  await expect(page.getByTestId(TID.videoItem)).toContainText('people-2s-30fps.mp4');
  await expect(page.getByTestId(TID.errorBanner)).toHaveCount(0);
});
