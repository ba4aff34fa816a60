import { createClient, type SupabaseClient, type SupabaseClientOptions } from '@supabase/supabase-js';
import { parseRetryAfter, type TransportSeen } from './sync-errors.ts';

/**
 * The fetch supabase-js uses (its `global.fetch` option): every request gets a time limit through
 * an AbortSignal, and what happened to the last one (status, Retry-After, timeout or network
 * failure) is kept, because supabase-js reports neither the headers nor why a fetch failed.
 * Sync requests run one at a time, so "the last one" is the one just answered.
 */
export interface SyncTransport {
  fetch: typeof fetch;
  /** What the last request through this transport saw. */
  lastSeen(): TransportSeen | null;
  requestTimeoutMs: number;
}

export function createSyncTransport(
  options: { requestTimeoutMs?: number; baseFetch?: typeof fetch; now?: () => number } = {},
): SyncTransport {
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const baseFetch = options.baseFetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  let seen: TransportSeen | null = null;
  const wrapped = async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    const timeout = AbortSignal.timeout(requestTimeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      const response = await baseFetch(input, { ...init, signal });
      seen = {
        status: response.status,
        retryAfterS: parseRetryAfter(response.headers.get('retry-after'), now()),
        failure: null,
        message: response.statusText,
      };
      return response;
    } catch (error) {
      const failure = timeout.aborted ? 'timeout' : init?.signal?.aborted ? 'aborted' : 'network';
      seen = { status: 0, retryAfterS: null, failure, message: error instanceof Error ? error.message : String(error) };
      throw error;
    }
  };
  return { fetch: wrapped as typeof fetch, lastSeen: () => seen, requestTimeoutMs };
}

/**
 * A Supabase client for the sync, over a SyncTransport. `auth` passes through (the session
 * storage, auto refresh); the rest is fixed: no realtime is used.
 */
export function createSyncClient(
  url: string,
  anonKey: string,
  transport: SyncTransport,
  auth: SupabaseClientOptions<'public'>['auth'] = { persistSession: false, autoRefreshToken: false },
): SupabaseClient {
  return createClient(url, anonKey, { auth, global: { fetch: transport.fetch } });
}
