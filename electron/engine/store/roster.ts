import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AppFailure } from '../../contract/errors.ts';
import type { Player, PlayerInput, Roster, Team, TeamInput } from '../../contract/tagging.ts';
import { transaction } from './db.ts';
import { getGame, type StoreContext } from './games.ts';
import { recordChange } from './outbox.ts';

export type TeamFields = z.infer<typeof TeamInput>;
export type PlayerFields = z.infer<typeof PlayerInput>;

interface TeamRow {
  id: string;
  game_id: string;
  side: 'home' | 'away';
  name: string;
  colour: string;
  updated_at: string;
  device_id: string;
  deleted: number;
}

interface PlayerRow {
  id: string;
  team_id: string;
  name: string;
  number: number | null;
  position: 'F' | 'D' | 'G' | null;
  updated_at: string;
  device_id: string;
  deleted: number;
}

const sync = (row: { id: string; updated_at: string; device_id: string; deleted: number }) => ({
  id: row.id,
  updatedAt: row.updated_at,
  deviceId: row.device_id,
  deleted: row.deleted === 1,
});

function toTeam(row: TeamRow): Team {
  return { ...sync(row), gameId: row.game_id, side: row.side, name: row.name, colour: row.colour };
}

function toPlayer(row: PlayerRow): Player {
  return { ...sync(row), teamId: row.team_id, name: row.name, number: row.number, position: row.position };
}

/** The game's teams (home first) and their players by sweater number. */
export function getRoster(store: StoreContext, gameId: string): Roster {
  getGame(store, gameId);
  const teams = store.db
    .prepare("SELECT * FROM teams WHERE game_id = ? AND deleted = 0 ORDER BY side = 'away', name")
    .all(gameId) as unknown as TeamRow[];
  const players = store.db
    .prepare(
      `SELECT p.* FROM players p JOIN teams t ON t.id = p.team_id
       WHERE t.game_id = ? AND t.deleted = 0 AND p.deleted = 0
       ORDER BY t.side = 'away', p.number IS NULL, p.number, p.name COLLATE NOCASE`,
    )
    .all(gameId) as unknown as PlayerRow[];
  return { teams: teams.map(toTeam), players: players.map(toPlayer) };
}

export function getTeam(store: StoreContext, id: string): Team {
  const row = store.db.prepare('SELECT * FROM teams WHERE id = ? AND deleted = 0').get(id) as TeamRow | undefined;
  if (!row) throw new AppFailure('not-found', 'That team is no longer on the roster.');
  return toTeam(row);
}

export function getPlayer(store: StoreContext, id: string): Player {
  const row = store.db.prepare('SELECT * FROM players WHERE id = ? AND deleted = 0').get(id) as PlayerRow | undefined;
  if (!row) throw new AppFailure('not-found', 'That player is no longer on the roster.');
  return toPlayer(row);
}

/**
 * Creates or updates a team. A game has one home and one away team, so saving a new team for a
 * side that already has one updates that team instead of adding a second.
 */
export function saveTeam(store: StoreContext, id: string | undefined, input: TeamFields): Team {
  getGame(store, input.gameId);
  let teamId = id;
  if (teamId !== undefined) {
    const current = getTeam(store, teamId);
    if (current.gameId !== input.gameId) throw new AppFailure('invalid-args', 'A team cannot move to another game.');
    const other = store.db
      .prepare('SELECT id FROM teams WHERE game_id = ? AND side = ? AND deleted = 0 AND id <> ?')
      .get(input.gameId, input.side, teamId);
    if (other) throw new AppFailure('conflict', `This game already has a ${input.side} team.`);
  } else {
    const existing = store.db
      .prepare('SELECT id FROM teams WHERE game_id = ? AND side = ? AND deleted = 0')
      .get(input.gameId, input.side) as { id: string } | undefined;
    teamId = existing?.id ?? randomUUID();
  }
  const rowId = teamId;
  const now = store.now();
  transaction(store.db, () => {
    store.db
      .prepare(
        `INSERT INTO teams (id, game_id, side, name, colour, updated_at, device_id, deleted)
         VALUES (?, ?, ?, ?, ?, ?, ?, 0)
         ON CONFLICT(id) DO UPDATE SET side = excluded.side, name = excluded.name, colour = excluded.colour,
           updated_at = excluded.updated_at, device_id = excluded.device_id`,
      )
      .run(rowId, input.gameId, input.side, input.name, input.colour, now, store.deviceId);
    recordChange(store.db, 'teams', rowId, 'upsert', now);
  });
  return getTeam(store, rowId);
}

/** Creates or updates a player; a player may move to the other team of the same game (a fixed mistake). */
export function savePlayer(store: StoreContext, id: string | undefined, input: PlayerFields): Player {
  const team = getTeam(store, input.teamId);
  if (id !== undefined && gameOfTeam(store, getPlayer(store, id).teamId) !== team.gameId) {
    throw new AppFailure('invalid-args', 'A player cannot move to another game.');
  }
  const playerId = id ?? randomUUID();
  const now = store.now();
  transaction(store.db, () => {
    store.db
      .prepare(
        `INSERT INTO players (id, team_id, name, number, position, updated_at, device_id, deleted)
         VALUES (?, ?, ?, ?, ?, ?, ?, 0)
         ON CONFLICT(id) DO UPDATE SET team_id = excluded.team_id, name = excluded.name, number = excluded.number,
           position = excluded.position, updated_at = excluded.updated_at, device_id = excluded.device_id`,
      )
      .run(playerId, input.teamId, input.name, input.number, input.position, now, store.deviceId);
    recordChange(store.db, 'players', playerId, 'upsert', now);
  });
  return getPlayer(store, playerId);
}

/** Soft delete; events and track links that name the player keep the id (exports show it as unknown). */
export function deletePlayer(store: StoreContext, id: string): void {
  getPlayer(store, id);
  const now = store.now();
  transaction(store.db, () => {
    store.db
      .prepare('UPDATE players SET deleted = 1, updated_at = ?, device_id = ? WHERE id = ?')
      .run(now, store.deviceId, id);
    recordChange(store.db, 'players', id, 'delete', now);
  });
}

/** The game a team belongs to, so handlers can tell the right windows to refresh. */
export function gameOfTeam(store: StoreContext, teamId: string): string {
  return getTeam(store, teamId).gameId;
}
