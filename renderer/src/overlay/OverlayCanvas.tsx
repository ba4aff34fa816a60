import { useEffect, useMemo, useRef, type RefObject } from 'react';
import { MAX_INTERPOLATION_GAP_S } from '../../../electron/contract/interpolation.ts';
import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';
import { drawOverlay, hitTrack } from './drawOverlay.ts';
import { createFrameBoxes, lookupFrameBoxes, type LookupOptions } from './frameBoxes.ts';
import { createTrackStyle, hiddenClassTable, teamLook, type TrackPlayer } from './trackStyle.ts';
import type { Detections } from './useDetections.ts';
import { containRect } from './videoRect.ts';

interface Props {
  videoRef: RefObject<HTMLVideoElement | null>;
  detections: Detections | null;
  classNames: readonly string[];
  fps: number;
  /** Original time = presented (proxy) time + shift. */
  timeShiftS: number;
  /** Where the frame clock starts before the first rVFC callback. */
  initialTimeS: number;
  /** A click that hits no box (the video's own click: play/pause). */
  onBackgroundClick: () => void;
  /**
   * Told after each draw that shows a frame callback's boxes (a draw still waiting for its window
   * waits with it), with the time that callback came (performance.now()): the UI benchmark's tap
   * for callback → drawn. The app passes none, so its frames pay no extra clock read.
   */
  onPaint?: (frameCallbackAt: number) => void;
}

/**
 * Boxes over the <video>, drawn in requestVideoFrameCallback for the exact presented frame
 * (metadata.mediaTime), outside React: a render per frame would be too slow and too late.
 */
export function OverlayCanvas({
  videoRef,
  detections,
  classNames,
  fps,
  timeShiftS,
  initialTimeS,
  onBackgroundClick,
  onPaint,
}: Props) {
  const s = useApp((state) => ({
    hiddenClasses: state.hiddenClasses,
    showLabels: state.showLabels,
    // The roster's picked track follows a clicked box, and can also be chosen there: highlight it.
    selectedTrack: state.pickedTrack ?? state.selectedTrack,
    trackPlayers: state.trackPlayers,
    trackPlayersRunId: state.trackPlayersRunId,
    roster: state.roster,
    selectTrack: state.selectTrack,
    loadTrackPlayers: state.loadTrackPlayers,
    affiliations: state.affiliations,
    showOffIce: state.showOffIce,
    loadAffiliations: state.loadAffiliations,
  }));
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const runId = detections?.runId ?? null;
  // Stable per run: the draw loop must not restart each time a window arrives.
  const cache = detections?.cache ?? null;
  const loadListeners = detections?.onLoad ?? null;
  const { loadTrackPlayers, loadAffiliations } = s;

  useEffect(() => {
    if (runId) void loadTrackPlayers(runId);
  }, [runId, loadTrackPlayers]);

  // Teams by jersey: reloaded when the run changes, or its tracks do (a merge re-pools samples).
  useEffect(() => {
    if (runId) void loadAffiliations(runId);
  }, [runId, loadAffiliations, s.trackPlayers]);
  const teams = useMemo(
    () => teamLook(s.affiliations?.runId === runId ? s.affiliations : null, s.roster, s.showOffIce),
    [s.affiliations, s.roster, s.showOffIce, runId],
  );

  const players = useMemo(() => {
    const linked = new Map<number, TrackPlayer>();
    if (s.trackPlayersRunId !== runId || !s.roster) return linked;
    for (const [trackId, playerId] of Object.entries(s.trackPlayers)) {
      const player = playerId ? s.roster.players.find((p) => p.id === playerId) : undefined;
      if (!player) continue;
      const team = s.roster.teams.find((t) => t.id === player.teamId);
      linked.set(Number(trackId), {
        name: player.name,
        number: player.number,
        colour: team?.colour ?? null,
      });
    }
    return linked;
  }, [s.trackPlayers, s.trackPlayersRunId, s.roster, runId]);

  const hidden = useMemo(() => hiddenClassTable(classNames, s.hiddenClasses), [classNames, s.hiddenClasses]);
  const selected = s.selectedTrack && s.selectedTrack.runId === runId ? s.selectedTrack.trackId : -1;
  const style = useMemo(
    () =>
      createTrackStyle({
        classNames,
        players,
        showLabels: s.showLabels,
        hiddenClasses: hidden,
        hoverTrack: -1,
        selectedTrack: selected,
        teams,
      }),
    [classNames, players, s.showLabels, hidden, selected, teams],
  );

  // Everything the draw needs, in refs, so the frame callback never waits for React.
  const styleRef = useRef(style);
  const drawRef = useRef<() => void>(() => undefined);
  const boxes = useRef(createFrameBoxes()).current;
  const rectRef = useRef(containRect(0, 0, 0, 0));
  const lastTime = useRef(initialTimeS);

  useEffect(() => {
    style.hoverTrack = styleRef.current.hoverTrack;
    styleRef.current = style;
    drawRef.current();
  }, [style]);

  useEffect(() => {
    const video = videoRef.current;
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!video || !canvas || !context) return;
    const lookup: LookupOptions = {
      toleranceS: fps > 0 ? 0.5 / fps : 0.02,
      maxGapS: MAX_INTERPOLATION_GAP_S,
    };
    let cssWidth = 0;
    let cssHeight = 0;
    let dpr = 1;
    let shownFrame = -2;
    let shownCount = -1;
    // When the last frame callback came (onPaint only): a draw that still waits for its window keeps it.
    let callbackAt = 0;

    const resize = () => {
      cssWidth = video.clientWidth;
      cssHeight = video.clientHeight;
      dpr = window.devicePixelRatio || 1;
      const width = Math.round(cssWidth * dpr);
      const height = Math.round(cssHeight * dpr);
      if (canvas.width !== width || canvas.height !== height) {
        canvas.width = width;
        canvas.height = height;
      }
      rectRef.current = containRect(cssWidth, cssHeight, video.videoWidth, video.videoHeight);
    };

    const draw = () => {
      if (!cache) {
        boxes.count = 0;
        boxes.frameIndex = -1;
        boxes.source = 'none';
      } else {
        const t = lastTime.current + timeShiftS;
        cache.ensure(t);
        lookupFrameBoxes(cache, t, lookup, boxes);
      }
      drawOverlay(context, boxes, rectRef.current, dpr, styleRef.current);
      if (callbackAt > 0 && boxes.source !== 'loading') {
        onPaint?.(callbackAt);
        callbackAt = 0;
      }
      // For tests and the analyst's tools: which stored frame is drawn. Only touched on change.
      if (boxes.frameIndex !== shownFrame || boxes.count !== shownCount) {
        shownFrame = boxes.frameIndex;
        shownCount = boxes.count;
        canvas.dataset['frame'] = String(shownFrame);
        canvas.dataset['boxes'] = String(shownCount);
      }
      canvas.dataset['source'] = boxes.source;
    };
    drawRef.current = draw;

    let handle = 0;
    const onFrame: VideoFrameRequestCallback = (_now, metadata) => {
      lastTime.current = metadata.mediaTime;
      if (onPaint) callbackAt = performance.now();
      draw();
      handle = video.requestVideoFrameCallback(onFrame);
    };
    handle = video.requestVideoFrameCallback(onFrame);
    const observer = new ResizeObserver(() => {
      resize();
      draw();
    });
    observer.observe(video);
    const onMetadata = () => {
      resize();
      draw();
    };
    video.addEventListener('loadedmetadata', onMetadata);
    const onLoad = () => draw();
    loadListeners?.add(onLoad);
    resize();
    draw();
    return () => {
      video.cancelVideoFrameCallback(handle);
      observer.disconnect();
      video.removeEventListener('loadedmetadata', onMetadata);
      loadListeners?.delete(onLoad);
      drawRef.current = () => undefined;
    };
  }, [videoRef, cache, loadListeners, fps, timeShiftS, boxes, onPaint]);

  const pointAt = (event: React.PointerEvent<HTMLCanvasElement> | React.MouseEvent<HTMLCanvasElement>) => {
    const bounds = event.currentTarget.getBoundingClientRect();
    return hitTrack(
      boxes,
      rectRef.current,
      styleRef.current.hiddenClasses,
      event.clientX - bounds.left,
      event.clientY - bounds.top,
      styleRef.current.markOf,
    );
  };

  return (
    <canvas
      ref={canvasRef}
      className="overlay-canvas"
      data-testid={TID.overlayCanvas}
      data-frame="-1"
      aria-hidden="true"
      onPointerMove={(event) => {
        const track = pointAt(event);
        const hover = track >= 0 ? track : -1;
        event.currentTarget.style.cursor = track === -1 ? '' : 'pointer';
        if (hover === styleRef.current.hoverTrack) return;
        styleRef.current.hoverTrack = hover;
        drawRef.current();
      }}
      onPointerLeave={() => {
        if (styleRef.current.hoverTrack === -1) return;
        styleRef.current.hoverTrack = -1;
        drawRef.current();
      }}
      onClick={(event) => {
        const track = pointAt(event);
        if (track === -1) return onBackgroundClick();
        if (track < 0 || !runId) return;
        s.selectTrack(selected === track ? null : { runId, trackId: track });
      }}
    />
  );
}
