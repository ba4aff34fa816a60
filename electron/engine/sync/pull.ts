import type { Database } from '../store/db.ts';
import { pullCursor, setPullCursor } from '../store/sync-state.ts';
import { request, type RequestContext } from './retry.ts';
import { toLocalRow, type LocalRow, type ServerRow } from './row-mapping.ts';
import { compareWrites } from './timestamps.ts';
import { SYNCED_TABLES, type SyncedTable } from './tables.ts';

/** PostgREST answers at most 1000 rows a request. */
export const PULL_PAGE_ROWS = 1000;

export interface PullReport {
  /** Rows received from the server. */
  rows: number;
  /** Rows written locally (new, or newer than the local row). */
  applied: number;
  /** Rows the local copy already beat or equalled under last-writer-wins. */
  kept: number;
  /** Rows a local rule refused (another row holds the same natural key): counted, not applied. */
  refused: number;
  requests: number;
  /** Games a pulled row belonged to (by its game_id; this laptop's own rows coming back too). */
  games: Set<string>;
  /** What the applied rows changed. */
  changed: AppliedChanges;
}

/**
 * Applies one page of a table in one SQLite transaction together with the cursor, so a kill
 * leaves either the page and its cursor or neither: a resumed pull starts after the last applied
 * page and never applies a row twice. Pulled rows write no outbox rows (they come from the
 * server). Foreign keys are not checked while applying: within a team the server holds every
 * parent, but the pull of a later table may bring a row whose parent committed after that
 * table was read; it arrives with the next pull.
 */
export function applyPage(
  db: Database,
  table: SyncedTable,
  teamId: string,
  rows: readonly ServerRow[],
  report: ApplyCounts,
): void {
  const last = rows.at(-1);
  if (!last) return;
  applyRows(db, table, rows, report, () => setPullCursor(db, table.local, teamId, Number(last.server_seq)));
}

export interface ApplyCounts {
  applied: number;
  kept: number;
  refused: number;
  /** What the applied rows changed, for the windows that show it (see `AppliedChanges`). */
  changed: AppliedChanges;
}

/**
 * The games whose rows were applied, each row traced to its game through its parents on this
 * laptop (a run through its video, a player through its roster team), and how many applied rows
 * belong to no game here: a team's codes, or a row whose parent has not arrived yet.
 */
export interface AppliedChanges {
  games: Set<string>;
  outsideGames: number;
}

export function noChanges(): AppliedChanges {
  return { games: new Set(), outsideGames: 0 };
}

/** Applies server rows under last-writer-wins in one transaction (then `alsoInTransaction`). */
export function applyRows(
  db: Database,
  table: SyncedTable,
  rows: readonly ServerRow[],
  report: ApplyCounts,
  alsoInTransaction: () => void = () => undefined,
): void {
  db.exec('PRAGMA foreign_keys = OFF');
  try {
    db.exec('BEGIN IMMEDIATE');
    try {
      const gameOf = table.gameJoin
        ? db.prepare(`SELECT g.id AS game FROM ${table.local} t ${table.gameJoin} WHERE t.id = ?`)
        : null;
      for (const server of rows) {
        const row = toLocalRow(table, server);
        if (!applyRow(db, table, row, report)) continue;
        const game = (gameOf?.get(String(row.id)) as { game: string } | undefined)?.game;
        if (game) report.changed.games.add(game);
        else report.changed.outsideGames += 1;
      }
      alsoInTransaction();
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  } finally {
    db.exec('PRAGMA foreign_keys = ON');
  }
}

/** True when the row was written here. */
function applyRow(db: Database, table: SyncedTable, row: LocalRow, report: ApplyCounts): boolean {
  const local = db.prepare(`SELECT updated_at, device_id FROM ${table.local} WHERE id = ?`).get(String(row.id)) as
    { updated_at: string; device_id: string } | undefined;
  const columns = table.columns.map((c) => c.local);
  try {
    if (!local) {
      const extra: Record<string, unknown> = { ...table.localOnly };
      if (table.local === 'games') extra.from_teammate = 1;
      const names = [...columns, ...Object.keys(extra)];
      const values = [...columns.map((c) => row[c]), ...Object.values(extra)];
      db.prepare(`INSERT INTO ${table.local} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(
        ...(values as never[]),
      );
    } else {
      const incoming = { updatedAt: String(row.updated_at), deviceId: String(row.device_id) };
      if (compareWrites(incoming, { updatedAt: local.updated_at, deviceId: local.device_id }) <= 0) {
        report.kept += 1;
        return false;
      }
      const set = columns.filter((c) => c !== 'id');
      db.prepare(`UPDATE ${table.local} SET ${set.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(
        ...(set.map((c) => row[c]) as never[]),
        String(row.id),
      );
    }
    report.applied += 1;
    return true;
  } catch (error) {
    if (!/UNIQUE constraint failed/.test(String(error))) throw error;
    report.refused += 1;
    return false;
  }
}

/**
 * Pulls every table of one team from its cursor, parents first, page by page in server_seq
 * order (never by client time: a late edit with an old timestamp still has a new number).
 */
export async function pullTeam(
  db: Database,
  ctx: RequestContext,
  teamId: string,
  report: PullReport,
  pageRows = PULL_PAGE_ROWS,
): Promise<void> {
  for (const table of SYNCED_TABLES) {
    for (;;) {
      const cursor = pullCursor(db, table.local, teamId);
      const before = ctx.stats.requests;
      const page =
        (await request<ServerRow[]>(ctx, `Fetching ${table.server}`, (signal) =>
          ctx.client
            .from(table.server)
            .select('*')
            .eq('team_id', teamId)
            .gt('server_seq', cursor)
            .order('server_seq', { ascending: true })
            .limit(pageRows)
            .retry(false)
            .abortSignal(signal),
        )) ?? [];
      report.requests += ctx.stats.requests - before;
      report.rows += page.length;
      applyPage(db, table, teamId, page, report);
      for (const r of page) {
        const game = gameOfServerRow(table, r);
        if (game) report.games.add(game);
      }
      if (page.length < pageRows) break;
    }
  }
}

function gameOfServerRow(table: SyncedTable, row: ServerRow): string | null {
  if (table.server === 'games') return String(row.id);
  return typeof row.game_id === 'string' ? row.game_id : null;
}
