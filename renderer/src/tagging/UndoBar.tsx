import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';

/** Undo/redo with what they would undo or redo (Ctrl+Z, Ctrl+Shift+Z / Ctrl+Y). */
export function UndoBar() {
  const { undoLabel, redoLabel, busy, undo, redo } = useApp((s) => ({
    undoLabel: s.undoStack.at(-1)?.label ?? null,
    redoLabel: s.redoStack.at(-1)?.label ?? null,
    busy: s.undoBusy,
    undo: s.undo,
    redo: s.redo,
  }));
  return (
    <div className="undo-bar" role="group" aria-label="Undo">
      <button
        type="button"
        disabled={undoLabel === null || busy}
        onClick={() => void undo()}
        title="Ctrl+Z"
        data-testid={TID.undo}
      >
        Undo{undoLabel ? `: ${undoLabel}` : ''}
      </button>
      <button
        type="button"
        disabled={redoLabel === null || busy}
        onClick={() => void redo()}
        title="Ctrl+Shift+Z or Ctrl+Y"
        data-testid={TID.redo}
      >
        Redo{redoLabel ? `: ${redoLabel}` : ''}
      </button>
    </div>
  );
}
