import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';

interface Props {
  sideCollapsed: boolean;
  eventsCollapsed: boolean;
  onToggleSide: () => void;
  onToggleEvents: () => void;
  onHelp: () => void;
}

/** The game in hand, the panel toggles and the key list, in one slim bar. */
export function TopBar({ sideCollapsed, eventsCollapsed, onToggleSide, onToggleEvents, onHelp }: Props) {
  const { game } = useApp((s) => ({ game: s.games.find((g) => g.id === s.selectedGameId) }));
  return (
    <header className="top-bar">
      <button
        type="button"
        className="top-bar__toggle"
        aria-pressed={!sideCollapsed}
        onClick={onToggleSide}
        title="Side panel (Alt+[)"
      >
        ☰ Panels
      </button>
      <h1 className="brand">Rinkside</h1>
      {game ? (
        <div className="top-bar__game">
          <strong>{game.title}</strong>
          <span className="muted">
            {game.date} · {game.home} vs {game.away}
          </span>
        </div>
      ) : (
        <span className="muted top-bar__game">No game open</span>
      )}
      <div className="top-bar__end">
        <button type="button" onClick={onHelp} title="All keys (?)" data-testid={TID.keyHelpOpen}>
          Keys <kbd>?</kbd>
        </button>
        <button
          type="button"
          className="top-bar__toggle"
          aria-pressed={!eventsCollapsed}
          onClick={onToggleEvents}
          title="Events panel (Alt+])"
        >
          Events ☰
        </button>
      </div>
    </header>
  );
}
