import type { SupabaseClient } from '@supabase/supabase-js';
import { backoffDelayMs, type BackoffPolicy, type Clock } from './backoff.ts';
import { SyncFailure, classify } from './sync-errors.ts';
import type { SyncTransport } from './transport.ts';

export interface RequestContext {
  client: SupabaseClient;
  transport: SyncTransport | null;
  policy: BackoffPolicy;
  clock: Clock;
  random: () => number;
  signal: AbortSignal;
  /** Counts every HTTP request made and every retry, for the report. */
  stats: { requests: number; retries: number; refreshes: number };
}

type Answer<T> = {
  data: T | null;
  error: { message: string; code?: string; details?: string | null } | null;
  status: number;
};

/**
 * One sync request with the retry policy: a retryable failure (offline, timeout, 429, 5xx) waits
 * with backoff and jitter (at least the server's Retry-After) and tries again, up to the policy's
 * attempts; a 401 refreshes the session once and tries again (a token that expired mid-sync);
 * anything else, or the last failure, is thrown as a SyncFailure.
 */
export async function request<T>(
  ctx: RequestContext,
  what: string,
  send: (signal: AbortSignal) => PromiseLike<Answer<T>>,
): Promise<T | null> {
  let refreshed = false;
  for (let attempt = 0; ; attempt++) {
    if (ctx.signal.aborted) throw new SyncFailure('cancelled', `${what}: stopped`);
    ctx.stats.requests += 1;
    const answer = await send(ctx.signal);
    const failure = classify(answer, ctx.transport?.lastSeen() ?? null, what);
    if (!failure) return answer.data;
    if (failure.kind === 'cancelled' || ctx.signal.aborted) throw new SyncFailure('cancelled', `${what}: stopped`);
    if (failure.kind === 'auth' && !refreshed) {
      refreshed = true;
      ctx.stats.refreshes += 1;
      const { error } = await ctx.client.auth.refreshSession();
      if (!error) {
        attempt -= 1; // a refresh is not a failed attempt
        continue;
      }
      // A refresh that could not reach the server says nothing about the session: offline.
      if (error.name === 'AuthRetryableFetchError' || (error as { status?: number }).status === 0) {
        throw new SyncFailure('offline', `${what}: the team server cannot be reached to renew the session`, {
          detail: error.message,
        });
      }
      throw new SyncFailure('auth', `${what}: the session could not be renewed; sign in again`, {
        status: 401,
        detail: error.message,
      });
    }
    if (!failure.retryable || attempt + 1 >= ctx.policy.maxAttempts) throw failure;
    ctx.stats.retries += 1;
    const delay = backoffDelayMs(ctx.policy, attempt, ctx.random, failure.retryAfterS);
    try {
      await ctx.clock.sleep(delay, ctx.signal);
    } catch {
      throw new SyncFailure('cancelled', `${what}: stopped`);
    }
  }
}
