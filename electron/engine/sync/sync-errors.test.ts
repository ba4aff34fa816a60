import { describe, expect, it } from 'vitest';
import { classify, parseRetryAfter, type TransportSeen } from './sync-errors.ts';

const err = (message: string, code = '') => ({ message, code, details: null });
const seen = (over: Partial<TransportSeen>): TransportSeen => ({
  status: 0,
  retryAfterS: null,
  failure: null,
  message: '',
  ...over,
});

describe('sync error kinds', () => {
  it('no error is no failure', () => {
    expect(classify({ error: null, status: 201 }, null, 'x')).toBeNull();
  });

  it('tells offline, timeout and cancel apart by what the transport saw', () => {
    const failed = { error: err('TypeError: fetch failed'), status: 0 };
    expect(classify(failed, seen({ failure: 'network' }), 'Sending')?.kind).toBe('offline');
    expect(classify(failed, null, 'Sending')?.kind).toBe('offline');
    expect(classify(failed, seen({ failure: 'timeout' }), 'Sending')?.kind).toBe('timeout');
    expect(classify(failed, seen({ failure: 'aborted' }), 'Sending')?.kind).toBe('cancelled');
  });

  it('401 is auth, 429 keeps Retry-After, 5xx is the server, other 4xx refuse the rows', () => {
    expect(classify({ error: err('JWT expired', 'PGRST303'), status: 401 }, null, 'x')?.kind).toBe('auth');
    const limited = classify({ error: err('slow down'), status: 429 }, seen({ status: 429, retryAfterS: 7 }), 'x');
    expect(limited).toMatchObject({ kind: 'rate-limited', retryAfterS: 7, retryable: true });
    expect(classify({ error: err('boom'), status: 503 }, null, 'x')).toMatchObject({ kind: 'server', retryable: true });
    const refused = classify({ error: err('new row violates row-level security', '42501'), status: 403 }, null, 'x');
    expect(refused).toMatchObject({ kind: 'refused', retryable: false });
    expect(refused?.message).toMatch(/row-level security/);
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('3', 0)).toBe(3);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6);
    expect(parseRetryAfter('soon', 0)).toBeNull();
    expect(parseRetryAfter(null, 0)).toBeNull();
  });
});
