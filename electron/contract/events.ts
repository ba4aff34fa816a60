import type { AppError } from './errors.ts';
import type { JobKind, JobProgress } from './domain.ts';
import type { RemoteChanges, SyncStatus } from './sync.ts';

export type JobOutcome =
  { outcome: 'done'; result: unknown } | { outcome: 'failed'; error: AppError } | { outcome: 'cancelled' };

export type JobFinished = { jobId: string; kind: JobKind; subjectId: string | null } & JobOutcome;

export type EngineStatus =
  { state: 'ready' } | { state: 'restarting'; reason: string } | { state: 'failed'; reason: string };

/** The one event table: name → payload. Engine → shell → renderer. */
export interface Events {
  'job.progress': JobProgress;
  'job.finished': JobFinished;
  /** Games or videos changed; the UI refetches what it shows. */
  'library.changed': { gameId: string | null };
  'engine.status': EngineStatus;
  /** The sync's overall and per-game status changed (sent on every change, not polled). */
  'sync.status': SyncStatus;
  /** Another device's rows were applied to these games: what shows them reloads without a page reload. */
  'sync.remoteChanges': RemoteChanges;
}
export type EventName = keyof Events;
