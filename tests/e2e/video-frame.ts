import type { Page } from '@playwright/test';
import { FRAME_CODE, readFrameIndex } from '../fixtures/frame-code.ts';
import { TID } from '../../renderer/src/testids.ts';

/**
 * The frame index burned into the pixels the <video> element shows right now: the page draws the
 * current frame into a canvas at the clip's native size and hands back the code strip.
 */
export async function shownFrameIndex(page: Page, testId: string = TID.videoElement): Promise<number | null> {
  const width = FRAME_CODE.x + FRAME_CODE.width;
  const height = FRAME_CODE.y + FRAME_CODE.height;
  const pixels = await page.getByTestId(testId).evaluate(
    (element, size) => {
      const video = element as HTMLVideoElement;
      const canvas = document.createElement('canvas');
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      const context = canvas.getContext('2d', { willReadFrequently: true });
      if (!context || !video.videoWidth) return null;
      context.drawImage(video, 0, 0);
      return Array.from(context.getImageData(0, 0, size.width, size.height).data);
    },
    { width, height },
  );
  return pixels ? readFrameIndex(Uint8ClampedArray.from(pixels), width, height) : null;
}
