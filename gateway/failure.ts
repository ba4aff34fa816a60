import {
  GATEWAY_ERROR_STATUS,
  type GatewayError,
  type GatewayErrorKind,
  type QuotaReport,
} from '../electron/contract/gateway.ts';

/** Thrown inside a route; the handler answers it as `{ error }` with its kind's status. */
export class GatewayFailure extends Error {
  readonly kind: GatewayErrorKind;
  readonly detail: string | undefined;
  readonly quota: QuotaReport | undefined;

  constructor(kind: GatewayErrorKind, message: string, extra: { detail?: string; quota?: QuotaReport } = {}) {
    super(message);
    this.name = 'GatewayFailure';
    this.kind = kind;
    this.detail = extra.detail;
    this.quota = extra.quota;
  }

  toWire(): GatewayError {
    const wire: GatewayError = { kind: this.kind, message: this.message };
    if (this.detail !== undefined) wire.detail = this.detail;
    if (this.quota !== undefined) wire.quota = this.quota;
    return wire;
  }
}

const NO_STORE = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

export function jsonResponse(status: number, value: unknown): Response {
  return new Response(JSON.stringify(value), { status, headers: NO_STORE });
}

export function failureResponse(failure: GatewayFailure): Response {
  const headers: Record<string, string> = { ...NO_STORE };
  if (failure.kind === 'unauthorized') headers['www-authenticate'] = 'Bearer';
  return new Response(JSON.stringify({ error: failure.toWire() }), {
    status: GATEWAY_ERROR_STATUS[failure.kind],
    headers,
  });
}
