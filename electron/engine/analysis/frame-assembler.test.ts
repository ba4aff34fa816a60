import { describe, expect, it } from 'vitest';
import { FrameAssembler, FramePool, type Frame } from './frame-assembler.ts';

function assemble(stream: Buffer, frameBytes: number, chunkSizes: number[]): { frames: number[][]; pool: FramePool } {
  const pool = new FramePool(frameBytes);
  const assembler = new FrameAssembler(pool);
  const frames: number[][] = [];
  let position = 0;
  let i = 0;
  while (position < stream.length) {
    const size = chunkSizes[i % chunkSizes.length] ?? 1;
    const chunk = stream.subarray(position, Math.min(position + size, stream.length));
    position += chunk.length;
    i += 1;
    let offset = 0;
    while (offset < chunk.length) {
      offset = assembler.feed(chunk, offset);
      const frame: Frame | undefined = assembler.takeFrame();
      if (frame) {
        frames.push([...frame.data]);
        pool.release(frame);
      }
    }
  }
  expect(assembler.partialBytes).toBe(0);
  return { frames, pool };
}

describe('FrameAssembler', () => {
  const frameBytes = 12;
  const stream = Buffer.from(Array.from({ length: frameBytes * 7 }, (_, i) => i % 251));
  const expected = Array.from({ length: 7 }, (_, f) => [...stream.subarray(f * frameBytes, (f + 1) * frameBytes)]);

  it.each([
    ['one byte at a time', [1]],
    ['chunks smaller than a frame', [5, 7, 3]],
    ['exactly one frame per chunk', [12]],
    ['several frames per chunk', [30, 41]],
    ['the whole stream at once', [1000]],
  ])('cuts frames on their boundaries with %s', (_name, sizes) => {
    const { frames, pool } = assemble(stream, frameBytes, sizes);
    expect(frames).toEqual(expected);
    // Every frame was released before the next one was needed: one buffer for the whole run.
    expect(pool.allocated).toBe(1);
  });

  it('reports a cut last frame as partial bytes', () => {
    const pool = new FramePool(frameBytes);
    const assembler = new FrameAssembler(pool);
    expect(assembler.feed(stream.subarray(0, 17), 0)).toBe(12);
    expect(assembler.takeFrame()).toBeDefined();
    expect(assembler.feed(stream.subarray(0, 17), 12)).toBe(17);
    expect(assembler.takeFrame()).toBeUndefined();
    expect(assembler.partialBytes).toBe(5);
  });

  it('reuses released buffers and creates new ones only while frames are held', () => {
    const pool = new FramePool(4);
    const a = pool.acquire();
    const b = pool.acquire();
    expect(pool.allocated).toBe(2);
    pool.release(a);
    expect(pool.acquire()).toBe(a);
    pool.release(b);
    expect(pool.acquire().data).toBe(b.data);
    expect(pool.allocated).toBe(2);
  });
});
