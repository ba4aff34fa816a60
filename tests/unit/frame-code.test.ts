import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FRAME_CODE, frameCodeCells, readFrameIndex } from '../fixtures/frame-code.ts';
import { FIXTURE_IMAGES, FIXTURE_MEDIA, decodeRgbaFrames } from '../fixtures/decode-frames.ts';

/** Paints the code for `index` into a fresh grey RGBA image, as make-fixtures.sh draws it. */
function paint(index: number, width: number, height: number, stride = width * 4, scale = 1): Uint8Array {
  const rgba = new Uint8Array(stride * height).fill(128);
  frameCodeCells(index).forEach((white, c) => {
    const x0 = Math.round(c * FRAME_CODE.cell * scale);
    const x1 = Math.round((c + 1) * FRAME_CODE.cell * scale);
    for (let y = 0; y < Math.round(FRAME_CODE.cell * scale); y++) {
      for (let x = x0; x < x1; x++) rgba.fill(white ? 255 : 0, y * stride + x * 4, y * stride + x * 4 + 3);
    }
  });
  return rgba;
}

describe('readFrameIndex on painted images', () => {
  it('reads back every index 0..4095', () => {
    for (let i = 0; i <= FRAME_CODE.maxIndex; i++) expect(readFrameIndex(paint(i, 256, 32), 256, 32)).toBe(i);
  });

  it('honours a row stride wider than the image', () => {
    expect(readFrameIndex(paint(1234, 240, 16, 300 * 4), 240, 16, 300 * 4)).toBe(1234);
  });

  it('reads a scaled image with the scale option', () => {
    expect(readFrameIndex(paint(777, 120, 8, 120 * 4, 0.5), 120, 8, undefined, { scale: 0.5 })).toBe(777);
    expect(readFrameIndex(paint(777, 480, 40, 480 * 4, 2), 480, 40, undefined, { scaleX: 2, scaleY: 2 })).toBe(777);
  });

  it('returns null without a code, with a broken marker or a wrong parity, or when cut off', () => {
    expect(readFrameIndex(new Uint8Array(256 * 32 * 4).fill(128), 256, 32)).toBeNull();
    expect(readFrameIndex(new Uint8Array(256 * 32 * 4), 256, 32)).toBeNull();
    const flipped = paint(5, 256, 32);
    // Flip data bit 0 (cell 13) to white-on-white: parity no longer matches.
    for (let y = 0; y < 16; y++)
      flipped.fill(255 - (flipped[y * 1024 + 13 * 64] ?? 0), y * 1024 + 13 * 64, y * 1024 + 14 * 64);
    expect(readFrameIndex(flipped, 256, 32)).toBeNull();
    const noMarker = paint(5, 256, 32);
    for (let y = 0; y < 16; y++) noMarker.fill(0, y * 1024, y * 1024 + 64);
    expect(readFrameIndex(noMarker, 256, 32)).toBeNull();
    expect(readFrameIndex(paint(5, 256, 32), 200, 32)).toBeNull();
    expect(frameCodeCells(5)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0]);
    expect(() => frameCodeCells(4096)).toThrow(RangeError);
  });
});

const CLIPS = [
  { file: 'people-10s.mp4', width: 768, height: 576, frames: 100 },
  { file: 'people-2s-30fps.mp4', width: 768, height: 576, frames: 60 },
  { file: 'offset-start.mp4', width: 384, height: 288, frames: 60 },
  { file: 'vfr.mp4', width: 384, height: 288, frames: 40 },
  { file: 'crossing-seq.mp4', width: 768, height: 576, frames: 40 },
  { file: 'transport.ts', width: 384, height: 288, frames: 30 },
  { file: 'hevc.mkv', width: 384, height: 288, frames: 20 },
];

describe('the committed clips carry their frame index in every frame', () => {
  for (const clip of CLIPS) {
    it(`${clip.file}: frame i reads i, ${clip.frames} frames`, async () => {
      const read: (number | null)[] = [];
      const count = await decodeRgbaFrames(join(FIXTURE_MEDIA, clip.file), clip, (rgba) =>
        read.push(readFrameIndex(rgba, clip.width, clip.height)),
      );
      expect(count).toBe(clip.frames);
      expect(read).toEqual(Array.from({ length: clip.frames }, (_, i) => i));
    });
  }

  for (const scale of [0.5, 1.5]) {
    it(`people-10s.mp4 drawn at ${scale}x reads back with the scale option`, async () => {
      const width = 768 * scale;
      const height = 576 * scale;
      const read: (number | null)[] = [];
      await decodeRgbaFrames(join(FIXTURE_MEDIA, 'people-10s.mp4'), { width, height }, (rgba) =>
        read.push(readFrameIndex(rgba, width, height, width * 4, { scale })),
      );
      expect(read).toEqual(Array.from({ length: 100 }, (_, i) => i));
    });
  }

  it('a real picture without the code reads as null', async () => {
    const read: (number | null)[] = [];
    await decodeRgbaFrames(join(FIXTURE_IMAGES, 'messi5.jpg'), { width: 548, height: 342 }, (rgba) =>
      read.push(readFrameIndex(rgba, 548, 342)),
    );
    expect(read).toEqual([null]);
  });
});
