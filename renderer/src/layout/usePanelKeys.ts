import { useEffect, useRef } from 'react';
import { resolvePanelKey, type PanelAction } from '../lib/keymap.ts';

/** Window-level panel keys (Alt+L…, Alt+V…, ?), beside the player's and the tagging keys. */
export function usePanelKeys(onAction: (action: PanelAction) => void): void {
  const latest = useRef(onAction);
  useEffect(() => {
    latest.current = onAction;
  }, [onAction]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target instanceof HTMLElement ? event.target : null;
      const action = resolvePanelKey({
        key: event.key,
        code: event.code,
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
  }, []);
}

/**
 * Moves focus into a panel: its first control that makes sense there (the picture, the active
 * event), else the panel itself. Runs after React has shown the panel.
 */
export function focusPanel(panel: string): void {
  requestAnimationFrame(() => {
    const region = document.querySelector<HTMLElement>(`[data-panel="${panel}"]`);
    if (!region) return;
    const preferred = region.querySelector<HTMLElement>('[data-panel-focus], [aria-selected="true"]');
    (preferred ?? region).focus();
  });
}
