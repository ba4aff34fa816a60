/**
 * The row sync: the laptop's library ⇄ the team's Supabase project (docs/sync.md).
 *
 *   const sync = createRowSync({ store, client, transport });
 *   const report = await sync.syncOnce(signal);   // push what waits, then pull what changed
 *   sync.gameStates();                             // per game: team, rows waiting, last synced
 *
 * Rows carry the device id of the laptop that wrote them (store.deviceId, made once per library);
 * the sync never rewrites it. One syncOnce at a time per library (a second call while one runs gets the running one's
 * promise). It never throws for a sync problem: the report's `error` says what went wrong
 * (offline, timeout, auth, rate-limited, server, refused, cancelled) and whether retrying later
 * can help; what was acknowledged or applied before the error is kept. Scheduling (when to call
 * syncOnce again) is the caller's: `error.retryInMs` suggests a wait with backoff.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { StoreContext } from '../store/games.ts';
import { transaction } from '../store/db.ts';
import { gameSyncedAt, markGamesSynced } from '../store/sync-state.ts';
import { DEFAULT_BACKOFF, backoffDelayMs, realClock, type BackoffPolicy, type Clock } from './backoff.ts';
import { pendingPerGame } from './pending.ts';
import { noChanges, pullTeam, PULL_PAGE_ROWS, type PullReport } from './pull.ts';
import { emptyPushReport, pushPending, MAX_ROWS_PER_REQUEST, type PushReport } from './push.ts';
import { request, type RequestContext } from './retry.ts';
import { SyncFailure, type SyncErrorKind } from './sync-errors.ts';
import type { SyncTransport } from './transport.ts';

export type { SyncErrorKind } from './sync-errors.ts';
export { SyncFailure } from './sync-errors.ts';
export { createSyncClient, createSyncTransport, type SyncTransport } from './transport.ts';
export { DEFAULT_BACKOFF, realClock, type BackoffPolicy, type Clock } from './backoff.ts';
export { shareGame } from '../store/sharing.ts';

export interface RowSyncOptions {
  store: StoreContext;
  /** Signed in (the sync reads and writes as that user; RLS decides what they may). */
  client: SupabaseClient;
  /** The transport the client was made with (createSyncTransport): timeouts and Retry-After. */
  transport?: SyncTransport | null;
  /**
   * The teams to pull. Default: every team the signed-in user belongs to, read from the server
   * at each sync (one request).
   */
  teamIds?: readonly string[] | (() => Promise<readonly string[]>);
  backoff?: BackoffPolicy;
  clock?: Clock;
  random?: () => number;
  /** At most 500 (the server's batch limit). */
  pushBatchRows?: number;
  /** At most 1000 (PostgREST's cap). */
  pullPageRows?: number;
}

export interface SyncErrorInfo {
  kind: SyncErrorKind;
  message: string;
  detail?: string;
  /** Whether trying again later can help without the analyst doing anything. */
  retryable: boolean;
  /** A suggested wait before the next syncOnce (backoff with jitter, at least Retry-After); null when not retryable. */
  retryInMs: number | null;
}

export interface SyncReport {
  ok: boolean;
  startedAt: string;
  finishedAt: string;
  pushed: {
    rows: number;
    /** Upsert requests (retries included). */
    requests: number;
    batches: { table: string; rows: number }[];
    /** Rows the server held a newer write of; that write was fetched and applied here. */
    lost: number;
    /** Time the push took (ms). */
    ms: number;
  };
  pulled: {
    rows: number;
    applied: number;
    kept: number;
    refused: number;
    requests: number;
    /** Time the pull took (ms), membership read included. */
    ms: number;
  };
  /** Every HTTP request (membership, pushes, pulls, retries). */
  requests: number;
  retries: number;
  sessionRefreshes: number;
  /** Games that sent or received rows in this sync. */
  gamesChanged: string[];
  /**
   * Rows another device wrote, applied here (pulled, or fetched in place of a push that lost):
   * the games they belong to, and how many belong to no game (a team's codes; a row whose parent
   * has not arrived yet). What a window showing a game should reload.
   */
  applied: { gameIds: string[]; outsideGames: number };
  error: SyncErrorInfo | null;
}

export interface GameSyncState {
  gameId: string;
  /** null: the analyst's own game, not shared: its rows wait here and never leave. */
  teamId: string | null;
  /** Rows of the game waiting to be pushed. */
  pending: number;
  /** When a sync last finished with nothing of this game waiting; null if never. */
  lastSyncedAt: string | null;
}

export interface RowSync {
  syncOnce(signal?: AbortSignal): Promise<SyncReport>;
  gameStates(): GameSyncState[];
  /** Rows waiting per game id (shared games only: an unshared game's rows are not waiting for a sync). */
  pendingByGame(): Map<string, number>;
}

export function createRowSync(options: RowSyncOptions): RowSync {
  const { store, client } = options;
  const clock = options.clock ?? realClock;
  const random = options.random ?? Math.random;
  const policy = options.backoff ?? DEFAULT_BACKOFF;
  let failuresInARow = 0;
  let running: Promise<SyncReport> | null = null;

  async function teamsToPull(ctx: RequestContext): Promise<readonly string[]> {
    const given = options.teamIds;
    if (typeof given === 'function') return given();
    if (given) return given;
    const rows = await request<{ team_id: string }[]>(ctx, 'Reading your teams', (signal) =>
      client.from('team_members').select('team_id').retry(false).abortSignal(signal),
    );
    return [...new Set((rows ?? []).map((r) => r.team_id))];
  }

  async function run(signal: AbortSignal): Promise<SyncReport> {
    const startedAt = new Date(clock.now()).toISOString();
    const stats = { requests: 0, retries: 0, refreshes: 0 };
    const ctx: RequestContext = { client, transport: options.transport ?? null, policy, clock, random, signal, stats };
    const push: PushReport = emptyPushReport();
    const pull: PullReport = {
      rows: 0,
      applied: 0,
      kept: 0,
      refused: 0,
      requests: 0,
      games: new Set(),
      changed: noChanges(),
    };
    let error: SyncErrorInfo | null = null;
    const pushStart = clock.now();
    let pullStart: number | null = null;
    let pullEnd: number | null = null;
    try {
      await pushPending(
        store.db,
        ctx,
        { now: store.now(), batchSize: Math.min(options.pushBatchRows ?? MAX_ROWS_PER_REQUEST, MAX_ROWS_PER_REQUEST) },
        push,
      );
      pullStart = clock.now();
      for (const teamId of await teamsToPull(ctx)) {
        await pullTeam(store.db, ctx, teamId, pull, Math.min(options.pullPageRows ?? PULL_PAGE_ROWS, PULL_PAGE_ROWS));
      }
      pullEnd = clock.now();
      failuresInARow = 0;
    } catch (thrown) {
      const failure =
        thrown instanceof SyncFailure
          ? thrown
          : new SyncFailure('refused', `The sync failed: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
      failuresInARow += 1;
      error = {
        kind: failure.kind,
        message: failure.message,
        ...(failure.detail ? { detail: failure.detail } : {}),
        retryable: failure.retryable,
        retryInMs: failure.retryable ? backoffDelayMs(policy, failuresInARow - 1, random, failure.retryAfterS) : null,
      };
    }
    const end = clock.now();
    const finishedAt = new Date(end).toISOString();
    if (!error) {
      const done = pendingPerGame(store.db)
        .filter((g) => g.teamId !== null && g.pending === 0)
        .map((g) => g.gameId);
      transaction(store.db, () => markGamesSynced(store.db, done, finishedAt));
    }
    return {
      ok: error === null,
      startedAt,
      finishedAt,
      pushed: {
        rows: push.rows,
        requests: push.requests,
        batches: push.batches,
        lost: push.lost,
        ms: (pullStart ?? end) - pushStart,
      },
      pulled: {
        rows: pull.rows,
        applied: pull.applied,
        kept: pull.kept,
        refused: pull.refused,
        requests: pull.requests,
        ms: pullStart === null ? 0 : (pullEnd ?? end) - pullStart,
      },
      requests: stats.requests,
      retries: stats.retries,
      sessionRefreshes: stats.refreshes,
      gamesChanged: [...new Set([...push.games, ...pull.games])],
      applied: {
        gameIds: [...new Set([...push.changed.games, ...pull.changed.games])],
        outsideGames: push.changed.outsideGames + pull.changed.outsideGames,
      },
      error,
    };
  }

  return {
    syncOnce(signal = new AbortController().signal) {
      if (!running) running = run(signal).finally(() => (running = null));
      return running;
    },
    gameStates() {
      const synced = gameSyncedAt(store.db);
      return pendingPerGame(store.db).map((g) => ({ ...g, lastSyncedAt: synced.get(g.gameId) ?? null }));
    },
    pendingByGame() {
      return new Map(
        pendingPerGame(store.db)
          .filter((g) => g.teamId !== null)
          .map((g) => [g.gameId, g.pending]),
      );
    },
  };
}
