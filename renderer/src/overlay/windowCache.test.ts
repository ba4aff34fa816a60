import { describe, expect, it } from 'vitest';
import { encodeDetectionsWindow } from '../../../electron/contract/detections-window.ts';
import { createWindowCache } from './windowCache.ts';

function harness(options: { capacity?: number } = {}) {
  const requests: [number, number][] = [];
  const waiting: (() => void)[] = [];
  let clock = 0;
  const loaded: number[] = [];
  const cache = createWindowCache({
    windowS: 20,
    prefetchLeadS: 5,
    capacity: options.capacity ?? 3,
    now: () => clock,
    onLoad: (key) => loaded.push(key),
    fetch: (fromS, toS) => {
      requests.push([fromS, toS]);
      return new Promise((resolve) =>
        waiting.push(() => resolve(encodeDetectionsWindow([{ index: fromS, pts: fromS + 1, boxes: [] }], fromS, toS))),
      );
    },
  });
  const flush = async () => {
    for (const answer of waiting.splice(0)) answer();
    await new Promise((r) => setTimeout(r, 0));
  };
  return {
    cache,
    requests,
    loaded,
    flush,
    tick: (ms: number) => (clock += ms),
  };
}

describe('detection window cache', () => {
  it('fetches the window under the playhead once, however often it is asked', async () => {
    const h = harness();
    h.cache.ensure(3);
    h.cache.ensure(4);
    expect(h.requests).toEqual([[0, 20]]);
    expect(h.cache.window(0)).toBeNull();
    await h.flush();
    expect(h.cache.window(0)?.frameCount).toBe(1);
    expect(h.loaded).toEqual([0]);
    h.cache.ensure(5);
    expect(h.requests).toHaveLength(1);
  });

  it('prefetches the next window before the playhead gets there, and the previous one near the start', async () => {
    const h = harness();
    h.cache.ensure(16);
    expect(h.requests).toEqual([
      [0, 20],
      [20, 40],
    ]);
    await h.flush();
    h.cache.ensure(41);
    expect(h.requests.slice(2)).toEqual([[40, 60]]);
    await h.flush();
    h.cache.ensure(44);
    expect(h.requests).toHaveLength(3);
  });

  it('evicts the least recently used window beyond its capacity', async () => {
    const h = harness({ capacity: 2 });
    h.cache.ensure(10);
    await h.flush();
    h.cache.ensure(50);
    await h.flush();
    h.cache.window(0); // drawing from window 0 makes 40–60 s (key 2) the least recently used
    h.cache.ensure(110);
    await h.flush();
    expect(h.cache.loadedKeys()).toEqual([0, 5]);
  });

  it('refetches a window while the run is live, and not once it is done', async () => {
    const h = harness();
    h.cache.setLive(true);
    h.cache.ensure(10);
    await h.flush();
    h.tick(2500);
    h.cache.ensure(10);
    expect(h.requests).toHaveLength(2);
    await h.flush();
    h.cache.setLive(false);
    h.tick(5000);
    h.cache.ensure(10);
    expect(h.requests).toHaveLength(2);
  });

  it('forgets its windows on clear and fetches them again', async () => {
    const h = harness();
    h.cache.ensure(10);
    await h.flush();
    h.cache.clear();
    expect(h.cache.window(0)).toBeNull();
    h.cache.ensure(10);
    expect(h.requests).toEqual([
      [0, 20],
      [0, 20],
    ]);
  });

  it('retries a failed window only after a pause', async () => {
    let fail = true;
    let clock = 0;
    const errors: unknown[] = [];
    const cache = createWindowCache({
      windowS: 20,
      now: () => clock,
      onError: (e) => errors.push(e),
      fetch: () => (fail ? Promise.reject(new Error('offline')) : Promise.resolve(encodeDetectionsWindow([], 0, 20))),
    });
    cache.ensure(1);
    await new Promise((r) => setTimeout(r, 0));
    expect(errors).toHaveLength(1);
    cache.ensure(1);
    await new Promise((r) => setTimeout(r, 0));
    expect(errors).toHaveLength(1);
    fail = false;
    clock += 5000;
    cache.ensure(1);
    await new Promise((r) => setTimeout(r, 0));
    expect(cache.window(0)?.frameCount).toBe(0);
  });
});
