import { describe, expect, it } from 'vitest';
import { containRect, toElement } from './videoRect.ts';

describe('containRect (object-fit: contain)', () => {
  it('pillarboxes a 4:3 picture in a wide box', () => {
    expect(containRect(1000, 600, 768, 576)).toEqual({
      x: 100,
      y: 0,
      width: 800,
      height: 600,
      scale: 600 / 576,
    });
  });
  it('letterboxes a 16:9 picture in a tall box', () => {
    const rect = containRect(960, 1000, 1920, 1080);
    expect(rect.scale).toBe(0.5);
    expect(rect.y).toBe((1000 - 540) / 2);
    expect(toElement(rect, 1920, 1080)).toEqual({ x: 960, y: rect.y + 540 });
  });
  it('is empty before the video has a size', () => {
    expect(containRect(800, 600, 0, 0).scale).toBe(0);
  });
});
