import type { AppError, EventName, HostFrame } from '../../../electron/contract/index.ts';

/** Host → client frames of the browser host's WebSocket (the wire: electron/contract/host-wire.ts). */
export type { HostFrame };

export const CONNECTION_LOST: AppError = { kind: 'internal', message: 'Connection to Rinkside lost' };

/** Parses one text frame; null for anything malformed (logged by the caller, never thrown). */
export function parseHostFrame(text: string): HostFrame | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const frame = value as Record<string, unknown>;
  if (frame['type'] === 'invalid-message') {
    return { type: 'invalid-message', reason: typeof frame['reason'] === 'string' ? frame['reason'] : '' };
  }
  if (frame['type'] === 'event' && typeof frame['name'] === 'string') {
    return { type: 'event', name: frame['name'] as EventName, payload: frame['payload'] };
  }
  if (frame['type'] !== 'reply' || typeof frame['id'] !== 'number') return null;
  if (frame['ok'] === true) return { type: 'reply', id: frame['id'], ok: true, value: frame['value'] };
  if (frame['ok'] === false) {
    const error = frame['error'] as Partial<AppError> | undefined;
    const wired: AppError =
      error && typeof error.kind === 'string' && typeof error.message === 'string'
        ? error.detail === undefined
          ? { kind: error.kind, message: error.message }
          : { kind: error.kind, message: error.message, detail: error.detail }
        : { kind: 'internal', message: 'Malformed error reply from Rinkside' };
    return { type: 'reply', id: frame['id'], ok: false, error: wired };
  }
  return null;
}

/** 250 ms, 500 ms, 1 s, 2 s, then every 5 s: quick after a hiccup, quiet when the host is gone. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(5000, 250 * 2 ** Math.max(0, attempt));
}

/** ws://host/ws?token=… from the page address; the host gives the page its token in ?token=. */
export function socketUrl(location: { host: string; protocol: string; search: string }): string {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws?token=${encodeURIComponent(token)}`;
}
