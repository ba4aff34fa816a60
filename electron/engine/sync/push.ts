import type { Database } from '../store/db.ts';
import { transaction } from '../store/db.ts';
import { acknowledge, claimCodesForSharedEvents, pendingRows } from './pending.ts';
import { request, type RequestContext } from './retry.ts';
import { applyRows, noChanges, type AppliedChanges } from './pull.ts';
import { toServerRow, type ServerRow } from './row-mapping.ts';
import { SYNCED_TABLES, type SyncedTable } from './tables.ts';

/** PostgREST's own advice is a few hundred rows a request; the API statement timeout is 8 s. */
export const MAX_ROWS_PER_REQUEST = 500;

export interface PushReport {
  rows: number;
  /** Upsert requests sent (retries included). */
  requests: number;
  /** Rows in each acknowledged batch, in order. */
  batches: { table: string; rows: number }[];
  /** Games that had a row acknowledged. */
  games: Set<string>;
  /** Rows the server already held a newer (or the same) write of: fetched and applied here instead. */
  lost: number;
  /** Requests that fetched those rows. */
  refetchRequests: number;
  /** What applying those rows changed here. */
  changed: AppliedChanges;
}

/** Filled as the push goes, so a push that fails half way still reports what it sent. */
export function emptyPushReport(): PushReport {
  return { rows: 0, requests: 0, batches: [], games: new Set(), lost: 0, refetchRequests: 0, changed: noChanges() };
}

/** Ids per refetch request: 100 UUIDs keep the URL far below servers' 8–16 KiB header limits. */
const REFETCH_IDS = 100;

async function refetchRows(
  db: Database,
  ctx: RequestContext,
  table: SyncedTable,
  ids: readonly string[],
  report: PushReport,
): Promise<void> {
  for (let i = 0; i < ids.length; i += REFETCH_IDS) {
    const chunk = ids.slice(i, i + REFETCH_IDS);
    const before = ctx.stats.requests;
    const rows =
      (await request<ServerRow[]>(ctx, `Fetching ${table.server}`, (signal) =>
        ctx.client.from(table.server).select('*').in('id', chunk).retry(false).abortSignal(signal),
      )) ?? [];
    report.refetchRequests += ctx.stats.requests - before;
    report.lost += chunk.length;
    applyRows(db, table, rows, { applied: 0, kept: 0, refused: 0, changed: report.changed });
  }
}

/**
 * Pushes every waiting row of shared games, table by table in parent-first order, as idempotent
 * upserts of at most `batchSize` rows. A batch's outbox rows go only once the server answered it
 * (a kill before that leaves them, and pushing them again is harmless: the server keeps the newer
 * write and ignores an equal one). A failure stops the push and is thrown; what was acknowledged
 * before stays acknowledged.
 */
export async function pushPending(
  db: Database,
  ctx: RequestContext,
  options: { now: string; batchSize?: number },
  report: PushReport = emptyPushReport(),
): Promise<PushReport> {
  const batchSize = Math.min(options.batchSize ?? MAX_ROWS_PER_REQUEST, MAX_ROWS_PER_REQUEST);
  transaction(db, () => claimCodesForSharedEvents(db, options.now));
  for (const table of SYNCED_TABLES) {
    const rows = pendingRows(db, table);
    for (let i = 0; i < rows.length; i += batchSize) {
      const batch = rows.slice(i, i + batchSize);
      const body = batch.map((r) => toServerRow(table, r.row));
      const before = ctx.stats.requests;
      const written =
        (await request<{ id: string }[]>(ctx, `Sending ${table.server}`, (signal) =>
          ctx.client.from(table.server).upsert(body, { onConflict: 'id' }).select('id').abortSignal(signal),
        )) ?? [];
      report.requests += ctx.stats.requests - before;
      transaction(db, () => acknowledge(db, table, batch));
      // A row the server kept its own version of (it held a newer write) is not in the answer.
      // That newer write may already be behind this laptop's pull cursor (pulled before the
      // analyst edited the row here), so it would never come again: fetch it now.
      const writtenIds = new Set(written.map((r) => r.id));
      const lost = batch.filter((r) => !writtenIds.has(r.id)).map((r) => r.id);
      if (lost.length) await refetchRows(db, ctx, table, lost, report);
      report.rows += batch.length;
      report.batches.push({ table: table.server, rows: batch.length });
      for (const r of batch) if (r.gameId) report.games.add(r.gameId);
    }
  }
  return report;
}
