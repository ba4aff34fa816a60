import { isAuthApiError, isAuthRetryableFetchError, isAuthSessionMissingError } from '@supabase/supabase-js';
import { AppFailure } from '../../contract/errors.ts';

/** A failure the API answered with (PostgREST's `{code, message}`), as supabase-js hands it back. */
export interface ApiErrorShape {
  code?: string;
  message: string;
  details?: string | null;
  hint?: string | null;
}

/** Whether a thrown fetch failure means "not reachable" (down, offline, timed out), not a refusal. */
export function isNetworkFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return true;
  // undici's fetch: TypeError('fetch failed') with the socket error as its cause.
  return error instanceof TypeError || /fetch failed|ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT/.test(error.message);
}

/** Turns what supabase-js returns or throws into the AppError the panel words for the analyst. */
export function cloudFailure(error: unknown, doing: string): AppFailure {
  if (error instanceof AppFailure) return error;
  if (isAuthRetryableFetchError(error) || isNetworkFailure(error)) {
    return new AppFailure('cloud-unreachable', `${doing}: the team cloud could not be reached.`, String(error));
  }
  if (isAuthSessionMissingError(error)) {
    return new AppFailure('not-signed-in', `${doing}: you are signed out of the team cloud.`);
  }
  if (isAuthApiError(error)) {
    const code = error.code ?? '';
    if (code.startsWith('refresh_token') || code === 'session_not_found' || error.status === 403) {
      return new AppFailure('sign-in-failed', 'The session ended; sign in again.', `${error.status} ${code}`);
    }
    if (code === 'invalid_credentials' || error.status === 400) {
      return new AppFailure('sign-in-failed', 'Wrong email or password.', `${error.status} ${code}`);
    }
    if (error.status >= 500 || error.status === 429) {
      return new AppFailure('cloud-unreachable', `${doing}: the team cloud is busy or failing (${error.status}).`);
    }
    return new AppFailure('cloud-error', `${doing}: ${error.message}`, `${error.status} ${code}`);
  }
  const api = error as Partial<ApiErrorShape> | null;
  if (api && typeof api === 'object' && typeof api.message === 'string') {
    const detail = [api.code, api.details, api.hint].filter(Boolean).join(' · ');
    if (api.code === 'PGRST301' || api.code === 'PGRST303') {
      return new AppFailure('sign-in-failed', 'The session ended; sign in again.', detail);
    }
    return new AppFailure('cloud-error', `${doing}: ${api.message}`, detail || undefined);
  }
  return new AppFailure('cloud-error', `${doing}: ${String(error)}`);
}
