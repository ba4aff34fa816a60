import { describe, expect, it } from 'vitest';
import { formatBytes, formatEta, formatRate, percentDone } from './progress.ts';

describe('percentDone', () => {
  it.each([
    [0, 100, 0],
    [50, 200, 25],
    [999, 1000, 99],
    [1000, 1000, 100],
    [1200, 1000, 100],
    [5, 0, null],
  ])('%s/%s → %s', (done, total, percent) => {
    expect(percentDone(done, total)).toBe(percent);
  });
});

describe('formatEta', () => {
  it.each([
    [null, 'ETA —'],
    [0, 'ETA 00:00'],
    [83, 'ETA 01:23'],
    [3725, 'ETA 62:05'],
    [Number.NaN, 'ETA —'],
    [-2, 'ETA —'],
  ])('%s → %s', (eta, text) => {
    expect(formatEta(eta)).toBe(text);
  });
});

describe('formatRate', () => {
  it('shows bytes for hashing', () => {
    expect(formatRate(123_400_000, 'hashing')).toBe('123.4 MB/s');
  });
  it('shows plain units otherwise', () => {
    expect(formatRate(42.25, 'transcoding')).toBe('42.3/s');
    expect(formatRate(250, 'transcoding')).toBe('250/s');
  });
  it('is empty while unknown', () => {
    expect(formatRate(0, 'probing')).toBe('');
  });
});

describe('formatBytes', () => {
  it.each([
    [512, '512 B'],
    [1500, '1.5 KB'],
    [2_000_000_000, '2.0 GB'],
  ])('%s → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
