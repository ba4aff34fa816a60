import type { SupabaseClient } from '@supabase/supabase-js';
import { AppFailure, type AppErrorKind } from '../../contract/errors.ts';
import type { StoreContext } from '../store/games.ts';
import { shareGame } from '../store/sharing.ts';
import { gameSyncedAt } from '../store/sync-state.ts';
import { pendingPerGame } from './pending.ts';
import { createRowSync, type RowSync, type SyncErrorInfo, type SyncErrorKind } from './row-sync.ts';
import type { FailureInfo } from './scheduler.ts';
import type { RowSyncPort } from './team-sync.ts';
import type { SyncTransport } from './transport.ts';

/** How a row-sync failure reads in the status: unreachable is "offline", the rest an error with its reason. */
const KIND: Record<SyncErrorKind, AppErrorKind> = {
  offline: 'cloud-unreachable',
  timeout: 'cloud-unreachable',
  'rate-limited': 'cloud-error',
  server: 'cloud-error',
  refused: 'cloud-error',
  auth: 'sign-in-failed',
  cancelled: 'cancelled',
};

/** A failed syncOnce as the scheduler sees it: the row sync's report, carried as an AppFailure. */
class RowSyncFailed extends AppFailure {
  readonly info: SyncErrorInfo;
  constructor(info: SyncErrorInfo) {
    super(KIND[info.kind], info.message, info.detail);
    this.info = info;
  }
}

/** The row sync (push, pull, apply) behind the scheduler: one RowSync per signed-in client. */
export function rowSyncPort(store: StoreContext, transport: SyncTransport): RowSyncPort {
  let current: { client: SupabaseClient; sync: RowSync } | null = null;
  const syncFor = (client: SupabaseClient): RowSync => {
    if (current?.client !== client) current = { client, sync: createRowSync({ store, client, transport }) };
    return current.sync;
  };
  const shared = () => pendingPerGame(store.db).filter((g) => g.teamId !== null);
  return {
    async sync(client, signal) {
      const report = await syncFor(client).syncOnce(signal);
      if (report.error) throw new RowSyncFailed(report.error);
      // Only rows another device wrote change what the analyst sees: pulled and applied (not our
      // own coming back, nor rows this laptop already held as new), or a newer write the server
      // held instead of ours, fetched in its place. Each is traced to its game; only rows of no
      // game (a team's codes, used by every game) make the open game reload whatever it is.
      const { gameIds, outsideGames } = report.applied;
      if (gameIds.length === 0 && outsideGames === 0) return null;
      return { gameIds, beyondListed: outsideGames > 0 };
    },
    describeFailure(error): FailureInfo {
      if (error instanceof RowSyncFailed) {
        return {
          error: { kind: error.kind, message: error.message, ...(error.detail ? { detail: error.detail } : {}) },
          retryable: error.info.retryable,
          retryAfterMs: error.info.retryInMs,
        };
      }
      const failure = error instanceof AppFailure ? error : new AppFailure('internal', String(error));
      return { error: { kind: failure.kind, message: failure.message }, retryable: true, retryAfterMs: null };
    },
    waitingByGame: () => new Map(shared().map((g) => [g.gameId, g.pending])),
    lastSyncedByGame: () => gameSyncedAt(store.db),
    sharedGameIds: () => shared().map((g) => g.gameId),
    shareGame: (gameId, teamId) => shareGame(store, gameId, teamId),
  };
}
