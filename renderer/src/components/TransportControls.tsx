import type { RefObject } from 'react';
import { formatTimecode } from '../lib/timecode.ts';
import type { Transport } from '../playback/usePlaybackTransport.ts';
import { TID } from '../testids.ts';
import { GoToField } from './GoToField.tsx';

interface Props {
  transport: Transport;
  presentedTime: number;
  frameIndex: number;
  frameCount: number;
  durationS: number;
  shuttle: number;
  goToRef: RefObject<HTMLInputElement | null>;
}

function shuttleLabel(shuttle: number): string {
  if (shuttle === 0) return 'paused';
  return shuttle > 0 ? `▶ ${shuttle}×` : `◀ ${-shuttle}×`;
}

export function TransportControls({
  transport,
  presentedTime,
  frameIndex,
  frameCount,
  durationS,
  shuttle,
  goToRef,
}: Props) {
  return (
    <div className="transport-controls">
      <div className="transport-controls__buttons">
        <button
          type="button"
          onClick={() => transport.seekBySeconds(-5)}
          title="Back 5 s (Shift+←)"
          data-testid={TID.seekBack5}
        >
          −5 s
        </button>
        <button
          type="button"
          onClick={() => transport.stepFrames(-1)}
          title="Previous frame (← or ,)"
          data-testid={TID.stepBack}
        >
          ◀︎| Frame
        </button>
        <button
          type="button"
          className="play-toggle"
          onClick={transport.togglePlay}
          title="Play/pause (Space; J/K/L shuttle)"
          aria-pressed={shuttle !== 0}
          data-testid={TID.playToggle}
        >
          {shuttle === 0 ? 'Play' : 'Pause'}
        </button>
        <button
          type="button"
          onClick={() => transport.stepFrames(1)}
          title="Next frame (→ or .)"
          data-testid={TID.stepForward}
        >
          Frame |▶︎
        </button>
        <button
          type="button"
          onClick={() => transport.seekBySeconds(5)}
          title="Forward 5 s (Shift+→)"
          data-testid={TID.seekForward5}
        >
          +5 s
        </button>
        <span className="shuttle" data-testid={TID.shuttleRate} aria-live="polite">
          {shuttleLabel(shuttle)}
        </span>
      </div>
      <div className="transport-controls__readout">
        <span className="timecode" data-testid={TID.videoTime}>
          {formatTimecode(presentedTime)}
        </span>
        <span className="muted"> / {formatTimecode(durationS)}</span>
        <span className="frame" data-testid={TID.videoFrame}>{`frame ${frameIndex}`}</span>
        <span className="muted"> of {frameCount}</span>
        <GoToField inputRef={goToRef} onGo={transport.goTo} />
      </div>
    </div>
  );
}
