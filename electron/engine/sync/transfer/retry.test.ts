import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../contract/errors.ts';
import { RetryableFailure, backoffDelayMs, withRetries } from './retry.ts';

const policy = { attempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };

describe('retries with exponential backoff and full jitter', () => {
  it('waits a random time below base·2^(n−1), capped', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelayMs(policy, n, () => 0.999999))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
    expect(backoffDelayMs(policy, 3, () => 0)).toBe(0);
    expect(backoffDelayMs(policy, 3, () => 0.5)).toBe(200);
  });

  it('tries again after retryable failures only, and reports each wait', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetries(
      { ...policy, baseDelayMs: 4, maxDelayMs: 8 },
      { signal: new AbortController().signal, random: () => 0.5, onRetry: ({ delayMs }) => waits.push(delayMs) },
      async (n) => {
        calls++;
        if (n < 3) throw new RetryableFailure('503');
        return 'etag';
      },
    );
    expect(result).toBe('etag');
    expect(calls).toBe(3);
    expect(waits).toEqual([2, 4]);
    await expect(
      withRetries(policy, { signal: new AbortController().signal }, async () => {
        throw new AppFailure('cloud-error', 'refused');
      }),
    ).rejects.toMatchObject({ kind: 'cloud-error' });
  });

  it('gives up after the last try with cloud-unreachable, and stops at once when cancelled', async () => {
    let calls = 0;
    await expect(
      withRetries(
        { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
        { signal: new AbortController().signal },
        async () => {
          calls++;
          throw new RetryableFailure('socket hang up');
        },
      ),
    ).rejects.toMatchObject({ kind: 'cloud-unreachable', detail: 'socket hang up' });
    expect(calls).toBe(3);
    const controller = new AbortController();
    const pending = withRetries(
      { attempts: 9, baseDelayMs: 60_000, maxDelayMs: 60_000 },
      { signal: controller.signal, random: () => 1 },
      async () => {
        throw new RetryableFailure('down');
      },
    );
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled' });
  });
});
