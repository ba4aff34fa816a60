import { describe, expect, it } from 'vitest';
import { backoffDelayMs, realClock, type BackoffPolicy } from './backoff.ts';

const policy: BackoffPolicy = { baseMs: 100, capMs: 1000, maxAttempts: 5 };

describe('backoff', () => {
  it('doubles the ceiling per retry up to the cap, with the delay anywhere below it (full jitter)', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelayMs(policy, n, () => 0.999999))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
    expect(backoffDelayMs(policy, 3, () => 0)).toBe(0);
    expect(backoffDelayMs(policy, 3, () => 0.5)).toBe(400);
  });

  it("never waits less than the server's Retry-After", () => {
    expect(backoffDelayMs(policy, 0, () => 0.5, 2)).toBe(2000);
    expect(backoffDelayMs(policy, 4, () => 0.9, 0.1)).toBe(900);
  });

  it('sleeps can be cut short by the signal', async () => {
    const stop = new AbortController();
    const sleeping = realClock.sleep(60_000, stop.signal);
    stop.abort(new Error('stopped'));
    await expect(sleeping).rejects.toThrow('stopped');
  });
});
