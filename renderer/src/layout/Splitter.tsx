import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

interface Props {
  /** 'vertical' sits between two columns and drags sideways; 'horizontal' sits between rows. */
  orientation: 'vertical' | 'horizontal';
  label: string;
  /** The size of the panel this splitter resizes, in px. */
  value: number;
  /** +1 when dragging right/down grows the panel, −1 when it shrinks it. */
  direction: 1 | -1;
  onChange: (size: number) => void;
}

const KEY_STEP = 24;

/** A splitter a mouse drags and a keyboard moves (arrows, focus visible like any control). */
export function Splitter({ orientation, label, value, direction, onChange }: Props) {
  const start = useRef<{ at: number; size: number } | null>(null);
  const along = (event: { clientX: number; clientY: number }) =>
    orientation === 'vertical' ? event.clientX : event.clientY;

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    start.current = { at: along(event), size: value };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!start.current) return;
    onChange(start.current.size + direction * (along(event) - start.current.at));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const grow = orientation === 'vertical' ? 'ArrowRight' : 'ArrowDown';
    const shrink = orientation === 'vertical' ? 'ArrowLeft' : 'ArrowUp';
    if (event.key !== grow && event.key !== shrink) return;
    // The arrows are the player's keys elsewhere; on a focused splitter they move it.
    event.preventDefault();
    event.stopPropagation();
    onChange(value + direction * (event.key === grow ? KEY_STEP : -KEY_STEP));
  };

  return (
    <div
      className={`splitter splitter--${orientation}`}
      role="separator"
      aria-orientation={orientation}
      aria-label={label}
      aria-valuenow={Math.round(value)}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => (start.current = null)}
      onPointerCancel={() => (start.current = null)}
      onKeyDown={onKeyDown}
    />
  );
}
