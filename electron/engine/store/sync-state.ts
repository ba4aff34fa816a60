import type { Database } from './db.ts';

/**
 * The sync's own bookkeeping in the library: the pull cursor per (table, team) — the highest
 * server change number applied — and when each game last finished a sync with nothing waiting.
 */
export function pullCursor(db: Database, table: string, teamId: string): number {
  const row = db
    .prepare('SELECT server_seq FROM sync_cursors WHERE table_name = ? AND team_id = ?')
    .get(table, teamId) as { server_seq: number } | undefined;
  return row?.server_seq ?? 0;
}

/** Call inside the transaction that applies the rows up to `serverSeq`. */
export function setPullCursor(db: Database, table: string, teamId: string, serverSeq: number): void {
  db.prepare(
    `INSERT INTO sync_cursors (table_name, team_id, server_seq) VALUES (?, ?, ?)
     ON CONFLICT (table_name, team_id) DO UPDATE SET server_seq = excluded.server_seq`,
  ).run(table, teamId, serverSeq);
}

export function markGamesSynced(db: Database, gameIds: readonly string[], at: string): void {
  const upsert = db.prepare(
    `INSERT INTO game_sync_state (game_id, synced_at) VALUES (?, ?)
     ON CONFLICT (game_id) DO UPDATE SET synced_at = excluded.synced_at`,
  );
  for (const id of gameIds) upsert.run(id, at);
}

export function gameSyncedAt(db: Database): Map<string, string> {
  const rows = db.prepare('SELECT game_id, synced_at FROM game_sync_state').all() as {
    game_id: string;
    synced_at: string;
  }[];
  return new Map(rows.map((r) => [r.game_id, r.synced_at]));
}
