import { useState, type KeyboardEvent, type RefObject } from 'react';
import { parseGoTo, type GoToTarget } from '../lib/timecode.ts';
import { TID } from '../testids.ts';

/** "Go to": mm:ss.ff, seconds, or f123 for a frame. G focuses it; Enter jumps; Esc leaves. */
export function GoToField({
  inputRef,
  onGo,
}: {
  inputRef: RefObject<HTMLInputElement | null>;
  onGo: (target: GoToTarget) => void;
}) {
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      event.currentTarget.blur();
      return;
    }
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const target = parseGoTo(text);
    setInvalid(target === null);
    if (!target) return;
    onGo(target);
    setText('');
    // Hand the keyboard back to the player hotkeys.
    event.currentTarget.blur();
  };

  return (
    <label className={invalid ? 'goto goto--invalid' : 'goto'}>
      Go to
      <input
        ref={inputRef}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setInvalid(false);
        }}
        onKeyDown={onKeyDown}
        placeholder="mm:ss.ff · s · f123"
        aria-invalid={invalid}
        title="Time as mm:ss.ff or seconds, or a frame as f123; Enter to jump"
        spellCheck={false}
        size={14}
        data-testid={TID.goToInput}
      />
      {invalid ? <span className="goto__hint">Try 01:05.50, 65.5 or f123</span> : null}
    </label>
  );
}
