/**
 * Exponential backoff with full jitter: the n-th retry waits a random time in
 * [0, min(cap, base · 2^n)], so many laptops coming back online at once do not retry in step.
 * A server's Retry-After is a floor. Clock and randomness are injected so tests are exact.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  /** Attempts in one sync before giving up and reporting the error (1 = no retry). */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 60_000, maxAttempts: 5 };

export function backoffDelayMs(
  policy: BackoffPolicy,
  retry: number,
  random: () => number,
  retryAfterS: number | null = null,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** retry);
  const jittered = Math.floor(random() * ceiling);
  return Math.max(jittered, retryAfterS === null ? 0 : Math.ceil(retryAfterS * 1000));
}

export interface Clock {
  now(): number;
  /** Resolves after ms, or rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason as Error);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal!.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
