import { useCallback, useEffect, useRef } from 'react';
import { seekTimeForFrame, type FrameTiming } from '../lib/frames.ts';
import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';

/**
 * The player keeps its presented time inside Player.tsx (usePresentedTime); tagging reads the same
 * truth from the same <video> element instead of reaching into it: its own
 * requestVideoFrameCallback gives the painted frame's pts, which is what the analyst saw when the
 * key went down (currentTime runs ahead while playing).
 */
export function findPlayerVideo(): HTMLVideoElement | null {
  return document.querySelector<HTMLVideoElement>(`video[data-testid="${TID.videoElement}"]`);
}

/** A getter for the presented time of the open video; null when no picture is shown. */
export function usePresentedClock(): () => number | null {
  const { mediaSrc, playability, currentVideoId } = useApp((s) => ({
    mediaSrc: s.mediaSrc,
    playability: s.playability,
    currentVideoId: s.currentVideoId,
  }));
  const painted = useRef<{ element: HTMLVideoElement; mediaTime: number } | null>(null);

  useEffect(() => {
    const element = findPlayerVideo();
    if (!element || typeof element.requestVideoFrameCallback !== 'function') return;
    let handle = 0;
    const onFrame: VideoFrameRequestCallback = (_now, metadata) => {
      painted.current = { element, mediaTime: metadata.mediaTime };
      handle = element.requestVideoFrameCallback(onFrame);
    };
    handle = element.requestVideoFrameCallback(onFrame);
    return () => element.cancelVideoFrameCallback(handle);
  }, [mediaSrc, playability, currentVideoId]);

  return useCallback(() => {
    const element = findPlayerVideo();
    if (!element) return null;
    const last = painted.current;
    // Nothing painted yet since it loaded (or another element): the clock is on the first frame.
    return last && last.element === element ? last.mediaTime : element.currentTime;
  }, []);
}

/** Shows frame k, paused (the player's readout follows through its own frame callback). */
export function seekPlayerToFrame(timing: FrameTiming, frame: number, stopShuttle: () => void): boolean {
  const element = findPlayerVideo();
  if (!element) return false;
  stopShuttle();
  element.pause();
  element.currentTime = seekTimeForFrame(timing, frame);
  return true;
}
