import { useCallback, type RefObject } from 'react';
import type { Video } from '../../../electron/contract/index.ts';
import { OverlayToggles } from '../overlay/OverlayToggles.tsx';
import type { TrackerData } from '../overlay/useTrackerData.ts';
import { Timeline } from '../timeline/Timeline.tsx';

interface Props {
  video: Video;
  videoRef: RefObject<HTMLVideoElement | null>;
  tracker: TrackerData;
  presentedTime: number;
  /** Stops playback (shuttle to 0) before a scrub takes over the clock. */
  onPause: () => void;
}

/** Under the video: overlay toggles and the game timeline. */
export function TimelinePanel({ video, videoRef, tracker, presentedTime, onPause }: Props) {
  const { timeShiftS } = tracker;
  const seek = useCallback(
    (timeS: number) => {
      const element = videoRef.current;
      if (!element) return;
      onPause();
      element.pause();
      element.currentTime = Math.max(0, timeS - timeShiftS);
    },
    [videoRef, onPause, timeShiftS],
  );
  return (
    <>
      {tracker.detections ? (
        <OverlayToggles classNames={tracker.classNames} classIds={tracker.detections.classIds} />
      ) : null}
      <Timeline
        videoId={video.id}
        durationS={video.probe.durationS}
        fps={video.probe.fps}
        presentedTime={presentedTime + timeShiftS}
        activity={tracker.detections?.activity ?? null}
        activityVersion={tracker.detections?.version ?? 0}
        onSeek={seek}
      />
    </>
  );
}
