import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../contract/errors.ts';
import type { Game, GameInput } from '../../contract/domain.ts';
import { transaction, type Database } from './db.ts';
import { recordChange } from './outbox.ts';

interface GameRow {
  id: string;
  title: string;
  date: string;
  home: string;
  away: string;
  created_at: string;
  updated_at: string;
  device_id: string;
  deleted: number;
  team_id: string | null;
  from_teammate: number;
}

function toGame(row: GameRow): Game {
  return {
    id: row.id,
    title: row.title,
    date: row.date,
    home: row.home,
    away: row.away,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deviceId: row.device_id,
    deleted: row.deleted === 1,
    teamId: row.team_id,
    fromTeammate: row.from_teammate === 1,
  };
}

export interface StoreContext {
  db: Database;
  deviceId: string;
  now: () => string;
}

export function listGames(ctx: StoreContext): Game[] {
  const rows = ctx.db
    .prepare('SELECT * FROM games WHERE deleted = 0 ORDER BY date DESC, created_at DESC')
    .all() as unknown as GameRow[];
  return rows.map(toGame);
}

export function getGame(ctx: StoreContext, id: string): Game {
  const row = ctx.db.prepare('SELECT * FROM games WHERE id = ? AND deleted = 0').get(id) as GameRow | undefined;
  if (!row) throw new AppFailure('not-found', 'That game no longer exists.');
  return toGame(row);
}

export function createGame(ctx: StoreContext, input: GameInput): Game {
  const id = randomUUID();
  const now = ctx.now();
  transaction(ctx.db, () => {
    ctx.db
      .prepare(
        `INSERT INTO games (id, title, date, home, away, created_at, updated_at, device_id, deleted)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)`,
      )
      .run(id, input.title, input.date, input.home, input.away, now, now, ctx.deviceId);
    recordChange(ctx.db, 'games', id, 'upsert', now);
  });
  return getGame(ctx, id);
}

export function updateGame(ctx: StoreContext, id: string, patch: Partial<GameInput>): Game {
  const current = getGame(ctx, id);
  const next = { ...current, ...patch };
  const now = ctx.now();
  transaction(ctx.db, () => {
    ctx.db
      .prepare('UPDATE games SET title = ?, date = ?, home = ?, away = ?, updated_at = ?, device_id = ? WHERE id = ?')
      .run(next.title, next.date, next.home, next.away, now, ctx.deviceId, id);
    recordChange(ctx.db, 'games', id, 'upsert', now);
  });
  return getGame(ctx, id);
}

/** A delete is a write of deleted = 1 so it can sync and compete like any other write. */
export function deleteGame(ctx: StoreContext, id: string): void {
  getGame(ctx, id);
  const now = ctx.now();
  transaction(ctx.db, () => {
    ctx.db
      .prepare('UPDATE games SET deleted = 1, updated_at = ?, device_id = ? WHERE id = ?')
      .run(now, ctx.deviceId, id);
    recordChange(ctx.db, 'games', id, 'delete', now);
  });
}
