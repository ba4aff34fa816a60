import { useEffect, useRef } from 'react';
import { KEYMAP, keyLabel } from '../lib/keymap.ts';
import { TID } from '../testids.ts';

/** Every key of the app, from the one keymap; Esc or ? closes it and focus goes back. */
export function KeyHelp({ onClose }: { onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    return () => before?.focus();
  }, []);
  return (
    <div
      className="key-help"
      role="dialog"
      aria-modal="true"
      aria-label="Keys"
      data-testid={TID.keyHelp}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onClose();
        }
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div className="key-help__sheet">
        <div className="panel-head">
          <h2>Keys</h2>
          <button ref={closeRef} type="button" onClick={onClose}>
            Close (Esc)
          </button>
        </div>
        <div className="key-help__sections">
          {KEYMAP.map((section) => (
            <section key={section.title} aria-label={section.title}>
              <h3>{section.title}</h3>
              <dl>
                {section.bindings.map((binding) => (
                  <div key={binding.keys.join(' ')} className="key-help__line">
                    <dt>
                      {binding.keys.map((key) => (
                        <kbd key={key}>{key === 'code hotkey' ? 'code key' : keyLabel(key)}</kbd>
                      ))}
                    </dt>
                    <dd>{binding.does}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}
