import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../contract/errors.ts';
import { fakeClock } from './fake-clock.test-helper.ts';
import { backoffDelay, createSyncScheduler, DEFAULT_TIMINGS, type SchedulerState } from './scheduler.ts';

interface Cycle {
  startedAt: number;
  finish(): void;
  fail(error: unknown): void;
}

/** A scheduler whose syncs the test ends by hand (or at once, with `auto`). */
function harness(options: { auto?: 'ok' | 'fail'; signedIn?: boolean } = {}) {
  const time = fakeClock();
  const cycles: Cycle[] = [];
  const states: SchedulerState[] = [];
  const signed = { in: options.signedIn ?? true };
  const scheduler = createSyncScheduler({
    clock: time.clock,
    random: () => 0.5,
    canSync: () => signed.in,
    onState: (state) => states.push(state),
    cycle: () =>
      new Promise<void>((resolve, reject) => {
        cycles.push({ startedAt: time.now(), finish: resolve, fail: reject });
        if (options.auto === 'ok') resolve();
        if (options.auto === 'fail') reject(new AppFailure('cloud-unreachable', 'down'));
      }),
  });
  return { time, cycles, states, signed, scheduler, last: () => states.at(-1)! };
}

const { debounceMs, maxWaitMs, pollMs } = DEFAULT_TIMINGS;

describe('sync scheduler', () => {
  it('syncs once after a burst of local changes, when they have been quiet for the debounce', async () => {
    const h = harness({ auto: 'ok' });
    for (let i = 0; i < 5; i++) {
      h.scheduler.localChange();
      await h.time.advance(debounceMs / 2);
    }
    expect(h.cycles).toHaveLength(0);
    await h.time.advance(debounceMs / 2);
    expect(h.cycles).toHaveLength(1);
    expect(h.last().phase).toBe('scheduled');
    expect(h.last().lastSyncedAt).toBe(h.time.now());
  });

  it('does not wait forever while the analyst keeps tagging: at most maxWait after the first change', async () => {
    const h = harness({ auto: 'ok' });
    const first = h.time.now();
    for (let t = 0; t < maxWaitMs + debounceMs; t += debounceMs / 4) {
      h.scheduler.localChange();
      await h.time.advance(debounceMs / 4);
    }
    expect(h.cycles.length).toBeGreaterThanOrEqual(1);
    expect(h.cycles[0]!.startedAt).toBe(first + maxWaitMs);
  });

  it('polls for teammates’ changes while signed in, and not after signing out', async () => {
    const h = harness({ auto: 'ok' });
    await h.scheduler.syncNow();
    expect(h.cycles).toHaveLength(1);
    await h.time.advance(pollMs);
    expect(h.cycles).toHaveLength(2);
    await h.time.advance(pollMs);
    expect(h.cycles).toHaveLength(3);
    h.signed.in = false;
    h.scheduler.pause();
    await h.time.advance(pollMs * 5);
    expect(h.cycles).toHaveLength(3);
    expect(h.last()).toMatchObject({ phase: 'idle', nextAttemptAt: null });
    h.scheduler.localChange();
    await h.time.advance(pollMs);
    expect(h.cycles).toHaveLength(3);
  });

  it('runs one sync at a time; a change made during one is synced by another right after', async () => {
    const h = harness();
    h.scheduler.localChange();
    await h.time.advance(debounceMs);
    expect(h.cycles).toHaveLength(1);
    expect(h.last().phase).toBe('syncing');
    h.scheduler.localChange();
    void h.scheduler.syncNow();
    await h.time.advance(debounceMs * 3);
    expect(h.cycles).toHaveLength(1);
    h.cycles[0]!.finish();
    await h.time.advance(0);
    expect(h.cycles).toHaveLength(2);
  });

  it('backs off exponentially with jitter after failures and keeps the reason until a sync succeeds', async () => {
    const h = harness({ auto: 'fail' });
    await h.scheduler.syncNow();
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) {
      const before = h.cycles.length;
      const next = h.last().nextAttemptAt!;
      delays.push(next - h.time.now());
      await h.time.advance(next - h.time.now());
      expect(h.cycles.length).toBe(before + 1);
    }
    // random() = 0.5: three quarters of min(max, base · 2^(n−1)).
    expect(delays).toEqual([1500, 3000, 6000, 12000, 24000, 48000, 96000, 192000, 225000]);
    expect(h.last().failure).toMatchObject({ attempts: 10, error: { kind: 'cloud-unreachable', message: 'down' } });
  });

  it('jitter spreads the retry of many laptops over half the delay', () => {
    const lo = backoffDelay(3, DEFAULT_TIMINGS, () => 0);
    const hi = backoffDelay(3, DEFAULT_TIMINGS, () => 0.999999);
    expect(lo).toBe(4000);
    expect(hi).toBe(8000);
  });

  it('a local change while backing off does not hammer the server; Retry syncs at once and clears the failure', async () => {
    const h = harness();
    const run = h.scheduler.syncNow();
    h.cycles[0]!.fail(new AppFailure('cloud-unreachable', 'down'));
    await run;
    const retryAt = h.last().nextAttemptAt!;
    h.scheduler.localChange();
    expect(h.last().nextAttemptAt).toBe(retryAt);
    await h.time.advance(retryAt - h.time.now() - 1);
    expect(h.cycles).toHaveLength(1);
    const retry = h.scheduler.syncNow();
    expect(h.cycles).toHaveLength(2);
    h.cycles[1]!.finish();
    await retry;
    expect(h.last()).toMatchObject({ failure: null, lastSyncedAt: h.time.now(), nextAttemptAt: h.time.now() + pollMs });
  });

  it('waits as long as the server asked (Retry-After) when that is longer than the backoff', async () => {
    const time = fakeClock();
    const scheduler = createSyncScheduler({
      clock: time.clock,
      random: () => 0.5,
      canSync: () => true,
      onState: () => undefined,
      cycle: () => Promise.reject(new AppFailure('cloud-unreachable', 'slow down')),
      describeFailure: (error) => ({ error: error as AppFailure, retryable: true, retryAfterMs: 60_000 }),
    });
    await scheduler.syncNow();
    expect(scheduler.state().nextAttemptAt).toBe(time.now() + 60_000);
  });

  it('a refusal that retrying cannot fix waits for the poll (or Retry), not the backoff', async () => {
    const time = fakeClock();
    const scheduler = createSyncScheduler({
      clock: time.clock,
      canSync: () => true,
      onState: () => undefined,
      cycle: () => Promise.reject(new AppFailure('cloud-error', 'row refused')),
      describeFailure: (error) => ({ error: error as AppFailure, retryable: false, retryAfterMs: null }),
    });
    await scheduler.syncNow();
    expect(scheduler.state()).toMatchObject({
      nextAttemptAt: time.now() + pollMs,
      failure: { attempts: 1, error: { kind: 'cloud-error', message: 'row refused' } },
    });
  });

  it('does nothing while signed out', async () => {
    const h = harness({ auto: 'ok', signedIn: false });
    h.scheduler.localChange();
    await h.scheduler.syncNow();
    await h.time.advance(pollMs * 3);
    expect(h.cycles).toHaveLength(0);
    expect(h.time.pending()).toEqual([]);
  });

  it('close cancels the timers and aborts the sync in flight', async () => {
    const time = fakeClock();
    let aborted = false;
    const scheduler = createSyncScheduler({
      clock: time.clock,
      canSync: () => true,
      onState: () => undefined,
      cycle: (signal) =>
        new Promise<void>((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            aborted = true;
            reject(new Error('aborted'));
          });
        }),
    });
    void scheduler.syncNow();
    await scheduler.close();
    expect(aborted).toBe(true);
    expect(time.pending()).toEqual([]);
  });
});
