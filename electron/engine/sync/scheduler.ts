import { toAppError, type AppError } from '../../contract/errors.ts';

/** Timers and time, passed in so the tests drive the scheduler with a fake clock. */
export interface SchedulerClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: SchedulerClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => {
    const handle = setTimeout(run, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface SchedulerTimings {
  /** Quiet time after a local change before syncing: a burst of tags goes up as one push. */
  debounceMs: number;
  /** A change at least this old is synced even while the analyst keeps tagging. */
  maxWaitMs: number;
  /** While signed in, how often to look for teammates' changes (there is no realtime yet). */
  pollMs: number;
  /** Backoff after a failed sync: base × 2^(attempt−1), at most max, with jitter. */
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export const DEFAULT_TIMINGS: SchedulerTimings = {
  debounceMs: 2_000,
  maxWaitMs: 10_000,
  pollMs: 30_000,
  backoffBaseMs: 2_000,
  backoffMaxMs: 5 * 60_000,
};

export type SyncPhase = 'idle' | 'scheduled' | 'syncing';

export interface SchedulerState {
  phase: SyncPhase;
  lastSyncedAt: number | null;
  /** The last attempt's failure and how many attempts in a row failed; null after a success. */
  failure: { error: AppError; attempts: number } | null;
  /** When the next attempt runs on its own; null when none is scheduled. */
  nextAttemptAt: number | null;
}

export interface SchedulerOptions {
  clock?: SchedulerClock;
  timings?: Partial<SchedulerTimings>;
  /** Jitter source in [0, 1). */
  random?: () => number;
  /** Whether a sync can run at all (a project and a signed-in analyst). */
  canSync(): boolean;
  /** One push-then-pull; throws (an AppFailure) when it fails. */
  cycle(signal: AbortSignal): Promise<void>;
  onState(state: SchedulerState): void;
  /**
   * What a failed sync means for the next attempt: whether trying again by itself can help (a
   * refused row cannot: it waits for the poll or Retry) and how long the server asked us to wait.
   */
  describeFailure?(error: unknown): FailureInfo;
}

export interface FailureInfo {
  error: AppError;
  retryable: boolean;
  retryAfterMs: number | null;
}

const anyFailureRetryable = (error: unknown): FailureInfo => ({
  error: toAppError(error),
  retryable: true,
  retryAfterMs: null,
});

export interface SyncScheduler {
  state(): SchedulerState;
  /** A change was saved locally: sync after the debounce. */
  localChange(): void;
  /** Sync now (the Retry button, a sign-in); resolves when that sync has ended. */
  syncNow(): Promise<void>;
  /** Signed out or unconfigured: stop every timer, forget the failure. */
  pause(): void;
  close(): Promise<void>;
}

/** The delay before attempt n+1 after n failures in a row: exponential, capped, with "equal jitter". */
export function backoffDelay(attempts: number, timings: SchedulerTimings, random: () => number): number {
  const ceiling = Math.min(timings.backoffMaxMs, timings.backoffBaseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/**
 * Decides when the engine syncs: after local changes (debounced), on a poll while signed in, on
 * Retry, and after failures with backoff. One sync at a time; a change made during one is synced
 * by another right after it.
 */
export function createSyncScheduler(options: SchedulerOptions): SyncScheduler {
  const clock = options.clock ?? systemClock;
  const timings = { ...DEFAULT_TIMINGS, ...options.timings };
  const random = options.random ?? Math.random;
  const describeFailure = options.describeFailure ?? anyFailureRetryable;
  let lastFailure: FailureInfo | null = null;
  let timer: unknown = null;
  let dueAt: number | null = null;
  let firstUnsyncedChangeAt: number | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;
  const abort = new AbortController();
  const state: SchedulerState = { phase: 'idle', lastSyncedAt: null, failure: null, nextAttemptAt: null };

  const publish = () => {
    state.nextAttemptAt = dueAt;
    state.phase = running ? 'syncing' : dueAt !== null ? 'scheduled' : 'idle';
    options.onState({ ...state, failure: state.failure ? { ...state.failure } : null });
  };

  const cancelTimer = () => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    dueAt = null;
  };

  /** Schedules the next sync at `at`, unless one is already due sooner (or `replace` says move it). */
  function scheduleAt(at: number, replace = false): void {
    if (closed) return;
    if (dueAt !== null && dueAt <= at && !replace) return;
    cancelTimer();
    dueAt = at;
    timer = clock.setTimeout(
      () => {
        timer = null;
        dueAt = null;
        void run();
      },
      Math.max(0, at - clock.now()),
    );
  }

  async function run(): Promise<void> {
    if (closed) return;
    if (running) {
      again = true;
      return running;
    }
    if (!options.canSync()) {
      cancelTimer();
      return publish();
    }
    cancelTimer();
    const startedChangesAt = firstUnsyncedChangeAt;
    firstUnsyncedChangeAt = null;
    again = false;
    const attempt = (async () => {
      try {
        await options.cycle(abort.signal);
        state.failure = null;
        lastFailure = null;
        state.lastSyncedAt = clock.now();
      } catch (error) {
        firstUnsyncedChangeAt ??= startedChangesAt;
        lastFailure = describeFailure(error);
        state.failure = { error: lastFailure.error, attempts: (state.failure?.attempts ?? 0) + 1 };
      }
    })();
    running = attempt;
    publish();
    await attempt;
    running = null;
    if (closed) return;
    if (!options.canSync()) {
      cancelTimer();
      return publish();
    }
    if (state.failure) {
      // A change made meanwhile does not skip the backoff: the server is the problem, not the data.
      const backoff = backoffDelay(state.failure.attempts, timings, random);
      const delay =
        lastFailure?.retryable === false
          ? timings.pollMs
          : Math.max(backoff, Math.min(lastFailure?.retryAfterMs ?? 0, timings.backoffMaxMs));
      scheduleAt(clock.now() + delay, true);
    } else if (again) {
      scheduleAt(clock.now() + timings.debounceMs, true);
    } else {
      scheduleAt(clock.now() + timings.pollMs, true);
    }
    publish();
  }

  return {
    state: () => ({ ...state, failure: state.failure ? { ...state.failure } : null }),
    localChange() {
      if (closed || !options.canSync()) return;
      const now = clock.now();
      firstUnsyncedChangeAt ??= now;
      if (running) {
        again = true;
        return;
      }
      if (state.failure) return; // backing off; the change goes with the next attempt
      const at = Math.min(now + timings.debounceMs, firstUnsyncedChangeAt + timings.maxWaitMs);
      // Debounce: each change moves the sync later, up to maxWait after the first one.
      scheduleAt(at, true);
      publish();
    },
    async syncNow() {
      if (closed) return;
      if (running) {
        again = true;
        await running;
        // The sync that was running started before this request; run one that includes it.
        if (!running && !closed) return run();
        return running ?? undefined;
      }
      return run();
    },
    pause() {
      cancelTimer();
      state.failure = null;
      lastFailure = null;
      firstUnsyncedChangeAt = null;
      publish();
    },
    async close() {
      closed = true;
      cancelTimer();
      abort.abort();
      await running?.catch(() => undefined);
    },
  };
}
