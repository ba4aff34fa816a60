import { useEffect, useMemo, useRef, useState } from 'react';
import { addWindow, createActivity, type Activity } from '../timeline/activity.ts';
import { packWindow, type PackedWindow } from './packedWindow.ts';
import { decodeDetectionsWindow } from '../../../electron/contract/detections-window.ts';
import { createWindowCache, type WindowCache, type WindowFetcher } from './windowCache.ts';

export interface Detections {
  runId: string;
  cache: WindowCache;
  activity: Activity;
  /** Changes whenever a window arrives: the overlay redraws, the timeline repaints its strip. */
  version: number;
  /** Listeners called on every window load (the overlay redraws without a React render). */
  onLoad: Set<() => void>;
  /** Class ids seen in the windows loaded so far (the class toggles), ascending. */
  classIds: number[];
}

function markClasses(seen: Uint8Array, window: PackedWindow): void {
  for (let i = 0; i < window.classId.length; i++) seen[window.classId[i] as number] = 1;
}

/** The activity strip covers the whole game in 10-minute passes (the window command's maximum). */
const ACTIVITY_PASS_S = 600;

/**
 * Detections of one run for the open video: the window cache around the playhead (overlay) and
 * the boxes-per-second strip (timeline). A new cache per run and per "finished" state, so windows
 * fetched while the analysis ran are not kept once it is done.
 */
export function useDetections(
  runId: string | null,
  live: boolean,
  durationS: number,
  fetchWindow: (runId: string, fromS: number, toS: number) => Promise<ArrayBuffer>,
  trackEdits = 0,
): Detections | null {
  const [version, setVersion] = useState(0);
  const source = useMemo(() => {
    if (!runId) return null;
    const listeners = new Set<() => void>();
    const activity = createActivity(durationS);
    const seen = new Uint8Array(256);
    const fetch: WindowFetcher = (fromS, toS) => fetchWindow(runId, fromS, toS);
    const cache = createWindowCache({
      fetch,
      onLoad: (_key, window) => {
        addWindow(activity, window);
        markClasses(seen, window);
        for (const listener of listeners) listener();
        setVersion((v) => v + 1);
      },
      onError: (error) => console.warn('detections window failed', error),
    });
    return { runId, cache, activity, seen, onLoad: listeners, finished: !live };
    // `live` only matters at the switch to finished, handled below by a fresh source.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runId, durationS, fetchWindow, live ? 'live' : 'finished']);

  useEffect(() => {
    source?.cache.setLive(live);
  }, [source, live]);

  // After a merge or split the stored boxes read back with other track ids: drop cached windows
  // and redraw (the overlay's next draw fetches them again). Box counts, so the strip, are unchanged.
  const editsSeen = useRef(trackEdits);
  useEffect(() => {
    if (!source || editsSeen.current === trackEdits) return;
    editsSeen.current = trackEdits;
    source.cache.clear();
    for (const listener of source.onLoad) listener();
  }, [source, trackEdits]);

  // A finished run: fill the activity strip for the whole game in the background, pass by pass.
  useEffect(() => {
    if (!source || !source.finished) return;
    let stopped = false;
    void (async () => {
      for (let from = 0; from < durationS && !stopped; from += ACTIVITY_PASS_S) {
        try {
          const buffer = await fetchWindow(source.runId, from, from + ACTIVITY_PASS_S);
          if (stopped) return;
          const window = packWindow(decodeDetectionsWindow(buffer));
          addWindow(source.activity, window);
          markClasses(source.seen, window);
          setVersion((v) => v + 1);
        } catch {
          return; // the strip fills from the playhead's windows instead
        }
      }
    })();
    return () => {
      stopped = true;
    };
  }, [source, durationS, fetchWindow]);

  return useMemo(() => {
    if (!source) return null;
    const classIds: number[] = [];
    source.seen.forEach((flag, id) => {
      if (flag) classIds.push(id);
    });
    return {
      runId: source.runId,
      cache: source.cache,
      activity: source.activity,
      onLoad: source.onLoad,
      classIds,
      version,
    };
  }, [source, version]);
}
