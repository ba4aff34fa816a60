import { describe, expect, it } from 'vitest';
import { BoundedQueue } from './bounded-queue.ts';

describe('BoundedQueue', () => {
  it('delivers items in order and reports done after end()', async () => {
    const queue = new BoundedQueue<number>({ capacity: 3 });
    queue.push(1);
    queue.push(2);
    queue.end();
    expect(await queue.take()).toEqual({ value: 1, done: false });
    expect(await queue.take()).toEqual({ value: 2, done: false });
    expect(await queue.take()).toEqual({ value: undefined, done: true });
    expect(await queue.take()).toEqual({ value: undefined, done: true });
  });

  it('hands a pushed item straight to a waiting consumer', async () => {
    const queue = new BoundedQueue<string>({ capacity: 1 });
    const pending = queue.take();
    queue.push('a');
    expect(await pending).toEqual({ value: 'a', done: false });
    expect(queue.size).toBe(0);
    expect(queue.highWater).toBe(0);
  });

  it('refuses to grow past capacity and tracks the high-water mark', () => {
    const queue = new BoundedQueue<number>({ capacity: 2 });
    queue.push(1);
    queue.push(2);
    expect(queue.isFull).toBe(true);
    expect(() => queue.push(3)).toThrow(/full/);
    expect(queue.highWater).toBe(2);
  });

  it('wraps around the ring many times without losing order', async () => {
    const queue = new BoundedQueue<number>({ capacity: 3 });
    const seen: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      queue.push(i);
      if (queue.isFull) {
        for (let k = 0; k < 2; k += 1) seen.push((await queue.take()).value as number);
      }
    }
    queue.end();
    for (let r = await queue.take(); !r.done; r = await queue.take()) seen.push(r.value);
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(queue.highWater).toBe(3);
  });

  it('calls onSpace once the size falls to the low-water mark after being full', async () => {
    let calls = 0;
    const queue = new BoundedQueue<number>({ capacity: 4, lowWater: 2, onSpace: () => (calls += 1) });
    for (let i = 0; i < 4; i += 1) queue.push(i);
    await queue.take();
    expect(calls).toBe(0);
    await queue.take();
    expect(calls).toBe(1);
    await queue.take();
    expect(calls).toBe(1);
  });

  it('rejects every pending and later take after fail() and returns the dropped items', async () => {
    const queue = new BoundedQueue<number>({ capacity: 2 });
    const a = queue.take();
    const b = queue.take();
    const error = new Error('ffmpeg died');
    expect(queue.fail(error)).toEqual([]);
    await expect(a).rejects.toBe(error);
    await expect(b).rejects.toBe(error);
    await expect(queue.take()).rejects.toBe(error);
    expect(() => queue.push(1)).toThrow(/after end\/fail/);

    const full = new BoundedQueue<number>({ capacity: 2 });
    full.push(7);
    full.push(8);
    expect(full.fail(error)).toEqual([7, 8]);
    await expect(full.take()).rejects.toBe(error);
  });

  it('fail() after end() still rejects (a consumer abort wins) and end() after fail() changes nothing', async () => {
    const ended = new BoundedQueue<number>({ capacity: 1 });
    ended.push(1);
    ended.end();
    expect(ended.isClosed).toBe(true);
    expect(ended.fail(new Error('aborted'))).toEqual([1]);
    await expect(ended.take()).rejects.toThrow('aborted');
    const failed = new BoundedQueue<number>({ capacity: 1 });
    failed.fail(new Error('x'));
    failed.end();
    await expect(failed.take()).rejects.toThrow('x');
  });

  it('end(error) delivers the queued items first, then rejects', async () => {
    const queue = new BoundedQueue<number>({ capacity: 2 });
    queue.push(1);
    const error = new Error('video ends early');
    queue.end(error);
    expect(await queue.take()).toEqual({ value: 1, done: false });
    await expect(queue.take()).rejects.toBe(error);
    const waiting = new BoundedQueue<number>({ capacity: 2 });
    const pending = waiting.take();
    waiting.end(error);
    await expect(pending).rejects.toBe(error);
  });

  it('rejects a capacity that is not a positive integer', () => {
    expect(() => new BoundedQueue({ capacity: 0 })).toThrow(RangeError);
    expect(() => new BoundedQueue({ capacity: 1.5 })).toThrow(RangeError);
  });
});
