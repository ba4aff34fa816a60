import { useCallback, useEffect, useMemo, useRef, type CSSProperties } from 'react';
import { createPortal } from 'react-dom';
import type { Video } from '../../../electron/contract/index.ts';
import { frameIndexAt, seekTimeForFrame, type FrameTiming } from '../lib/frames.ts';
import { useWorkspaceSlots } from '../layout/WorkspaceSlots.ts';
import type { PlayerAction } from '../lib/keymap.ts';
import { checkPlayable, describeMediaError } from '../playback/checkPlayable.ts';
import { usePlaybackDriver } from '../playback/usePlaybackDriver.ts';
import { usePlaybackKeys } from '../playback/usePlaybackKeys.ts';
import { usePlaybackTransport } from '../playback/usePlaybackTransport.ts';
import { usePresentedTime } from '../playback/usePresentedTime.ts';
import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';
import { PlayabilityNotice } from './PlayabilityNotice.tsx';
import { RelinkNotice } from './RelinkNotice.tsx';
import { TransportControls } from './TransportControls.tsx';
import { OverlayCanvas } from '../overlay/OverlayCanvas.tsx';
import { RinkRegionLayer } from '../overlay/RinkRegionLayer.tsx';
import { useTrackerData } from '../overlay/useTrackerData.ts';
import { TimelinePanel } from './TimelinePanel.tsx';

/** The open video: checks it can play here, else offers the fix; frame-accurate transport. */
export function VideoPlayer() {
  const { video } = useApp((s) => ({ video: s.videos.find((v) => v.id === s.currentVideoId) }));
  if (!video) {
    return (
      <div className="empty-state video-player-empty">
        <p>No video open.</p>
        <p className="muted">Import this game's video in the Library (Alt+L), then pick it there or above.</p>
      </div>
    );
  }
  // Keyed so a different video (or its new playable copy) starts from clean element state.
  return <OpenVideo key={`${video.id}:${video.path}:${video.proxyPath ?? ''}`} video={video} />;
}

function OpenVideo({ video }: { video: Video }) {
  const {
    mediaSrc,
    mediaChanged,
    playability,
    shuttle,
    loadMedia,
    setPlayability,
    setShuttle,
    showError,
    takePendingFrame,
  } = useApp((s) => ({
    takePendingFrame: s.takePendingFrame,
    mediaSrc: s.mediaSrc,
    mediaChanged: s.mediaChanged,
    playability: s.playability,
    shuttle: s.shuttle,
    loadMedia: s.loadMedia,
    setPlayability: s.setPlayability,
    setShuttle: s.setShuttle,
    showError: s.showError,
  }));
  const variant = video.proxyPath ? 'proxy' : 'original';
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const slots = useWorkspaceSlots();
  const goToRef = useRef<HTMLInputElement | null>(null);
  const { probe } = video;
  const timing = useMemo<FrameTiming>(
    () => ({ fps: probe.fps, firstFrameTimeS: probe.firstFrameTimeS, frameCount: probe.frameCount }),
    [probe.fps, probe.firstFrameTimeS, probe.frameCount],
  );

  useEffect(() => {
    void loadMedia(video.id, variant);
  }, [loadMedia, video.id, variant]);

  // Decide at run time whether this browser decodes the file, before the analyst presses play.
  useEffect(() => {
    if (!mediaSrc || playability !== 'unknown') return;
    if (variant === 'proxy') {
      setPlayability('playable'); // our own H.264/MP4 copy; the error event still guards it
      return;
    }
    let current = true;
    setPlayability('checking');
    void checkPlayable(probe).then((verdict) => {
      if (!current) return;
      if (verdict.ok) setPlayability('playable');
      else setPlayability('unplayable', verdict.reason);
    });
    return () => {
      current = false;
    };
  }, [mediaSrc, playability, variant, probe, setPlayability]);

  const presentedTime = usePresentedTime(videoRef, mediaSrc, probe.firstFrameTimeS);
  const tracker = useTrackerData(video, variant);
  const frameIndex = frameIndexAt(timing, presentedTime);
  const stop = useCallback(() => setShuttle(0), [setShuttle]);
  usePlaybackDriver(videoRef, playability === 'unplayable' ? 0 : shuttle, timing, stop);
  const transport = usePlaybackTransport(videoRef, timing, probe.variableFrameRate, presentedTime, shuttle, setShuttle);

  const onAction = useCallback(
    (action: PlayerAction) => {
      if (action === 'focusGoTo') goToRef.current?.focus();
      else transport.run(action);
    },
    [transport],
  );
  usePlaybackKeys(playability !== 'unplayable' && mediaSrc !== null, onAction);

  if (playability === 'unplayable') return <PlayabilityNotice video={video} />;

  const onError = () => {
    const verdict = describeMediaError(videoRef.current?.error ?? null);
    setShuttle(0);
    if (verdict.unplayable) setPlayability('unplayable', verdict.reason);
    else showError({ kind: 'internal', message: verdict.reason }, `Playing ${video.fileName}`);
  };
  const onLoadedMetadata = () => {
    // Some codecs "load" with audio only: no picture means the player cannot show this file.
    if (videoRef.current && videoRef.current.videoWidth === 0) {
      setPlayability('unplayable', 'The player found no picture it can decode in this file.');
      return;
    }
    // Opened to show an event: go to its first frame now that the element can seek.
    const frame = takePendingFrame();
    if (frame !== null && videoRef.current) videoRef.current.currentTime = seekTimeForFrame(timing, frame);
  };

  return (
    <section
      className="video-player"
      aria-label={`Video: ${video.fileName}`}
      data-testid={TID.videoPlayer}
      data-playability={playability}
    >
      {variant === 'proxy' || probe.variableFrameRate ? (
        <div className="player__title">
          {variant === 'proxy' ? <span className="badge">playable copy</span> : null}
          {probe.variableFrameRate ? (
            <span className="badge badge--warn">VFR: frame numbers are approximate</span>
          ) : null}
        </div>
      ) : null}
      <div className="player__stage">
        {mediaSrc ? (
          <div className="player__frame" style={{ '--aspect': aspectOf(probe.width, probe.height) } as CSSProperties}>
            <video
              ref={videoRef}
              src={mediaSrc}
              preload="auto"
              playsInline
              // Focusable so keyboard users can land on the picture; the hotkeys work from anywhere.
              tabIndex={0}
              aria-label={`Video ${video.fileName}`}
              onError={onError}
              onLoadedMetadata={onLoadedMetadata}
              onEnded={stop}
              onPause={() => {
                // The element paused itself (end, stall): reflect it. Our own pauses already set 0 or reverse.
                if (shuttle > 0) stop();
              }}
              onClick={transport.togglePlay}
              data-testid={TID.videoElement}
              data-panel-focus
            />
            {/* Over the picture: clicks on a box select its track, elsewhere they play/pause. */}
            <OverlayCanvas
              videoRef={videoRef}
              detections={tracker.detections}
              classNames={tracker.classNames}
              fps={probe.fps}
              timeShiftS={tracker.timeShiftS}
              initialTimeS={presentedTime}
              onBackgroundClick={transport.togglePlay}
            />
            {/* Above the boxes while the analyst draws the ice; nothing otherwise. */}
            <RinkRegionLayer video={video} />
          </div>
        ) : mediaChanged ? (
          <RelinkNotice video={video} />
        ) : (
          <p className="muted">Loading…</p>
        )}
      </div>
      <TransportControls
        transport={transport}
        presentedTime={presentedTime}
        frameIndex={frameIndex}
        frameCount={probe.frameCount}
        durationS={probe.durationS}
        shuttle={shuttle}
        goToRef={goToRef}
      />
      {slots.timeline
        ? createPortal(
            <TimelinePanel
              video={video}
              videoRef={videoRef}
              tracker={tracker}
              presentedTime={presentedTime}
              onPause={stop}
            />,
            slots.timeline,
          )
        : null}
    </section>
  );
}

/** The picture's shape for the stage's layout; 16:9 until the probe knows better. */
function aspectOf(width: number | null, height: number | null): number {
  return width && height ? width / height : 16 / 9;
}
