import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { MAX_INTERPOLATION_GAP_S } from '../../../electron/contract/interpolation.ts';
import { drawOverlay } from '../overlay/drawOverlay.ts';
import { createFrameBoxes, lookupFrameBoxes, type WindowSource } from '../overlay/frameBoxes.ts';
import { OverlayCanvas } from '../overlay/OverlayCanvas.tsx';
import { packWindow } from '../overlay/packedWindow.ts';
import { createTrackStyle, hiddenClassTable } from '../overlay/trackStyle.ts';
import type { Detections } from '../overlay/useDetections.ts';
import { containRect } from '../overlay/videoRect.ts';
import { createWindowCache } from '../overlay/windowCache.ts';
import { addWindow, createActivity } from '../timeline/activity.ts';
import type { TimelineCode, TimelineEvent } from '../timeline/eventRows.ts';
import { Timeline } from '../timeline/Timeline.tsx';
import { TID } from '../testids.ts';
import { benchStats, record, reset, summary } from './benchStats.ts';
import { syntheticFrames, syntheticWindow } from './syntheticGame.ts';

/**
 * The UI benchmark's hook (tests/bench/ui-bench.spec.ts): the real overlay and timeline components
 * fed a synthetic 2-hour game (15 analysed fps × 20 boxes, 5,000 events), timed with
 * performance.now(). main.tsx loads this module by a dynamic import only when the page address
 * has ?bench, so the app's own bundle carries none of it.
 */
const GAME_S = 7200;
const ANALYSED_FPS = 15;
const BOXES = 20;
const CLASS_NAMES = Array.from({ length: 80 }, (_, i) =>
  i === 0 ? 'person' : i === 32 ? 'sports ball' : `class ${i}`,
);

type Stat = ReturnType<typeof summary>;
export interface UiBench {
  overlayDraw(samples: number): Stat;
  timelinePanZoom(steps: number): Promise<Stat & { events: number }>;
  overlayCallbackToDrawn(frames: number): Promise<Stat>;
  overlayCallbackToDrawnAfterSeek(seeks: number): Promise<Stat & { fetchedPerSeek: number; timeouts: number }>;
}
declare global {
  interface Window {
    __rinksideBench?: UiBench;
  }
}

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
const stat = (values: number[]): Stat => summary({ values: Float64Array.from(values), count: values.length });

/** Windows fetched so far (the after-seek bench checks its seeks really had to fetch). */
let windowsFetched = 0;

const videoSelector = `video[data-testid="${TID.videoElement}"]`;

// The components' paint taps (stable functions: a new one would restart their draw loops).
const overlayPainted = (frameCallbackAt: number) => {
  // Only frame callbacks that came while the bench was timing count.
  if (frameCallbackAt >= benchStats.callbackToDrawn.enabledAt)
    record(benchStats.callbackToDrawn, performance.now() - frameCallbackAt);
};
const timelinePainted = (paintMs: number) => record(benchStats.timelinePaint, paintMs);

function syntheticDetections(): Detections {
  const listeners = new Set<() => void>();
  const cache = createWindowCache({
    fetch: async (fromS, toS) => {
      windowsFetched += 1;
      return syntheticWindow(fromS, toS, ANALYSED_FPS, BOXES);
    },
    onError: (error) => console.warn('bench window failed', error),
    // As useDetections does: a window that arrives redraws the overlay.
    onLoad: () => listeners.forEach((listener) => listener()),
  });
  const detections: Detections = {
    runId: 'bench',
    cache,
    activity: createActivity(GAME_S),
    onLoad: listeners,
    classIds: [0, 32],
    version: 0,
  };
  return detections;
}

function syntheticEvents(count: number): { events: TimelineEvent[]; codes: TimelineCode[] } {
  const codes = Array.from({ length: 15 }, (_, i) => ({
    id: `code-${i}`,
    name: `code ${i}`,
    colour: `hsl(${i * 24}, 70%, 60%)`,
    sortOrder: i,
  }));
  const events = Array.from({ length: count }, (_, i) => {
    const startS = ((i * 7919) % (GAME_S * 10)) / 10;
    return {
      id: `e${i}`,
      videoId: 'bench',
      deleted: false,
      codeId: `code-${i % 15}`,
      codeName: '',
      startS,
      endS: startS + (i % 4) * 3,
    };
  });
  return { events, codes };
}

function fullActivity() {
  const activity = createActivity(GAME_S);
  for (let from = 0; from < GAME_S; from += 600) {
    const frames = syntheticFrames(from, from + 600, 1, BOXES); // one frame a second is enough for the strip
    addWindow(activity, packWindow({ t0: from, t1: from + 600, frames }));
  }
  return activity;
}

function overlayDraw(samples: number): Stat {
  const canvas = document.createElement('canvas');
  const dpr = window.devicePixelRatio || 1;
  canvas.style.width = '1280px';
  canvas.style.height = '720px';
  canvas.width = 1280 * dpr;
  canvas.height = 720 * dpr;
  document.body.append(canvas);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d context');
  const window0 = packWindow({ t0: 0, t1: 20, frames: syntheticFrames(0, 20, ANALYSED_FPS, 30) });
  const source: WindowSource = { windowS: 20, window: (key) => (key === 0 ? window0 : null) };
  const style = createTrackStyle({
    classNames: CLASS_NAMES,
    players: new Map(),
    showLabels: true,
    hiddenClasses: hiddenClassTable(CLASS_NAMES, []),
    hoverTrack: 3,
    selectedTrack: 5,
  });
  const rect = containRect(1280, 720, 1920, 1080);
  const boxes = createFrameBoxes();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = ((i * 0.37) % 19.5) + 0.01;
    const started = performance.now();
    lookupFrameBoxes(source, t, { toleranceS: 1 / 30, maxGapS: MAX_INTERPOLATION_GAP_S }, boxes);
    drawOverlay(context, boxes, rect, dpr, style);
    times.push(performance.now() - started);
  }
  // Flush the canvas once so deferred rasterisation is not silently skipped.
  context.getImageData(0, 0, 1, 1);
  canvas.remove();
  return stat(times);
}

interface SceneApi {
  setDetections: (detections: Detections) => void;
}

function Scene({ register }: { register: (api: SceneApi) => void }) {
  const [detections, setDetections] = useState<Detections>(syntheticDetections);
  const [game] = useState(() => ({ rows: syntheticEvents(5000), activity: fullActivity() }));
  const video = document.querySelector<HTMLVideoElement>(videoSelector);
  register({ setDetections });
  return (
    <div>
      {video ? (
        <div
          className="player__frame"
          style={{ width: video.clientWidth, height: video.clientHeight, position: 'relative' }}
        >
          <OverlayCanvas
            videoRef={{ current: video }}
            detections={detections}
            classNames={CLASS_NAMES}
            fps={ANALYSED_FPS}
            timeShiftS={3600}
            initialTimeS={0}
            onBackgroundClick={() => undefined}
            onPaint={overlayPainted}
          />
        </div>
      ) : null}
      <div style={{ width: 1200 }} data-bench-timeline>
        <Timeline
          videoId="bench"
          durationS={GAME_S}
          fps={30}
          presentedTime={3600}
          activity={game.activity}
          activityVersion={1}
          onSeek={() => undefined}
          rowsFrom={game.rows}
          onPaint={timelinePainted}
        />
      </div>
    </div>
  );
}

async function timelinePanZoom(steps: number): Promise<Stat & { events: number }> {
  const canvas = document.querySelector<HTMLCanvasElement>('[data-bench-timeline] canvas');
  if (!canvas) throw new Error('bench timeline not mounted');
  await nextFrame();
  const bounds = canvas.getBoundingClientRect();
  const times: number[] = [];
  reset(benchStats.timelinePaint, true);
  for (let i = 0; i < steps; i++) {
    // Zoom in over 40 steps (whole game → seconds), pan, zoom back out; the cursor wanders.
    const phase = i % 120;
    const zoom = phase < 40 ? -120 : phase >= 80 ? 120 : 0;
    const event = new WheelEvent('wheel', {
      deltaY: zoom !== 0 ? zoom : 0,
      deltaX: zoom === 0 ? (phase % 20 < 10 ? 80 : -80) : 0,
      clientX: bounds.left + ((i * 97) % bounds.width),
      clientY: bounds.top + 40,
      cancelable: true,
      bubbles: true,
    });
    const before = benchStats.timelinePaint.count;
    const started = performance.now();
    canvas.dispatchEvent(event);
    const handler = performance.now() - started;
    await nextFrame();
    await nextFrame();
    const painted =
      benchStats.timelinePaint.count > before
        ? (benchStats.timelinePaint.values[benchStats.timelinePaint.count - 1] as number)
        : 0;
    times.push(handler + painted);
  }
  reset(benchStats.timelinePaint, false);
  return { ...stat(times), events: 5000 };
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > until) return false;
    await nextFrame();
  }
  return true;
}

export function installBenchHook(): void {
  if (window.__rinksideBench) return;
  let scene: SceneApi | null = null;
  let mounted = false;
  const mount = async () => {
    if (mounted) return;
    mounted = true;
    const container = document.createElement('div');
    container.style.cssText = 'position:fixed;left:0;top:0;z-index:10;background:#000;';
    document.body.append(container);
    createRoot(container).render(<Scene register={(api) => (scene = api)} />);
    await waitFor(() => scene !== null && document.querySelector('[data-bench-timeline] canvas') !== null, 5000);
    await nextFrame();
  };
  const video = () => {
    const element = document.querySelector<HTMLVideoElement>(videoSelector);
    if (!element) throw new Error('open a video first');
    return element;
  };

  window.__rinksideBench = {
    overlayDraw,
    timelinePanZoom: async (steps) => {
      await mount();
      return timelinePanZoom(steps);
    },
    overlayCallbackToDrawn: async (frames) => {
      await mount();
      const element = video();
      element.currentTime = 0;
      await waitFor(() => !element.seeking, 5000);
      reset(benchStats.callbackToDrawn, true);
      element.playbackRate = 2;
      await element.play();
      await waitFor(() => benchStats.callbackToDrawn.count >= frames || element.ended, 60_000);
      element.pause();
      element.playbackRate = 1;
      const result = summary(benchStats.callbackToDrawn);
      reset(benchStats.callbackToDrawn, false);
      return result;
    },
    overlayCallbackToDrawnAfterSeek: async (seeks) => {
      await mount();
      const element = video();
      element.pause();
      element.currentTime = 0;
      await waitFor(() => !element.seeking, 5000);
      const times: number[] = [];
      let timeouts = 0;
      const fetchedBefore = windowsFetched;
      for (let i = 0; i < seeks; i++) {
        // A far seek in a 2-hour game: the window under the new playhead is not cached.
        const fresh = syntheticDetections();
        scene?.setDetections(fresh);
        await nextFrame();
        await nextFrame();
        fresh.cache.clear();
        reset(benchStats.callbackToDrawn, true);
        element.currentTime = 0.5 + ((i * 3.7) % 9);
        if (await waitFor(() => benchStats.callbackToDrawn.count > 0, 2000))
          times.push(benchStats.callbackToDrawn.values[0] as number);
        else timeouts += 1;
      }
      reset(benchStats.callbackToDrawn, false);
      return { ...stat(times), fetchedPerSeek: (windowsFetched - fetchedBefore) / seeks, timeouts };
    },
  };
}
