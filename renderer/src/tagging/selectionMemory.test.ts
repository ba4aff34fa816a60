import { describe, expect, it } from 'vitest';
import type { Game, Video } from '../../../electron/contract/index.ts';
import { createAppStore } from '../store/createAppStore.ts';
import { fakeTaggingEngine, fakeVideo } from './testing/fakeEngine.ts';
import { rememberSelection } from './selectionMemory.ts';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const game = (id: string) => ({ id, title: id, date: '2026-01-01', home: 'A', away: 'B' }) as Game;

function memoryStorage(initial: Record<string, string> = {}) {
  const map = new Map(Object.entries(initial));
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), map };
}

function storeWith(videos: Video[]) {
  const engine = fakeTaggingEngine();
  const bridge = {
    ...engine.bridge,
    invoke: (async (command: string, args: unknown) =>
      command === 'videos.list'
        ? videos
        : (engine.bridge.invoke as (c: string, a: unknown) => Promise<unknown>)(
            command,
            args,
          )) as typeof engine.bridge.invoke,
  };
  return createAppStore(bridge);
}

describe('selection memory', () => {
  it('saves the selected game and open video, and restores both after a reload', async () => {
    const storage = memoryStorage();
    const first = storeWith([fakeVideo('g2')]);
    rememberSelection(first, storage);
    first.setState({ games: [game('g1'), game('g2')] });
    await first.getState().selectGame('g2');
    first.getState().openVideo('video-1');
    expect(JSON.parse(storage.map.get('rinkside.selection') ?? '')).toEqual({ gameId: 'g2', videoId: 'video-1' });

    const reloaded = storeWith([fakeVideo('g2')]);
    rememberSelection(reloaded, storage);
    reloaded.setState({ games: [game('g1'), game('g2')] });
    await flush();
    expect(reloaded.getState().selectedGameId).toBe('g2');
    expect(reloaded.getState().currentVideoId).toBe('video-1');
  });

  it('gives up quietly when the game is gone, and then remembers the new choice', async () => {
    const storage = memoryStorage({ 'rinkside.selection': JSON.stringify({ gameId: 'gone', videoId: null }) });
    const store = storeWith([]);
    rememberSelection(store, storage);
    store.setState({ games: [game('g1')] });
    expect(store.getState().selectedGameId).toBeNull();
    await store.getState().selectGame('g1');
    expect(JSON.parse(storage.map.get('rinkside.selection') ?? '')).toEqual({ gameId: 'g1', videoId: null });
  });
});
