import { describe, expect, it } from 'vitest';
import { compareWrites, localTime, writeTimeMicros } from './timestamps.ts';

describe('write times', () => {
  it('read the laptop form and the server form of one instant as the same time', () => {
    expect(writeTimeMicros('2026-03-01T10:00:00.500Z')).toBe(writeTimeMicros('2026-03-01T10:00:00.5+00:00'));
    expect(writeTimeMicros('2026-03-01T11:00:00.5+01:00')).toBe(writeTimeMicros('2026-03-01T10:00:00.500Z'));
    expect(writeTimeMicros('2026-03-01T10:00:00+00')).toBe(Date.UTC(2026, 2, 1, 10) * 1000);
  });

  it('order microseconds correctly where the texts would not', () => {
    // As text '.5Z' sorts after '.456789Z'; as times it is later too, but '.4Z' is earlier.
    expect(writeTimeMicros('2026-03-01T10:00:00.456789+00:00')).toBeLessThan(writeTimeMicros('2026-03-01T10:00:00.5Z'));
    expect(writeTimeMicros('2026-03-01T10:00:00.456789+00:00')).toBeGreaterThan(
      writeTimeMicros('2026-03-01T10:00:00.456Z'),
    );
  });

  it('convert a server time to the laptop form, keeping microseconds only when there are some', () => {
    expect(localTime('2026-03-01T10:00:00+00:00')).toBe('2026-03-01T10:00:00.000Z');
    expect(localTime('2026-03-01T10:00:00.25+00:00')).toBe('2026-03-01T10:00:00.250Z');
    expect(localTime('2026-03-01T10:00:00.123456+00:00')).toBe('2026-03-01T10:00:00.123456Z');
    expect(writeTimeMicros(localTime('2026-03-01T10:00:00.123456+00:00'))).toBe(
      writeTimeMicros('2026-03-01T10:00:00.123456+00:00'),
    );
  });

  it('break equal times by device id, bytewise; the same write compares equal', () => {
    const t = '2026-03-01T10:00:00.000Z';
    expect(compareWrites({ updatedAt: t, deviceId: 'b' }, { updatedAt: t, deviceId: 'a' })).toBeGreaterThan(0);
    expect(compareWrites({ updatedAt: t, deviceId: 'B' }, { updatedAt: t, deviceId: 'a' })).toBeLessThan(0);
    expect(
      compareWrites({ updatedAt: t, deviceId: 'a' }, { updatedAt: '2026-03-01T10:00:00+00:00', deviceId: 'a' }),
    ).toBe(0);
    expect(
      compareWrites({ updatedAt: '2026-03-01T09:59:59.999Z', deviceId: 'z' }, { updatedAt: t, deviceId: 'a' }),
    ).toBeLessThan(0);
  });

  it('refuses text that is not a time', () => {
    expect(() => writeTimeMicros('yesterday')).toThrow(/ISO-8601/);
  });
});
