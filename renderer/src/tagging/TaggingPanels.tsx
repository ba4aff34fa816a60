import { useCallback, useEffect } from 'react';
import type { GameEvent } from '../../../electron/contract/index.ts';
import { RosterPanel } from '../roster/RosterPanel.tsx';
import { appStore, useApp } from '../store/useApp.ts';
import { CodeWindow } from './CodeWindow.tsx';
import { DescriptorBar } from './DescriptorBar.tsx';
import { EventList } from './EventList.tsx';
import { timingOf } from './eventTiming.ts';
import { seekPlayerToFrame, usePresentedClock } from './playerClock.ts';
import { UndoBar } from './UndoBar.tsx';
import { useTaggingKeys } from './useTaggingKeys.ts';

/** Issue 4, tagging half: code window, descriptors, event list, undo, roster and track links. */
export function TaggingPanels() {
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
      // An event on another video of the game: open that one first, then go there.
      if (state.currentVideoId !== video.id) {
        state.openVideo(video.id);
        return;
      }
      seekPlayerToFrame(timingOf(video.probe), event.startFrame, () => setShuttle(0));
    },
    [setShuttle],
  );

  useTaggingKeys(presentedTime, jumpTo);

  return (
    <div className="tagging">
      <div className="tagging__main">
        <CodeWindow presentedTime={presentedTime} />
        <UndoBar />
        <DescriptorBar />
        <EventList jumpTo={jumpTo} />
      </div>
      <RosterPanel presentedTime={presentedTime} />
    </div>
  );
}
