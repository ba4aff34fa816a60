import { useEffect, useState, type RefObject } from 'react';

/**
 * The presentation time of the frame on screen, from requestVideoFrameCallback's mediaTime
 * (currentTime is where the clock is, not which frame was painted). Falls back to currentTime on
 * seeked/timeupdate where rVFC is missing.
 */
export function usePresentedTime(
  videoRef: RefObject<HTMLVideoElement | null>,
  src: string | null,
  initial: number,
): number {
  const [presented, setPresented] = useState(initial);
  const [shownSrc, setShownSrc] = useState(src);
  // A new file starts at its first frame (state reset during render, as React recommends).
  if (shownSrc !== src) {
    setShownSrc(src);
    setPresented(initial);
  }

  useEffect(() => {
    const video = videoRef.current;
    if (!video || !src) return;
    if (typeof video.requestVideoFrameCallback === 'function') {
      let handle = 0;
      const onFrame: VideoFrameRequestCallback = (_now, metadata) => {
        setPresented(metadata.mediaTime);
        handle = video.requestVideoFrameCallback(onFrame);
      };
      handle = video.requestVideoFrameCallback(onFrame);
      return () => video.cancelVideoFrameCallback(handle);
    }
    const fromClock = () => setPresented(video.currentTime);
    video.addEventListener('seeked', fromClock);
    video.addEventListener('timeupdate', fromClock);
    return () => {
      video.removeEventListener('seeked', fromClock);
      video.removeEventListener('timeupdate', fromClock);
    };
  }, [videoRef, src]);

  return presented;
}
