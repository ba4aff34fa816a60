import { AppFailure } from '../../../contract/errors.ts';
import { backoffDelayMs as jitteredDelayMs } from '../backoff.ts';

/**
 * Retrying a transfer request: exponential backoff with full jitter (a random wait between 0 and
 * base·2^attempt, capped), so laptops that lost the rink's network together do not all come back
 * in the same millisecond. Only failures marked retryable are tried again.
 */
export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 500, maxDelayMs: 20_000 };

/** A failure of one request that another try may get past (a dropped connection, a 5xx, a timeout). */
export class RetryableFailure extends Error {
  readonly status: number | null;
  /** The presigned URL is no longer good (expired or refused): sign a new one before the next try. */
  readonly needsNewUrl: boolean;
  constructor(message: string, options: { status?: number | null; needsNewUrl?: boolean; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'RetryableFailure';
    this.status = options.status ?? null;
    this.needsNewUrl = options.needsNewUrl ?? false;
  }
}

/** The wait after `failedAttempts` failed tries: the row sync's jitter rule, so both back off alike. */
export function backoffDelayMs(
  policy: RetryPolicy,
  failedAttempts: number,
  random: () => number = Math.random,
): number {
  return jitteredDelayMs(
    { baseMs: policy.baseDelayMs, capMs: policy.maxDelayMs, maxAttempts: policy.attempts },
    Math.max(0, failedAttempts - 1),
    random,
  );
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new AppFailure('cancelled', 'Cancelled'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AppFailure('cancelled', 'Cancelled'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export interface RetryHooks {
  signal: AbortSignal;
  /** Told before each wait: which try failed, why, and how long until the next. */
  onRetry?: (info: { attempt: number; delayMs: number; error: RetryableFailure }) => void;
  random?: () => number;
}

/**
 * Runs `attempt(n)` (n = 1, 2, …) until it succeeds, throws something not retryable, or runs out
 * of tries; the last retryable failure then becomes `cloud-unreachable` (the UI offers Retry).
 */
export async function withRetries<T>(
  policy: RetryPolicy,
  hooks: RetryHooks,
  attempt: (n: number, previous: RetryableFailure | null) => Promise<T>,
): Promise<T> {
  let previous: RetryableFailure | null = null;
  for (let n = 1; ; n++) {
    if (hooks.signal.aborted) throw new AppFailure('cancelled', 'Cancelled');
    try {
      return await attempt(n, previous);
    } catch (error) {
      if (hooks.signal.aborted) throw new AppFailure('cancelled', 'Cancelled');
      if (!(error instanceof RetryableFailure)) throw error;
      if (n >= policy.attempts) {
        throw new AppFailure(
          'cloud-unreachable',
          `The team's storage could not be reached (${n} tries). Check the network and retry.`,
          error.message,
        );
      }
      const delayMs = backoffDelayMs(policy, n, hooks.random);
      hooks.onRetry?.({ attempt: n, delayMs, error });
      previous = error;
      await sleep(delayMs, hooks.signal);
    }
  }
}
