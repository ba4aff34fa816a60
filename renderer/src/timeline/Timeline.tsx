import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import { formatTimecode } from '../lib/timecode.ts';
import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';
import type { Activity } from './activity.ts';
import { drawTimeline, RULER_H, ACTIVITY_H, timelineHeight, ROW_H } from './drawTimeline.ts';
import { buildEventRows, eventAt, type TimelineCode, type TimelineEvent } from './eventRows.ts';
import { useThumbnail } from './useThumbnail.ts';
import {
  clampView,
  fitView,
  panBy,
  reveal,
  timeToX,
  xToTime,
  zoomAt,
  type TimelineBounds,
  type TimelineView,
} from './view.ts';

interface Props {
  videoId: string;
  durationS: number;
  fps: number;
  /** The presented frame's time (original clock). */
  presentedTime: number;
  activity: Activity | null;
  activityVersion: number;
  /** Seek the player to a time (original clock); called many times while scrubbing. */
  onSeek: (timeS: number) => void;
  /** Rows from these instead of the store's tagging slices (the UI benchmark's synthetic game). */
  rowsFrom?: { events: readonly TimelineEvent[]; codes: readonly TimelineCode[] };
  /** Told how long each paint took, in ms (the UI benchmark's tap for pan/zoom work). */
  onPaint?: (paintMs: number) => void;
}

type Drag = { kind: 'scrub' } | { kind: 'pan'; lastX: number; movedPx: number; downX: number };

/**
 * The whole game down to single frames on one canvas: ruler, activity strip, a row per code.
 * Pan and zoom redraw in the next animation frame from refs (no React render); the playhead
 * follows the presented frame and drags to scrub.
 */
export function Timeline({
  videoId,
  durationS,
  fps,
  presentedTime,
  activity,
  activityVersion,
  onSeek,
  rowsFrom,
  onPaint,
}: Props) {
  const { storeEvents, storeCodes, fetchThumbnail } = useApp((s) => ({
    storeEvents: s.events,
    storeCodes: s.codes,
    fetchThumbnail: s.fetchThumbnail,
  }));
  const events = rowsFrom?.events ?? storeEvents;
  const codes = rowsFrom?.codes ?? storeCodes;
  // A row only for the codes tagged on this video: a game's fifteen-odd codes as empty rows would
  // push the timeline off a laptop's screen.
  const rows = useMemo(
    () =>
      buildEventRows(
        events.filter((e) => e.videoId === videoId && !e.deleted),
        codes,
      ).filter((row) => row.ids.length > 0),
    [events, codes, videoId],
  );
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const boxRef = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(0);
  const bounds = useMemo<TimelineBounds>(
    () => ({ durationS, widthPx: Math.max(1, width), fps }),
    [durationS, width, fps],
  );
  const viewRef = useRef<TimelineView>(fitView(bounds));
  const [hover, setHover] = useState<{ x: number; t: number } | null>(null);
  const drag = useRef<Drag | null>(null);
  const frame = useRef(0);
  const playheadRef = useRef<HTMLDivElement | null>(null);
  const height = timelineHeight(rows.length);

  const paint = useCallback(() => {
    const startedAt = performance.now();
    frame.current = 0;
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context || width === 0) return;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
    }
    const view = viewRef.current;
    drawTimeline(
      context,
      {
        view,
        widthPx: width,
        durationS,
        fps,
        rows,
        activity,
        playheadS: presentedTime,
      },
      dpr,
    );
    const x = timeToX(view, presentedTime);
    if (playheadRef.current) {
      playheadRef.current.style.transform = `translateX(${Math.round(x) - 1}px)`;
      playheadRef.current.style.visibility = x >= 0 && x <= width ? 'visible' : 'hidden';
    }
    onPaint?.(performance.now() - startedAt);
  }, [width, height, durationS, fps, rows, activity, presentedTime, onPaint]);

  const schedule = useCallback(() => {
    if (frame.current === 0) frame.current = requestAnimationFrame(paint);
  }, [paint]);

  const setView = useCallback(
    (next: TimelineView) => {
      viewRef.current = next;
      schedule();
    },
    [schedule],
  );

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const observer = new ResizeObserver(() => setWidth(box.clientWidth));
    observer.observe(box);
    setWidth(box.clientWidth);
    return () => observer.disconnect();
  }, []);

  // A new width or game keeps the zoom if it can; follow the playhead unless the analyst drags.
  useLayoutEffect(() => {
    viewRef.current = clampView(viewRef.current, bounds);
    if (!drag.current) viewRef.current = reveal(viewRef.current, bounds, presentedTime);
    paint();
  }, [bounds, presentedTime, paint, activityVersion]);

  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const localX = (event: { clientX: number }) => event.clientX - (canvasRef.current?.getBoundingClientRect().left ?? 0);
  const localY = (event: { clientY: number }) => event.clientY - (canvasRef.current?.getBoundingClientRect().top ?? 0);
  const clampTime = (t: number) => Math.min(durationS, Math.max(0, t));

  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    const x = localX(event);
    const onPlayhead = Math.abs(x - timeToX(viewRef.current, presentedTime)) <= 6;
    if (localY(event) < RULER_H + ACTIVITY_H || onPlayhead) {
      drag.current = { kind: 'scrub' };
      onSeek(clampTime(xToTime(viewRef.current, x)));
    } else drag.current = { kind: 'pan', lastX: x, movedPx: 0, downX: x };
  };
  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    const x = localX(event);
    const current = drag.current;
    if (current?.kind === 'scrub') onSeek(clampTime(xToTime(viewRef.current, x)));
    else if (current?.kind === 'pan') {
      setView(panBy(viewRef.current, bounds, current.lastX - x));
      current.movedPx += Math.abs(current.lastX - x);
      current.lastX = x;
    }
    setHover(current ? null : { x, t: clampTime(xToTime(viewRef.current, x)) });
  };
  const onPointerUp = (event: PointerEvent<HTMLCanvasElement>) => {
    const current = drag.current;
    drag.current = null;
    if (current?.kind !== 'pan' || current.movedPx > 3) return;
    // A click on a row: jump to the event under it, else to that time.
    const t = xToTime(viewRef.current, current.downX);
    const row = rows[Math.floor((localY(event) - RULER_H - ACTIVITY_H) / ROW_H)];
    const hit = row ? eventAt(row, t, 3 / viewRef.current.pxPerS) : -1;
    onSeek(clampTime(row && hit >= 0 ? (row.starts[hit] as number) : t));
  };
  const onWheel = (event: WheelEvent) => {
    const x = localX(event);
    if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
      setView(panBy(viewRef.current, bounds, event.shiftKey ? event.deltaY || event.deltaX : event.deltaX));
    } else setView(zoomAt(viewRef.current, bounds, x, Math.exp(-event.deltaY * 0.002)));
  };
  // Native, non-passive: React's wheel listener is passive, so the page would scroll too.
  const wheelRef = useRef(onWheel);
  useEffect(() => {
    wheelRef.current = onWheel;
  });
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const listener = (event: WheelEvent) => {
      event.preventDefault();
      wheelRef.current(event);
    };
    canvas.addEventListener('wheel', listener, { passive: false });
    return () => canvas.removeEventListener('wheel', listener);
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const view = viewRef.current;
    const playheadX = Math.min(width, Math.max(0, timeToX(view, presentedTime)));
    const actions: Record<string, () => TimelineView> = {
      '+': () => zoomAt(view, bounds, playheadX, 2),
      '=': () => zoomAt(view, bounds, playheadX, 2),
      '-': () => zoomAt(view, bounds, playheadX, 0.5),
      '0': () => fitView(bounds),
      '[': () => panBy(view, bounds, -width / 4),
      ']': () => panBy(view, bounds, width / 4),
      Home: () => clampView({ ...view, startS: 0 }, bounds),
      End: () => clampView({ ...view, startS: durationS }, bounds),
    };
    const action = actions[event.key];
    if (!action || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    event.stopPropagation();
    setView(action());
  };

  const quantumS = Math.max(fps > 0 ? 1 / fps : 0.04, 2 / viewRef.current.pxPerS);
  const thumbnail = useThumbnail(videoId, hover?.t ?? null, quantumS, fetchThumbnail);

  return (
    <div
      className="timeline"
      data-testid={TID.timeline}
      tabIndex={0}
      role="group"
      aria-label="Timeline: drag the ruler to scrub, wheel to zoom, Shift+wheel to pan; keys + − 0 [ ] Home End"
      onKeyDown={onKeyDown}
    >
      {/* Row names in their own column: over the lanes they hid the first seconds of every row. */}
      <ol className="timeline__names" style={{ paddingTop: RULER_H + ACTIVITY_H }}>
        {rows.map((row) => (
          <li key={row.codeId} style={{ height: ROW_H }} title={row.name} data-testid={TID.timelineRowName}>
            {row.name}
          </li>
        ))}
      </ol>
      <div ref={boxRef} className="timeline__lanes">
        <canvas
          ref={canvasRef}
          style={{ width: '100%', height }}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => (drag.current = null)}
          onPointerLeave={() => setHover(null)}
        />
        <div
          ref={playheadRef}
          className="timeline__playhead"
          data-testid={TID.timelinePlayhead}
          aria-hidden="true"
          data-time={presentedTime.toFixed(3)}
          style={{ height }}
        />
        {hover ? (
          <div className="timeline__hover" style={hoverPlace(canvasRef.current, width, hover.x)}>
            {thumbnail ? <img src={thumbnail} alt="" width={160} /> : null}
            <span>{formatTimecode(hover.t)}</span>
          </div>
        ) : null}
      </div>
    </div>
  );
}

/**
 * The hover card floats above the timeline in window coordinates: a short timeline at the bottom
 * of the window (and its scrolling panel) would otherwise clip the thumbnail.
 */
function hoverPlace(canvas: HTMLCanvasElement | null, width: number, x: number): CSSProperties {
  const rect = canvas?.getBoundingClientRect();
  const left = Math.max(0, Math.min(width - 170, x - 85));
  if (!rect) return { left };
  return {
    position: 'fixed',
    left: rect.left + left,
    top: rect.top - 4,
    bottom: 'auto',
    transform: 'translateY(-100%)',
  };
}
