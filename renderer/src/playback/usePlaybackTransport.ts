import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { clampFrame, frameCovering, frameIndexAt, seekTimeForFrame, type FrameTiming } from '../lib/frames.ts';
import { nextShuttle, type PlayerAction } from '../lib/keymap.ts';
import type { GoToTarget } from '../lib/timecode.ts';
import { stepBackVariable, stepForwardVariable } from './vfrStep.ts';

export interface Transport {
  togglePlay: () => void;
  stepFrames: (delta: number) => void;
  seekBySeconds: (delta: number) => void;
  goTo: (target: GoToTarget) => void;
  /** Keyboard dispatch; focusGoTo is the caller's. */
  run: (action: Exclude<PlayerAction, 'focusGoTo'>) => void;
}

/**
 * Player commands on the element; frame steps are relative to the frame on screen. Constant
 * frame rate: seek into frame k by its nominal time. Variable frame rate: see vfrStep.ts.
 */
export function usePlaybackTransport(
  videoRef: RefObject<HTMLVideoElement | null>,
  timing: FrameTiming,
  variableFrameRate: boolean,
  presentedTime: number,
  shuttle: number,
  setShuttle: (shuttle: number) => void,
): Transport {
  // Frame we last seeked to and have not seen painted yet: quick repeated steps count from it,
  // so three presses move exactly three frames even before the first seek lands.
  // It is cleared only once that very frame is painted (an earlier seek's frame may be painted
  // in between) or when playback takes over.
  const pendingFrame = useRef<number | null>(null);
  const presentedFrame = frameIndexAt(timing, presentedTime);
  useEffect(() => {
    if (shuttle !== 0 || pendingFrame.current === presentedFrame) pendingFrame.current = null;
  }, [presentedFrame, shuttle]);

  const stopAndPause = useCallback(() => {
    setShuttle(0);
    videoRef.current?.pause();
  }, [setShuttle, videoRef]);

  const showFrame = useCallback(
    (frame: number) => {
      const video = videoRef.current;
      if (!video) return;
      const target = clampFrame(timing, frame);
      // On VFR files k/fps may paint another frame, so "pending" could never clear there.
      pendingFrame.current = variableFrameRate ? null : target;
      video.currentTime = seekTimeForFrame(timing, target);
    },
    [timing, variableFrameRate, videoRef],
  );

  const vfrStepping = useRef(false);
  const stepFrames = useCallback(
    (delta: number) => {
      const video = videoRef.current;
      if (variableFrameRate && video && shuttle === 0 && Math.abs(delta) === 1) {
        // One painted frame at a time; presses during a step in flight are dropped, not queued.
        if (vfrStepping.current) return;
        if (delta < 0) return stepBackVariable(video, presentedTime);
        vfrStepping.current = true;
        void stepForwardVariable(video, presentedTime).finally(() => {
          vfrStepping.current = false;
        });
        return;
      }
      stopAndPause();
      showFrame((pendingFrame.current ?? presentedFrame) + delta);
    },
    [videoRef, variableFrameRate, shuttle, presentedTime, stopAndPause, showFrame, presentedFrame],
  );

  const seekBySeconds = useCallback(
    (delta: number) => {
      const video = videoRef.current;
      if (!video) return;
      const from = pendingFrame.current === null ? presentedTime : seekTimeForFrame(timing, pendingFrame.current);
      // While paused land on a whole frame; while playing just move the clock.
      if (video.paused) showFrame(frameCovering(timing, from + delta));
      else {
        pendingFrame.current = null;
        video.currentTime = Math.max(0, from + delta);
      }
    },
    [videoRef, presentedTime, timing, showFrame],
  );

  const goTo = useCallback(
    (target: GoToTarget) => {
      stopAndPause();
      showFrame(target.kind === 'frame' ? target.index : frameCovering(timing, target.seconds));
    },
    [stopAndPause, showFrame, timing],
  );

  const togglePlay = useCallback(() => {
    const video = videoRef.current;
    // Replaying from the end starts over, as every player does.
    if (shuttle === 0 && video?.ended) showFrame(0);
    setShuttle(shuttle === 0 ? 1 : 0);
  }, [shuttle, setShuttle, videoRef, showFrame]);

  const run = useCallback(
    (action: Exclude<PlayerAction, 'focusGoTo'>) => {
      switch (action) {
        case 'togglePlay':
          return togglePlay();
        case 'stepBack':
          return stepFrames(-1);
        case 'stepForward':
          return stepFrames(1);
        case 'seekBack5':
          return seekBySeconds(-5);
        case 'seekForward5':
          return seekBySeconds(5);
        case 'shuttleReverse':
        case 'pause':
        case 'shuttleForward':
          return setShuttle(nextShuttle(shuttle, action));
      }
    },
    [togglePlay, stepFrames, seekBySeconds, setShuttle, shuttle],
  );

  return { togglePlay, stepFrames, seekBySeconds, goTo, run };
}
