import type { Database } from '../store/db.ts';
import { SYNCED_TABLES, isDefaultCodeId, syncedTable, type SyncedTable } from './tables.ts';

/** One row waiting in the outbox: its newest outbox seq, its current content, its team. */
export interface PendingRow {
  id: string;
  /** The newest outbox seq read for this row; acknowledging removes outbox rows up to it. */
  seq: number;
  teamId: string;
  gameId: string | null;
  row: Record<string, unknown>;
}

/**
 * The rows of one table waiting to be pushed, deduplicated (a row edited ten times is pushed
 * once, as it is now), only those of shared games (and codes claimed by a team); the default
 * codes never (the server holds the same rows and lets nobody write them).
 */
export function pendingRows(db: Database, table: SyncedTable): PendingRow[] {
  const teamExpr = table.gameJoin ? 'g.team_id' : 't.team_id';
  const gameExpr = table.gameJoin ? 'g.id' : 'NULL';
  const rows = db
    .prepare(
      `SELECT t.*, ${teamExpr} AS _team, ${gameExpr} AS _game, o.seq AS _seq
       FROM (SELECT row_id, max(seq) AS seq FROM outbox WHERE table_name = ? GROUP BY row_id) o
       JOIN ${table.local} t ON t.id = o.row_id ${table.gameJoin ?? ''}
       WHERE ${teamExpr} IS NOT NULL
       ORDER BY o.seq`,
    )
    .all(table.local) as Record<string, unknown>[];
  const out: PendingRow[] = [];
  for (const r of rows) {
    const id = String(r.id);
    if (table.local === 'codes' && isDefaultCodeId(id)) continue;
    const { _team, _game, _seq, ...row } = r;
    out.push({ id, seq: Number(_seq), teamId: String(_team), gameId: _game === null ? null : String(_game), row });
  }
  return out;
}

/**
 * A custom code used by an event of a shared game goes to that game's team (the event points at
 * it, so the server needs it); one not used by any shared game stays on the laptop. Writes the
 * code's team and its outbox row.
 */
export function claimCodesForSharedEvents(db: Database, now: string): number {
  const claims = db
    .prepare(
      `SELECT c.id AS code_id, min(g.team_id) AS team_id
       FROM outbox o JOIN events e ON e.id = o.row_id JOIN games g ON g.id = e.game_id JOIN codes c ON c.id = e.code_id
       WHERE o.table_name = 'events' AND g.team_id IS NOT NULL AND c.team_id IS NULL
       GROUP BY c.id`,
    )
    .all() as { code_id: string; team_id: string }[];
  const claim = db.prepare('UPDATE codes SET team_id = ? WHERE id = ? AND team_id IS NULL');
  const enqueue = db.prepare(
    "INSERT INTO outbox (table_name, row_id, op, created_at) VALUES ('codes', ?, 'upsert', ?)",
  );
  let n = 0;
  for (const c of claims) {
    if (isDefaultCodeId(c.code_id)) continue;
    claim.run(c.team_id, c.code_id);
    enqueue.run(c.code_id, now);
    n += 1;
  }
  return n;
}

/**
 * Removes the outbox rows a server acknowledgement covers: for each row, those up to the seq
 * read before the push. A row written again meanwhile has a newer outbox row, which stays.
 */
export function acknowledge(db: Database, table: SyncedTable, rows: readonly PendingRow[]): void {
  const remove = db.prepare('DELETE FROM outbox WHERE table_name = ? AND row_id = ? AND seq <= ?');
  for (const r of rows) remove.run(table.local, r.id, r.seq);
}

export interface GamePending {
  gameId: string;
  teamId: string | null;
  /** Rows of the game waiting in the outbox (each counted once however often it was edited). */
  pending: number;
}

/** Waiting rows per game, shared or not (an unshared game's rows wait until it is shared). */
export function pendingPerGame(db: Database): GamePending[] {
  const counts = new Map<string, number>();
  for (const table of SYNCED_TABLES) {
    if (!table.gameJoin) continue;
    const rows = db
      .prepare(
        `SELECT g.id AS game_id, count(*) AS n
         FROM (SELECT DISTINCT row_id FROM outbox WHERE table_name = ?) o
         JOIN ${table.local} t ON t.id = o.row_id ${table.gameJoin}
         GROUP BY g.id`,
      )
      .all(table.local) as { game_id: string; n: number }[];
    for (const r of rows) counts.set(r.game_id, (counts.get(r.game_id) ?? 0) + r.n);
  }
  const games = db.prepare('SELECT id, team_id FROM games WHERE deleted = 0').all() as {
    id: string;
    team_id: string | null;
  }[];
  return games.map((g) => ({ gameId: g.id, teamId: g.team_id, pending: counts.get(g.id) ?? 0 }));
}

/** Outbox rows of tables the server does not hold (kept, never pushed): not part of any count. */
export function isSyncedTableName(name: string): boolean {
  return syncedTable(name) !== undefined;
}
