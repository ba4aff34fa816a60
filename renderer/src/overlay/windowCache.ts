import { decodeDetectionsWindow } from '../../../electron/contract/detections-window.ts';
import { packWindow, type PackedWindow } from './packedWindow.ts';

/** Fetches detections with pts in [fromS, toS] as the binary window of detections.window. */
export type WindowFetcher = (fromS: number, toS: number) => Promise<ArrayBuffer>;

export interface WindowCacheOptions {
  fetch: WindowFetcher;
  /** Seconds per window; windows are aligned at multiples of it (key k covers [kW, (k+1)W]). */
  windowS?: number;
  /** Windows kept; the least recently used goes first. */
  capacity?: number;
  /** Fetch the next (or previous) window once the playhead is this close to the edge. */
  prefetchLeadS?: number;
  /** Called when a window arrives (to redraw, and to feed the activity strip). */
  onLoad?: (key: number, window: PackedWindow) => void;
  onError?: (error: unknown) => void;
  /** Clock in ms, for live refresh and retry spacing (tests pass a fake). */
  now?: () => number;
}

interface Entry {
  key: number;
  window: PackedWindow | null;
  loading: boolean;
  loadedAt: number;
  failedAt: number;
  used: number;
}

export interface WindowCache {
  readonly windowS: number;
  keyOf(t: number): number;
  /** Makes sure the window under t is loaded or loading, and prefetches the neighbour ahead. */
  ensure(t: number): void;
  /** The loaded window with this key, or null. Marks it used. Allocation-free. */
  window(key: number): PackedWindow | null;
  /**
   * While the analysis still runs, windows fill up: a live cache refetches a window once it is
   * older than liveRefreshMs when the playhead needs it (the old one stays shown meanwhile).
   */
  setLive(live: boolean): void;
  /** Forgets every window (detections changed: a track merge or split); fetches in flight are dropped. */
  clear(): void;
  loadedKeys(): number[];
  inFlight(): number;
}

const LIVE_REFRESH_MS = 2000;
const RETRY_AFTER_MS = 3000;

/**
 * A small LRU of detection windows around the playhead. Fetches go through `fetch` (the bridge's
 * detections.window); each key is fetched at most once at a time.
 */
export function createWindowCache(options: WindowCacheOptions): WindowCache {
  const windowS = options.windowS ?? 20;
  const capacity = Math.max(2, options.capacity ?? 6);
  const lead = options.prefetchLeadS ?? windowS / 4;
  const now = options.now ?? (() => performance.now());
  const entries = new Map<number, Entry>();
  let tick = 0;
  let live = false;
  let flights = 0;

  const evict = () => {
    while (entries.size > capacity) {
      let oldest: Entry | null = null;
      for (const entry of entries.values()) {
        if (entry.loading) continue;
        if (!oldest || entry.used < oldest.used) oldest = entry;
      }
      if (!oldest) return;
      entries.delete(oldest.key);
    }
  };

  const load = (key: number) => {
    if (key < 0) return;
    let entry = entries.get(key);
    const t = now();
    if (entry) {
      if (entry.loading) return;
      const stale = live && entry.window !== null && t - entry.loadedAt >= LIVE_REFRESH_MS;
      const retry = entry.window === null && t - entry.failedAt >= RETRY_AFTER_MS;
      if (!stale && !retry) return;
    } else {
      entry = {
        key,
        window: null,
        loading: false,
        loadedAt: 0,
        failedAt: 0,
        used: ++tick,
      };
      entries.set(key, entry);
    }
    const target = entry;
    target.loading = true;
    flights += 1;
    options
      .fetch(key * windowS, (key + 1) * windowS)
      .then((buffer) => {
        target.window = packWindow(decodeDetectionsWindow(buffer));
        target.loadedAt = now();
        options.onLoad?.(key, target.window);
      })
      .catch((error: unknown) => {
        target.failedAt = now();
        options.onError?.(error);
      })
      .finally(() => {
        target.loading = false;
        flights -= 1;
        evict();
      });
    evict();
  };

  return {
    windowS,
    keyOf: (t) => Math.floor(Math.max(0, t) / windowS),
    ensure(t) {
      const key = Math.floor(Math.max(0, t) / windowS);
      const entry = entries.get(key);
      if (entry) entry.used = ++tick;
      load(key);
      const into = Math.max(0, t) - key * windowS;
      // Prefetch ahead (and behind, for reverse shuttle) before the playhead gets there.
      if (into >= windowS - lead) load(key + 1);
      if (into <= lead && key > 0) load(key - 1);
    },
    window(key) {
      const entry = entries.get(key);
      if (!entry || !entry.window) return null;
      entry.used = ++tick;
      return entry.window;
    },
    setLive(value) {
      live = value;
    },
    clear() {
      entries.clear();
    },
    loadedKeys: () =>
      [...entries.values()]
        .filter((e) => e.window)
        .map((e) => e.key)
        .sort((a, b) => a - b),
    inFlight: () => flights,
  };
}
