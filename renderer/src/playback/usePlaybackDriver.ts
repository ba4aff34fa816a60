import { useEffect, type RefObject } from 'react';
import { frameCovering, seekTimeForFrame, type FrameTiming } from '../lib/frames.ts';

/**
 * Applies the J/K/L shuttle to the element. Forward speeds are playbackRate. Chromium cannot
 * play backwards (negative playbackRate throws), so reverse is emulated: a wall clock runs the
 * target time backwards at the shuttle speed and the element seeks to the frame covering it,
 * one seek in flight at a time — frames drop when decoding lags, the speed stays true.
 */
export function usePlaybackDriver(
  videoRef: RefObject<HTMLVideoElement | null>,
  shuttle: number,
  timing: FrameTiming,
  onStop: () => void,
): void {
  const { fps, firstFrameTimeS, frameCount } = timing;
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    const clock: FrameTiming = { fps, firstFrameTimeS, frameCount };
    if (shuttle === 0) {
      video.pause();
      return;
    }
    if (shuttle > 0) {
      video.playbackRate = shuttle;
      video.play().catch(() => onStop());
      return;
    }

    video.pause();
    const speed = -shuttle;
    const startWall = performance.now();
    const startTime = video.currentTime;
    let shownFrame = frameCovering(clock, startTime);
    let seeking = false;
    let raf = 0;
    const onSeeked = () => {
      seeking = false;
    };
    const tick = () => {
      const target = startTime - ((performance.now() - startWall) / 1000) * speed;
      const frame = frameCovering(clock, target);
      if (!seeking && frame < shownFrame) {
        seeking = true;
        shownFrame = frame;
        video.currentTime = seekTimeForFrame(clock, frame);
      }
      if (target <= firstFrameTimeS) {
        onStop(); // reached the first frame: the shuttle parks there
        return;
      }
      raf = requestAnimationFrame(tick);
    };
    video.addEventListener('seeked', onSeeked);
    raf = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(raf);
      video.removeEventListener('seeked', onSeeked);
    };
  }, [videoRef, shuttle, fps, firstFrameTimeS, frameCount, onStop]);
}
