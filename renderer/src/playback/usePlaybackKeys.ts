import { useEffect, useRef } from 'react';
import { resolvePlayerKey, type PlayerAction } from '../lib/keymap.ts';

/**
 * Window-level player hotkeys. Skips key presses aimed at text fields (resolvePlayerKey) and
 * prevents the default for handled keys, so Space does not also scroll the page or click the
 * focused button.
 */
export function usePlaybackKeys(enabled: boolean, onAction: (action: PlayerAction) => void): void {
  const latest = useRef(onAction);
  useEffect(() => {
    latest.current = onAction;
  }, [onAction]);

  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target instanceof HTMLElement ? event.target : null;
      const action = resolvePlayerKey({
        key: event.key,
        shiftKey: event.shiftKey,
        ctrlKey: event.ctrlKey,
        altKey: event.altKey,
        metaKey: event.metaKey,
        targetTag: target?.tagName ?? null,
        targetEditable: target?.isContentEditable ?? false,
      });
      if (!action) return;
      event.preventDefault();
      latest.current(action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
