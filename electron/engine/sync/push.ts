import type { Database } from '../store/db.ts';
import { transaction } from '../store/db.ts';
import { acknowledge, claimCodesForSharedEvents, pendingRows } from './pending.ts';
import { request, type RequestContext } from './retry.ts';
import { toServerRow } from './row-mapping.ts';
import { SYNCED_TABLES } from './tables.ts';

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
): Promise<PushReport> {
  const batchSize = Math.min(options.batchSize ?? MAX_ROWS_PER_REQUEST, MAX_ROWS_PER_REQUEST);
  transaction(db, () => claimCodesForSharedEvents(db, options.now));
  const report: PushReport = { rows: 0, requests: 0, batches: [], games: new Set() };
  for (const table of SYNCED_TABLES) {
    const rows = pendingRows(db, table);
    for (let i = 0; i < rows.length; i += batchSize) {
      const batch = rows.slice(i, i + batchSize);
      const body = batch.map((r) => toServerRow(table, r.row));
      const before = ctx.stats.requests;
      await request(ctx, `Sending ${table.server}`, (signal) =>
        ctx.client.from(table.server).upsert(body, { onConflict: 'id' }).abortSignal(signal),
      );
      report.requests += ctx.stats.requests - before;
      transaction(db, () => acknowledge(db, table, batch));
      report.rows += batch.length;
      report.batches.push({ table: table.server, rows: batch.length });
      for (const r of batch) if (r.gameId) report.games.add(r.gameId);
    }
  }
  return report;
}
