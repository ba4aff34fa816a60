import { useApp } from '../store/useApp.ts';
import { TID, classToggleTestId } from '../testids.ts';

/** Show or hide boxes per class (those the run found) and their labels; the clicked track. */
export function OverlayToggles({
  classNames,
  classIds,
}: {
  classNames: readonly string[];
  classIds: readonly number[];
}) {
  const s = useApp((state) => ({
    hiddenClasses: state.hiddenClasses,
    showLabels: state.showLabels,
    selectedTrack: state.selectedTrack,
    toggleClass: state.toggleClass,
    toggleLabels: state.toggleLabels,
    selectTrack: state.selectTrack,
  }));
  const shown = classIds.map((id) => classNames[id] ?? `class ${id}`);
  return (
    <div className="overlay-toggles" role="group" aria-label="Overlay">
      {shown.map((name) => {
        const on = !s.hiddenClasses.includes(name);
        return (
          <button
            key={name}
            type="button"
            aria-pressed={on}
            onClick={() => s.toggleClass(name)}
            data-testid={classToggleTestId(name)}
          >
            {name}
          </button>
        );
      })}
      <button type="button" aria-pressed={s.showLabels} onClick={s.toggleLabels} data-testid={TID.labelsToggle}>
        Labels
      </button>
      {s.selectedTrack ? (
        <span className="overlay-toggles__selected">
          Track #{s.selectedTrack.trackId}
          <button type="button" className="link" onClick={() => s.selectTrack(null)}>
            clear
          </button>
        </span>
      ) : null}
    </div>
  );
}
