/**
 * Write times as last-writer-wins compares them. The laptop writes `toISOString()` (milliseconds,
 * `Z`); the server answers timestamptz as `2026-03-01T10:00:00.123456+00:00` (microseconds, an
 * offset, trailing zeros dropped) and stamps its own tombstones with microseconds. Comparing the
 * texts would order `.5Z` after `.456789Z`, so both are read as microseconds since the epoch.
 */

const ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}(?::?\d{2})?)$/;

/** Microseconds since 1970 (a double holds them exactly until the year 2255). */
export function writeTimeMicros(iso: string): number {
  const m = ISO.exec(iso);
  if (!m) throw new Error(`not an ISO-8601 time: ${iso}`);
  const zone = m[4] === 'Z' ? 'Z' : m[4]!.length === 3 ? `${m[4]}:00` : m[4]!.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const seconds = Date.parse(`${m[1]}T${m[2]}${zone}`);
  if (Number.isNaN(seconds)) throw new Error(`not an ISO-8601 time: ${iso}`);
  const fraction = Number((m[3] ?? '').padEnd(6, '0').slice(0, 6));
  return seconds * 1000 + fraction;
}

/**
 * The laptop's form of a server time: UTC with `Z`, milliseconds as the app writes them, and
 * microseconds only when the server's time has them (so nothing of its order is lost).
 */
export function localTime(iso: string): string {
  const micros = writeTimeMicros(iso);
  const ms = Math.floor(micros / 1000);
  const base = new Date(ms).toISOString();
  const extra = micros - ms * 1000;
  return extra === 0 ? base : `${base.slice(0, -1)}${String(extra).padStart(3, '0')}Z`;
}

/** > 0 when write a is newer than b under (updated_at, device_id); device ids compare bytewise. */
export function compareWrites(
  a: { updatedAt: string; deviceId: string },
  b: { updatedAt: string; deviceId: string },
): number {
  const ta = writeTimeMicros(a.updatedAt);
  const tb = writeTimeMicros(b.updatedAt);
  if (ta !== tb) return ta > tb ? 1 : -1;
  if (a.deviceId === b.deviceId) return 0;
  return Buffer.compare(Buffer.from(a.deviceId, 'utf8'), Buffer.from(b.deviceId, 'utf8'));
}
