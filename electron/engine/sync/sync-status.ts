import type { CloudAccount, GameSyncState, OverallSyncState, SyncStatus } from '../../contract/sync.ts';
import type { CloudProject } from './cloud-project.ts';
import type { SchedulerState } from './scheduler.ts';

export interface StatusInputs {
  project: CloudProject | null;
  account: CloudAccount | null;
  scheduler: SchedulerState;
  /** The games that sync (shared with a team, made here or pulled from it). */
  sharedGameIds: readonly string[];
  /** Outbox rows not yet acknowledged, per shared game. */
  waitingByGame: ReadonlyMap<string, number>;
  /** When each game last finished a sync with nothing left to push. */
  lastSyncedByGame: ReadonlyMap<string, string>;
  /** Why the analyst is signed out when the server ended the session (not their own sign-out). */
  signedOutReason: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A failure the network caused (down, timed out) reads as offline; the server's refusals as errors. */
function isOffline(scheduler: SchedulerState): boolean {
  return scheduler.failure?.error.kind === 'cloud-unreachable';
}

function overallState(inputs: StatusInputs, waiting: number): OverallSyncState {
  const { project, account, scheduler } = inputs;
  if (!project) return 'not-configured';
  if (!account) return 'signed-out';
  if (scheduler.phase === 'syncing') return 'syncing';
  if (scheduler.failure) return isOffline(scheduler) ? 'offline' : 'error';
  if (waiting > 0) return 'waiting';
  return 'synced';
}

function gameState(inputs: StatusInputs, gameId: string, overall: OverallSyncState): GameSyncState {
  const waiting = inputs.waitingByGame.get(gameId) ?? 0;
  const failure = inputs.scheduler.failure;
  switch (overall) {
    case 'not-configured':
    case 'signed-out':
    case 'offline':
      return { state: 'offline', waiting };
    case 'error':
      return { state: 'error', waiting, reason: failure?.error.message ?? 'The last sync failed.' };
    case 'syncing':
      if (waiting > 0) return { state: 'syncing', waiting };
      break;
    default:
      if (waiting > 0) return { state: 'waiting', waiting };
  }
  return { state: 'synced', at: inputs.lastSyncedByGame.get(gameId) ?? iso(inputs.scheduler.lastSyncedAt) };
}

/** What the Cloud panel and the game list show, from the session, the scheduler and the outbox. */
export function buildSyncStatus(inputs: StatusInputs): SyncStatus {
  let waiting = 0;
  for (const id of inputs.sharedGameIds) waiting += inputs.waitingByGame.get(id) ?? 0;
  const state = overallState(inputs, waiting);
  const games: Record<string, GameSyncState> = {};
  for (const id of inputs.sharedGameIds) games[id] = gameState(inputs, id, state);
  const failure = inputs.scheduler.failure;
  let problem: SyncStatus['problem'] = null;
  if (state === 'offline' || state === 'error') problem = failure ? { ...failure.error } : null;
  else if (state === 'signed-out' && inputs.signedOutReason)
    problem = { kind: 'sign-in-failed', message: inputs.signedOutReason };
  return {
    project: inputs.project ? { url: inputs.project.url, source: inputs.project.source } : null,
    account: inputs.account,
    state,
    waiting,
    lastSyncedAt: iso(inputs.scheduler.lastSyncedAt),
    problem: problem ? { kind: problem.kind, message: problem.message } : null,
    nextAttemptAt: inputs.account ? iso(inputs.scheduler.nextAttemptAt) : null,
    games,
  };
}
