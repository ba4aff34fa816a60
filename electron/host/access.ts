import { timingSafeEqual } from 'node:crypto';

/** Constant-time token comparison: the token is the only thing guarding the loopback port. */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A WebSocket from another web page (DNS rebinding, a malicious site in the user's browser)
 * carries that page's Origin; only our own origin may connect.
 */
export function originAllowed(origin: string | undefined, ownOrigin: string): boolean {
  return origin === ownOrigin;
}
