import { Id, type Game } from '../../contract/domain.ts';
import { AppFailure } from '../../contract/errors.ts';
import { SYNCED_TABLES, isDefaultCodeId } from '../sync/tables.ts';
import { transaction } from './db.ts';
import { getGame, type StoreContext } from './games.ts';
import { recordChange } from './outbox.ts';

/**
 * Shares a game with a team: from now on the game and everything in it (videos' metadata, runs,
 * track summaries and edits, events, roster, playlists) syncs to that team. Until then none of
 * it left the laptop, so every row of the game is queued now, together with the custom codes its
 * events use (they go to the same team). A game is shared with one team: sharing it again with
 * the same team changes nothing, with another is refused (the server refuses to move a row to
 * another team too).
 */
export function shareGame(store: StoreContext, gameId: string, teamId: string): Game {
  if (!Id.safeParse(teamId).success) throw new AppFailure('invalid-args', 'That is not a team id.');
  const game = getGame(store, gameId);
  if (game.teamId === teamId) return game;
  if (game.teamId !== null) {
    throw new AppFailure('conflict', 'This game is already shared with another team; a game belongs to one team.');
  }
  const now = store.now();
  const { db } = store;
  transaction(db, () => {
    db.prepare('UPDATE games SET team_id = ?, updated_at = ?, device_id = ? WHERE id = ?').run(
      teamId,
      now,
      store.deviceId,
      gameId,
    );
    recordChange(db, 'games', gameId, 'upsert', now);
    for (const table of SYNCED_TABLES) {
      if (!table.gameJoin || table.local === 'games') continue;
      db.prepare(
        `INSERT INTO outbox (table_name, row_id, op, created_at)
         SELECT ?, t.id, CASE WHEN t.deleted = 1 THEN 'delete' ELSE 'upsert' END, ?
         FROM ${table.local} t ${table.gameJoin} WHERE g.id = ?`,
      ).run(table.local, now, gameId);
    }
    const codes = db
      .prepare(
        `SELECT DISTINCT c.id FROM events e JOIN codes c ON c.id = e.code_id
         WHERE e.game_id = ? AND c.team_id IS NULL`,
      )
      .all(gameId) as { id: string }[];
    const claim = db.prepare('UPDATE codes SET team_id = ? WHERE id = ?');
    for (const { id } of codes) {
      if (isDefaultCodeId(id)) continue;
      claim.run(teamId, id);
      recordChange(db, 'codes', id, 'upsert', now);
    }
  });
  return getGame(store, gameId);
}
