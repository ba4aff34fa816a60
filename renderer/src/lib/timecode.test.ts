import { describe, expect, it } from 'vitest';
import { formatMinutesSeconds, formatTimecode, parseGoTo } from './timecode.ts';

describe('formatTimecode', () => {
  it.each([
    [0, '00:00.00'],
    [0.0334, '00:00.03'],
    [0.29, '00:00.29'],
    [5, '00:05.00'],
    [65.999, '01:05.99'],
    [600.5, '10:00.50'],
    [9000, '150:00.00'],
    [-1, '00:00.00'],
    [Number.NaN, '00:00.00'],
  ])('%s s → %s', (seconds, text) => {
    expect(formatTimecode(seconds)).toBe(text);
  });
});

describe('formatMinutesSeconds', () => {
  it.each([
    [0, '00:00'],
    [59.4, '00:59'],
    [59.6, '01:00'],
    [754, '12:34'],
    [Number.POSITIVE_INFINITY, '00:00'],
  ])('%s s → %s', (seconds, text) => {
    expect(formatMinutesSeconds(seconds)).toBe(text);
  });
});

describe('parseGoTo', () => {
  it.each([
    ['01:05.50', { kind: 'time', seconds: 65.5 }],
    ['1:05', { kind: 'time', seconds: 65 }],
    ['150:00.00', { kind: 'time', seconds: 9000 }],
    ['1:02:03.5', { kind: 'time', seconds: 3723.5 }],
    ['12.5', { kind: 'time', seconds: 12.5 }],
    ['  7 ', { kind: 'time', seconds: 7 }],
    ['f123', { kind: 'frame', index: 123 }],
    ['F 0', { kind: 'frame', index: 0 }],
  ])('%s', (text, target) => {
    expect(parseGoTo(text)).toEqual(target);
  });

  it.each(['', 'abc', '1:75', 'f-1', 'f1.5', '1:2:3:4', '-3', '1:60:00', '01:05.ab'])('rejects %j', (text) => {
    expect(parseGoTo(text)).toBeNull();
  });

  it('round-trips formatted time', () => {
    for (const seconds of [0, 0.03, 61.25, 3599.99, 9000.5]) {
      const parsed = parseGoTo(formatTimecode(seconds));
      expect(parsed?.kind).toBe('time');
      if (parsed?.kind === 'time') expect(parsed.seconds).toBeCloseTo(seconds, 6);
    }
  });
});
