import { GameSyncBadge } from '../cloud/GameSyncBadge.tsx';
import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';

export function GameList() {
  const { games, selectedGameId, selectGame, syncOf } = useApp((s) => ({
    games: s.games,
    syncOf: s.sync?.games ?? null,
    selectedGameId: s.selectedGameId,
    selectGame: s.selectGame,
  }));
  // Newest game first: the analyst usually works on tonight's game.
  const sorted = [...games].sort((a, b) => b.date.localeCompare(a.date) || a.title.localeCompare(b.title));
  return (
    <nav className="game-list" aria-label="Games">
      {sorted.length === 0 ? <p className="muted">No games yet — create one below.</p> : null}
      <ul>
        {sorted.map((game) => (
          <li key={game.id}>
            <button
              type="button"
              className={game.id === selectedGameId ? 'game-item game-item--selected' : 'game-item'}
              aria-current={game.id === selectedGameId ? 'true' : undefined}
              onClick={() => void selectGame(game.id)}
              data-testid={TID.gameItem}
            >
              <span className="game-item__title">{game.title}</span>
              <span className="game-item__sub">
                {game.date} · {game.home} vs {game.away}
              </span>
              <GameSyncBadge game={game} state={syncOf?.[game.id]} />
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
