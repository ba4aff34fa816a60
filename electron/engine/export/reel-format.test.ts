import { describe, expect, it } from 'vitest';
import { metadataValue } from './chapters.ts';
import { exactRate, reelFormat, segmentFrames } from './reel-format.ts';

const probe = (width: number, height: number, fps: number, rotation = 0) => ({ width, height, fps, rotation });

describe('reel format', () => {
  it('takes the largest picture and the highest frame rate of the sources', () => {
    expect(reelFormat([probe(384, 288, 30), probe(768, 576, 10)])).toEqual({
      width: 768,
      height: 576,
      rate: { num: 30, den: 1 },
    });
    // A phone video filmed upright reaches the filters turned.
    expect(reelFormat([probe(1920, 1080, 29.97, 90), probe(1280, 720, 25)])).toEqual({
      width: 1080,
      height: 1920,
      rate: { num: 30000, den: 1001 },
    });
    // Odd sizes become even (yuv420p); the caller's setting wins.
    expect(reelFormat([probe(641, 361, 60)])).toMatchObject({ width: 642, height: 362 });
    expect(reelFormat([probe(1920, 1080, 60)], { width: 1280, height: 720, fps: 25 })).toEqual({
      width: 1280,
      height: 720,
      rate: { num: 25, den: 1 },
    });
  });

  it('reads average frame rates as the exact rates they stand for', () => {
    expect(exactRate(59.94006)).toEqual({ num: 60000, den: 1001 });
    expect(exactRate(23.976)).toEqual({ num: 24000, den: 1001 });
    expect(exactRate(10)).toEqual({ num: 10, den: 1 });
    expect(exactRate(12.5)).toEqual({ num: 12500, den: 1000 });
    expect(exactRate(500)).toEqual({ num: 120, den: 1 });
    expect(exactRate(Number.NaN)).toEqual({ num: 30, den: 1 });
  });

  it('counts a segment in output frames: its frames’ span at the reel’s rate', () => {
    expect(segmentFrames(1, { num: 30, den: 1 })).toBe(30);
    expect(segmentFrames(20 / 30, { num: 30, den: 1 })).toBe(20);
    expect(segmentFrames(0.4, { num: 25, den: 1 })).toBe(10);
    expect(segmentFrames(0.001, { num: 30, den: 1 })).toBe(1);
  });

  it('escapes chapter titles for FFMETADATA', () => {
    expect(metadataValue('a=b;c#d\\e\nf\u0007g')).toBe('a\\=b\\;c\\#d\\\\e f g');
  });
});
