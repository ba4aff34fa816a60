import { useState } from 'react';
import type { GameEvent } from '../../../electron/contract/index.ts';
import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';
import { setSpanFrame, timingOf, type SpanEdge } from './eventTiming.ts';

interface Props {
  event: GameEvent;
  jumpTo: (event: GameEvent) => void;
}

/** Frame-accurate start/end (type a frame or nudge by one), the code, go to, delete. */
export function EventEditor({ event, jumpTo }: Props) {
  const { codes, video, nudgeEvent, updateEvent, deleteEvent } = useApp((s) => ({
    codes: s.codes,
    video: s.videos.find((v) => v.id === event.videoId),
    nudgeEvent: s.nudgeEvent,
    updateEvent: s.updateEvent,
    deleteEvent: s.deleteEvent,
  }));

  const setFrame = (edge: SpanEdge, frame: number) => {
    if (!video || !Number.isFinite(frame)) return;
    const next = setSpanFrame(timingOf(video.probe), event, edge, frame);
    if (!next) return;
    const patch =
      edge === 'start'
        ? { startFrame: next.startFrame, startS: next.startS }
        : { endFrame: next.endFrame, endS: next.endS };
    void updateEvent(event.id, patch, `move ${edge} of ${event.codeName}`);
  };

  // Stop the row's click/double-click from re-activating or jumping while editing.
  return (
    <div className="event-editor" onClick={(e) => e.stopPropagation()} onDoubleClick={(e) => e.stopPropagation()}>
      <FrameField
        label="start"
        value={event.startFrame}
        onSet={(f) => setFrame('start', f)}
        testId={TID.eventStartFrame}
      />
      <button
        type="button"
        onClick={() => void nudgeEvent(event.id, 'start', -1)}
        title="Start −1 frame ([)"
        data-testid={TID.nudgeStartBack}
      >
        −1
      </button>
      <button
        type="button"
        onClick={() => void nudgeEvent(event.id, 'start', 1)}
        title="Start +1 frame (])"
        data-testid={TID.nudgeStartForward}
      >
        +1
      </button>
      <FrameField label="end" value={event.endFrame} onSet={(f) => setFrame('end', f)} testId={TID.eventEndFrame} />
      <button
        type="button"
        onClick={() => void nudgeEvent(event.id, 'end', -1)}
        title="End −1 frame ({)"
        data-testid={TID.nudgeEndBack}
      >
        −1
      </button>
      <button
        type="button"
        onClick={() => void nudgeEvent(event.id, 'end', 1)}
        title="End +1 frame (})"
        data-testid={TID.nudgeEndForward}
      >
        +1
      </button>
      <select
        aria-label="Code"
        value={event.codeId}
        onChange={(e) => void updateEvent(event.id, { codeId: e.target.value }, `change code of ${event.codeName}`)}
      >
        {codes.some((c) => c.id === event.codeId) ? null : <option value={event.codeId}>{event.codeName}</option>}
        {codes.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        onClick={() => jumpTo(event)}
        title="Go to the start (Enter on the row, or double-click)"
        data-testid={TID.eventJump}
      >
        Go to
      </button>
      <button
        type="button"
        className="danger"
        onClick={() => void deleteEvent(event.id)}
        title="Delete (Delete key)"
        data-testid={TID.eventDelete}
      >
        Delete
      </button>
    </div>
  );
}

/** A frame number field: commits on Enter or blur; the stored value wins afterwards. */
function FrameField({
  label,
  value,
  onSet,
  testId,
}: {
  label: string;
  value: number;
  onSet: (frame: number) => void;
  testId: string;
}) {
  const [text, setText] = useState(String(value));
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(String(value));
  }
  const commit = () => {
    const frame = Number(text);
    if (text.trim() !== '' && frame !== value) onSet(frame);
    else setText(String(value));
  };
  return (
    <label className="frame-field">
      {label} f
      <input
        inputMode="numeric"
        value={text}
        size={6}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
        }}
        data-testid={testId}
      />
    </label>
  );
}
