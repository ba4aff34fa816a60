import { z } from 'zod';
import type { AppErrorKind } from './errors.ts';

/** The team's Supabase project: its URL and public (anon) API key, both safe to keep in settings. */
export const CloudProjectInput = z
  .object({
    url: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .transform((url) => url.replace(/\/+$/, '')),
    anonKey: z.string().trim().min(20).max(4000),
  })
  .strict();
export type CloudProjectInput = z.input<typeof CloudProjectInput>;

export const SignInInput = z
  .object({
    email: z.email().max(320),
    password: z.string().min(1).max(1000),
  })
  .strict();
export type SignInInput = z.infer<typeof SignInInput>;

export interface CloudAccount {
  userId: string;
  email: string;
}

/** A team the signed-in analyst belongs to (the owner of the shared data, not a roster team). */
export interface CloudTeam {
  id: string;
  name: string;
  role: string;
}

/** Where the project settings came from: the Cloud panel (sync.configure) or the environment. */
export type CloudProjectSource = 'settings' | 'env';

/**
 * One game's sync, as the game list shows it. A game that was never shared is `local`: it never
 * leaves the laptop, so it has no sync status at all.
 */
export type GameSyncState =
  | { state: 'local' }
  | { state: 'offline'; waiting: number }
  | { state: 'waiting'; waiting: number }
  | { state: 'syncing'; waiting: number }
  | { state: 'synced'; at: string | null }
  | { state: 'error'; waiting: number; reason: string };

export type OverallSyncState =
  | 'not-configured' // no project URL / key yet
  | 'signed-out'
  | 'offline' // the last attempt could not reach the project; retried with backoff
  | 'waiting' // changes are queued; a sync is scheduled
  | 'syncing'
  | 'synced'
  | 'error'; // the project answered with a failure (not a network outage)

export interface SyncProblem {
  kind: AppErrorKind;
  message: string;
}

export interface SyncStatus {
  project: { url: string; source: CloudProjectSource } | null;
  account: CloudAccount | null;
  state: OverallSyncState;
  /** Local changes of shared games not yet acknowledged by the server. */
  waiting: number;
  lastSyncedAt: string | null;
  /** Why the last attempt failed (offline or error), else null. */
  problem: SyncProblem | null;
  /** When the scheduler tries again on its own (backoff or the poll), null when it will not. */
  nextAttemptAt: string | null;
  /** Every game's sync by id; games without an entry are `local`. */
  games: Record<string, GameSyncState>;
}

/** Rows another device wrote, applied to this library: the renderer reloads what it shows of these games. */
export interface RemoteChanges {
  gameIds: string[];
  /**
   * Rows of no game changed too: a team's codes (used by every game), or a row whose parent has
   * not reached this laptop yet. The open game reloads then whatever its id. Rows of a game (runs,
   * track summaries and edits included) are named by `gameIds`.
   */
  beyondListed: boolean;
}
