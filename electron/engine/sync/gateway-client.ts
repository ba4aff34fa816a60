import { AppFailure } from '../../contract/errors.ts';
import {
  GATEWAY_ROUTES,
  GatewayErrorBody,
  type GatewayError,
  type GatewayRequest,
  type GatewayResponse,
  type GatewayRouteName,
} from '../../contract/gateway.ts';
import { DEFAULT_RETRY, RetryableFailure, withRetries, type RetryPolicy } from './transfer/retry.ts';

/**
 * The storage gateway as the uploader and downloader use it: one method per route of
 * contract/gateway.ts. The laptop never holds storage keys; this is the only way it reaches them.
 */
export type StorageGateway = {
  [R in GatewayRouteName]: (request: GatewayRequest<R>, signal: AbortSignal) => Promise<GatewayResponse<R>>;
};

export interface GatewayClientOptions {
  /** The gateway's base URL (the Edge Function's, or the local cloud's). */
  baseUrl: string;
  /** The signed-in analyst's current Supabase access token (refreshed by whoever owns the session). */
  accessToken: () => Promise<string>;
  retry?: RetryPolicy;
  /** The longest one gateway call may take. */
  timeoutMs?: number;
  onRetry?: (info: { route: GatewayRouteName; attempt: number; delayMs: number; reason: string }) => void;
}

/** The analyst-facing error for a refusal the gateway explained. */
export function gatewayFailure(error: GatewayError): AppFailure {
  switch (error.kind) {
    case 'unauthorized':
      return new AppFailure(
        'not-signed-in',
        'The team cloud did not accept the sign-in: sign in again.',
        error.message,
      );
    case 'not-found':
      return new AppFailure('not-found', error.message, error.detail);
    case 'quota-exceeded': {
      const q = error.quota;
      const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;
      const numbers = q
        ? ` The team uses ${mb(q.usedBytes)} of ${mb(q.quotaBytes)}; this needs ${mb(q.requestedBytes)}.`
        : '';
      return new AppFailure('cloud-error', `The team's storage is full.${numbers}`, error.message);
    }
    default:
      return new AppFailure('cloud-error', error.message, error.detail ?? error.kind);
  }
}

/** Kinds another try may get past: the storage behind the gateway or the gateway itself failing. */
const RETRYABLE_KINDS = new Set<GatewayError['kind']>(['storage-failed', 'internal']);

export function createGatewayClient(options: GatewayClientOptions): StorageGateway {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function callOnce<R extends GatewayRouteName>(
    route: R,
    request: GatewayRequest<R>,
    signal: AbortSignal,
  ): Promise<GatewayResponse<R>> {
    const spec = GATEWAY_ROUTES[route];
    let response: Response;
    try {
      response = await fetch(`${base}${spec.path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await options.accessToken()}`, 'content-type': 'application/json' },
        body: JSON.stringify(request),
        signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
      });
    } catch (error) {
      if (signal.aborted) throw new AppFailure('cancelled', 'Cancelled');
      throw new RetryableFailure(`gateway ${route}: ${(error as Error).message}`, { cause: error });
    }
    const text = await response.text().catch(() => '');
    if (response.ok) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new AppFailure('cloud-error', `The gateway's answer to ${route} is not JSON.`, text.slice(0, 500));
      }
      const parsed = spec.response.safeParse(json);
      if (!parsed.success) {
        throw new AppFailure(
          'cloud-error',
          `The gateway's answer to ${route} is not what Rinkside expects.`,
          parsed.error.message,
        );
      }
      return parsed.data as GatewayResponse<R>;
    }
    let body: GatewayError | null = null;
    try {
      const parsed = GatewayErrorBody.safeParse(JSON.parse(text));
      if (parsed.success) body = parsed.data.error;
    } catch {
      // Not the gateway's JSON (a proxy or load balancer answered): judged by status below.
    }
    if (body && !RETRYABLE_KINDS.has(body.kind)) throw gatewayFailure(body);
    if (body || response.status >= 500 || response.status === 429) {
      throw new RetryableFailure(
        `gateway ${route} answered ${response.status}: ${body?.message ?? text.slice(0, 200)}`,
        {
          status: response.status,
        },
      );
    }
    throw new AppFailure('cloud-error', `The gateway refused ${route} (HTTP ${response.status}).`, text.slice(0, 500));
  }

  const call = <R extends GatewayRouteName>(route: R) =>
    ((request: GatewayRequest<R>, signal: AbortSignal) =>
      withRetries(
        options.retry ?? DEFAULT_RETRY,
        {
          signal,
          onRetry: ({ attempt, delayMs, error }) =>
            options.onRetry?.({ route, attempt, delayMs, reason: error.message }),
        },
        () => callOnce(route, request, signal),
      )) as StorageGateway[R];

  return {
    createUpload: call('createUpload'),
    signParts: call('signParts'),
    completeUpload: call('completeUpload'),
    abortUpload: call('abortUpload'),
    signDownload: call('signDownload'),
  };
}
