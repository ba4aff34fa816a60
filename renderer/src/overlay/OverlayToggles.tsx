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
    showOffIce: state.showOffIce,
    toggleOffIce: state.toggleOffIce,
    offIce: state.affiliations?.tracks.filter((t) => t.affiliation === 'off-ice').length ?? 0,
    videoId: state.currentVideoId,
    rinkRegion: state.rinkRegion,
    rinkDrawing: state.rinkDrawing,
    setRinkDrawing: state.setRinkDrawing,
    saveRinkRegion: state.saveRinkRegion,
  }));
  const hasRink = s.rinkRegion !== null && s.rinkRegion.videoId === s.videoId && s.rinkRegion.points !== null;
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
      {s.offIce > 0 ? (
        <button
          type="button"
          aria-pressed={s.showOffIce}
          onClick={s.toggleOffIce}
          title="People off the ice: bench, stands, glass"
          data-testid={TID.offIceToggle}
        >
          Off ice ({s.offIce})
        </button>
      ) : null}
      {s.videoId ? (
        <button
          type="button"
          aria-pressed={s.rinkDrawing}
          onClick={() => s.setRinkDrawing(!s.rinkDrawing)}
          title="Draw the ice surface of this camera view: people standing outside it are not on the ice"
          data-testid={TID.rinkDraw}
        >
          {hasRink ? 'Redraw rink' : 'Draw rink'}
        </button>
      ) : null}
      {s.videoId && hasRink && !s.rinkDrawing ? (
        <button
          type="button"
          className="link"
          onClick={() => void s.saveRinkRegion(s.videoId!, null)}
          data-testid={TID.rinkClear}
        >
          clear rink
        </button>
      ) : null}
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
