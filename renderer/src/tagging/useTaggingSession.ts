import { useCallback, useEffect } from 'react';
import type { GameEvent } from '../../../electron/contract/index.ts';
import { appStore, useApp } from '../store/useApp.ts';
import { timingOf } from './eventTiming.ts';
import { seekPlayerToFrame, usePresentedClock } from './playerClock.ts';
import { useTaggingKeys } from './useTaggingKeys.ts';

export interface TaggingSession {
  /** The presented time of the open video, read when a key or button is pressed. */
  presentedTime: () => number | null;
  /** Shows the event's first frame, opening its video first when another one is open. */
  jumpTo: (event: GameEvent) => void;
}

/**
 * While a game is open: its tagging data loads (taggingOpen), the tagging keys are live and one
 * jumpTo serves the list, the keys and the timeline.
 */
export function useTaggingSession(): TaggingSession {
  const { setTaggingOpen, setShuttle } = useApp((s) => ({
    setTaggingOpen: s.setTaggingOpen,
    setShuttle: s.setShuttle,
  }));
  const presentedTime = usePresentedClock();

  useEffect(() => {
    setTaggingOpen(true);
    return () => setTaggingOpen(false);
  }, [setTaggingOpen]);

  const jumpTo = useCallback(
    (event: GameEvent) => {
      const state = appStore.getState();
      const video = state.videos.find((v) => v.id === event.videoId);
      if (!video) return;
      if (state.currentVideoId !== video.id) {
        // The player seeks once the other video has loaded (PlaybackSlice.pendingFrame).
        state.openVideoAt(video.id, event.startFrame);
        return;
      }
      seekPlayerToFrame(timingOf(video.probe), event.startFrame, () => setShuttle(0));
    },
    [setShuttle],
  );

  useTaggingKeys(presentedTime, jumpTo);
  return { presentedTime, jumpTo };
}
