import type { Game, GameSyncState } from '../../../electron/contract/index.ts';
import { TID } from '../testids.ts';
import { gameSyncText } from './syncWording.ts';

/** Under a game in the list: a teammate's game is marked, a shared one shows its sync. */
export function GameSyncBadge({ game, state }: { game: Game; state: GameSyncState | undefined }) {
  const text = gameSyncText(state);
  if (!game.fromTeammate && !text) return null;
  return (
    <span className="game-item__sync" data-testid={TID.gameSync} data-state={state?.state ?? 'local'}>
      {game.fromTeammate ? (
        <span className="game-item__teammate" data-testid={TID.gameFromTeammate}>
          teammate’s game
        </span>
      ) : null}
      {game.fromTeammate && text ? ' · ' : null}
      {text}
    </span>
  );
}
