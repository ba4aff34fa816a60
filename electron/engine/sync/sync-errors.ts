/**
 * What went wrong with a sync request, in the few kinds the status and the retry policy need:
 * - offline: the server could not be reached (no network, refused, DNS);
 * - timeout: no answer within the request's time limit;
 * - auth: the session is no longer accepted (401) even after a refresh: sign in again;
 * - rate-limited: 429, with the server's Retry-After when it sent one;
 * - server: 5xx, the server failed; try again later;
 * - refused: 4xx, the server refused the rows themselves (a bad row, a policy): retrying the same
 *   rows cannot help, so this needs a person (the reason is shown);
 * - cancelled: the caller stopped the sync.
 */
export type SyncErrorKind = 'offline' | 'timeout' | 'auth' | 'rate-limited' | 'server' | 'refused' | 'cancelled';

export class SyncFailure extends Error {
  readonly kind: SyncErrorKind;
  readonly status: number;
  /** Seconds the server asked us to wait (429 Retry-After), when it said. */
  readonly retryAfterS: number | null;
  readonly detail: string | undefined;

  constructor(
    kind: SyncErrorKind,
    message: string,
    opts: { status?: number; retryAfterS?: number | null; detail?: string } = {},
  ) {
    super(message);
    this.name = 'SyncFailure';
    this.kind = kind;
    this.status = opts.status ?? 0;
    this.retryAfterS = opts.retryAfterS ?? null;
    this.detail = opts.detail;
  }

  /** Worth trying again by itself later (everything but a refusal, a lost session and a cancel). */
  get retryable(): boolean {
    return this.kind === 'offline' || this.kind === 'timeout' || this.kind === 'rate-limited' || this.kind === 'server';
  }
}

/** What the transport saw of the last response or failure (supabase-js does not pass headers on). */
export interface TransportSeen {
  status: number;
  retryAfterS: number | null;
  failure: 'timeout' | 'network' | 'aborted' | null;
  message: string;
}

/** An answer of supabase-js ({ error, status }) as a SyncFailure, or null when it succeeded. */
export function classify(
  answer: { error: { message: string; code?: string; details?: string | null } | null; status: number },
  seen: TransportSeen | null,
  what: string,
): SyncFailure | null {
  if (!answer.error) return null;
  const { error, status } = answer;
  const detail = [error.code, error.message, error.details].filter(Boolean).join(' — ');
  if (status === 0) {
    if (seen?.failure === 'timeout')
      return new SyncFailure('timeout', `${what}: the server did not answer in time`, { detail });
    if (seen?.failure === 'aborted' || /AbortError/.test(error.message)) {
      return new SyncFailure('cancelled', `${what}: stopped`, { detail });
    }
    return new SyncFailure('offline', `${what}: the team server cannot be reached`, { detail });
  }
  if (status === 401)
    return new SyncFailure('auth', `${what}: the session has expired; sign in again`, { status, detail });
  if (status === 429) {
    return new SyncFailure('rate-limited', `${what}: the team server asks us to slow down`, {
      status,
      retryAfterS: seen?.status === 429 ? seen.retryAfterS : null,
      detail,
    });
  }
  if (status >= 500)
    return new SyncFailure('server', `${what}: the team server failed (${status})`, { status, detail });
  return new SyncFailure('refused', `${what}: the team server refused the change (${status}): ${error.message}`, {
    status,
    detail,
  });
}

/** A Retry-After header (seconds or an HTTP date) in seconds from now. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, (at - nowMs) / 1000);
}
