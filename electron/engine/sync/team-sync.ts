import type { SupabaseClient } from '@supabase/supabase-js';
import { AppFailure } from '../../contract/errors.ts';
import type { Game } from '../../contract/domain.ts';
import type { EventName, Events } from '../../contract/events.ts';
import type { CloudTeam, RemoteChanges, SyncStatus } from '../../contract/sync.ts';
import type { Logger } from '../log.ts';
import type { CloudProject } from './cloud-project.ts';
import { cloudFailure } from './cloud-errors.ts';
import {
  createSyncScheduler,
  type FailureInfo,
  type SchedulerClock,
  type SchedulerTimings,
  type SyncScheduler,
} from './scheduler.ts';
import type { CloudSession } from './session.ts';
import { buildSyncStatus } from './sync-status.ts';

/** What the scheduler and the status need from the row sync (push, pull, apply; docs/sync.md). */
export interface RowSyncPort {
  /** Pushes the outbox, then pulls every team's changes; what another device's rows changed (null: nothing). */
  sync(client: SupabaseClient, signal: AbortSignal): Promise<RemoteChanges | null>;
  /** What a failure of sync() means for the next attempt. */
  describeFailure(error: unknown): FailureInfo;
  /** Outbox rows not yet acknowledged, per shared game. */
  waitingByGame(): Map<string, number>;
  lastSyncedByGame(): Map<string, string>;
  /** Games shared with a team (made here and shared, or a teammate's). */
  sharedGameIds(): string[];
  /** Marks a game of this laptop as the team's, queueing it and its rows for the push. */
  shareGame(gameId: string, teamId: string): Game;
}

export interface TeamSyncOptions {
  session: CloudSession;
  rows: RowSyncPort;
  log: Logger;
  emit<E extends EventName>(name: E, payload: Events[E]): void;
  /** Saves the project the Cloud panel entered; the next launch reads it back. */
  saveProject(project: { url: string; anonKey: string }): CloudProject;
  clock?: SchedulerClock;
  timings?: Partial<SchedulerTimings>;
  /** Called after each successful sync (the shared rows are on the team cloud now). */
  afterSync?: () => void;
}

/** The team sync as the commands see it: sign-in, sharing, status, and the scheduler behind them. */
export interface TeamSync {
  status(): SyncStatus;
  configure(project: { url: string; anonKey: string }): Promise<SyncStatus>;
  signIn(email: string, password: string): Promise<SyncStatus>;
  signOut(): Promise<SyncStatus>;
  teams(): Promise<CloudTeam[]>;
  shareGame(gameId: string, teamId: string): Promise<Game>;
  /** Syncs now and answers the status once that sync has ended (its failure is in the status). */
  retry(): Promise<SyncStatus>;
  /** A change was saved in the library (the outbox has a new row, maybe of a shared game). */
  localChange(): void;
  /** Restores the kept session and starts syncing when there is one. */
  start(): Promise<void>;
  /** The signed-in analyst's current access token (refreshed when due), or null: the storage gateway's caller. */
  accessToken(): Promise<string | null>;
  close(): Promise<void>;
}

export function createTeamSync(options: TeamSyncOptions): TeamSync {
  const { session, rows, log, emit } = options;
  let signedOutReason: string | null = null;
  let signingOut = false;
  let lastSent = '';

  const status = (): SyncStatus =>
    buildSyncStatus({
      project: session.project(),
      account: session.account(),
      scheduler: scheduler.state(),
      sharedGameIds: rows.sharedGameIds(),
      waitingByGame: rows.waitingByGame(),
      lastSyncedByGame: rows.lastSyncedByGame(),
      signedOutReason,
    });

  /** Sends the status when it changed; the renderer never polls for it. */
  const publish = () => {
    const next = status();
    const text = JSON.stringify(next);
    if (text === lastSent) return;
    lastSent = text;
    emit('sync.status', next);
  };

  const scheduler: SyncScheduler = createSyncScheduler({
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.timings ? { timings: options.timings } : {}),
    canSync: () => session.project() !== null && session.account() !== null,
    describeFailure: (error) => rows.describeFailure(error),
    onState: () => publish(),
    async cycle(signal) {
      const remote = await rows.sync(session.client(), signal);
      options.afterSync?.();
      if (!remote) return;
      log.info('applied rows from the team', { games: remote.gameIds.length, beyondListed: remote.beyondListed });
      emit('sync.remoteChanges', remote);
      // The game list (a teammate's new game, a renamed one), videos, runs and overlay follow this.
      for (const gameId of remote.gameIds) emit('library.changed', { gameId });
    },
  });

  session.onAccountChange((account) => {
    if (account) {
      signedOutReason = null;
      void scheduler.syncNow();
    } else {
      if (!signingOut) signedOutReason = 'The team cloud ended the session; sign in again.';
      scheduler.pause();
    }
    publish();
  });

  const failAsStatus = async (work: () => Promise<unknown>) => {
    await work();
    publish();
    return status();
  };

  return {
    status,
    configure: (project) =>
      failAsStatus(async () => {
        const saved = options.saveProject(project);
        signingOut = true;
        try {
          await session.setProject(saved);
        } finally {
          signingOut = false;
        }
      }),
    signIn: (email, password) =>
      failAsStatus(async () => {
        await session.signIn(email, password);
      }),
    signOut: () =>
      failAsStatus(async () => {
        signingOut = true;
        try {
          await session.signOut();
        } finally {
          signingOut = false;
        }
        signedOutReason = null;
      }),
    teams: () => session.teams(),
    async accessToken() {
      if (session.project() === null || session.account() === null) return null;
      const { data } = await session.client().auth.getSession();
      return data.session?.access_token ?? null;
    },
    async shareGame(gameId, teamId) {
      let teams: CloudTeam[];
      try {
        teams = await session.teams();
      } catch (error) {
        throw cloudFailure(error, 'Sharing the game');
      }
      if (!teams.some((team) => team.id === teamId)) {
        throw new AppFailure('not-found', 'You are not a member of that team (or it no longer exists).');
      }
      const game = rows.shareGame(gameId, teamId);
      emit('library.changed', { gameId });
      publish();
      void scheduler.syncNow();
      return game;
    },
    retry: () => failAsStatus(() => scheduler.syncNow()),
    localChange() {
      scheduler.localChange();
      publish();
    },
    async start() {
      try {
        await session.restore();
      } catch (error) {
        log.warn('the kept team-cloud session could not be restored', { error: String(error) });
      }
      publish();
    },
    async close() {
      await scheduler.close();
      await session.close();
    },
  };
}
