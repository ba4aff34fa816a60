import { describe, expect, it } from 'vitest';
import { createProgressParser, createRateEstimator, parseClockTime, parseProgressText } from './progress.ts';

// Captured from `ffmpeg -f lavfi -i testsrc2 -t 2 -c:v libx264 -progress pipe:1 -nostats` (Debian 5.1).
const REAL = `frame=1
fps=0.00
stream_0_0_q=0.0
bitrate=N/A
total_size=48
out_time_us=0
out_time_ms=0
out_time=00:00:00.000000
dup_frames=0
drop_frames=0
speed=   0x
progress=continue
frame=50
fps=0.00
stream_0_0_q=-1.0
bitrate= 293.2kbits/s
total_size=68914
out_time_us=1880078
out_time_ms=1880078
out_time=00:00:01.880078
dup_frames=0
drop_frames=0
speed=7.91x
progress=end
`;

describe('parseProgressText', () => {
  it('reads real ffmpeg output block by block', () => {
    expect(parseProgressText(REAL)).toEqual([
      { doneS: 0, frame: 1, fps: 0, speed: 0, ended: false },
      { doneS: 1.880078, frame: 50, fps: 0, speed: 7.91, ended: true },
    ]);
  });

  it.each([
    ['out_time_us wins', 'out_time_us=2500000\nout_time_ms=9\nout_time=00:00:09.000000\nprogress=continue', 2.5],
    ['out_time_ms is microseconds', 'out_time_ms=1500000\nprogress=continue', 1.5],
    [
      'out_time clock when the numbers are N/A',
      'out_time_us=N/A\nout_time=01:02:03.250000\nprogress=continue',
      3723.25,
    ],
    ['negative start clamps to 0', 'out_time_us=-66000\nprogress=continue', 0],
    ['negative clock clamps to 0', 'out_time=-00:00:00.066000\nprogress=continue', 0],
    ['nothing known', 'out_time_us=N/A\nout_time=N/A\nprogress=continue', null],
  ])('%s', (_name, text, doneS) => {
    expect(parseProgressText(text)[0]?.doneS).toBe(doneS);
  });

  it.each([
    ['speed=N/A', null],
    ['speed=   0x', 0],
    ['speed=1.02x', 1.02],
    ['speed=12.5x', 12.5],
  ])('%s → %s', (line, speed) => {
    expect(parseProgressText(`${line}\nprogress=continue`)[0]?.speed).toBe(speed);
  });

  it('ignores a block that has not ended yet', () => {
    expect(parseProgressText('frame=3\nout_time_us=100')).toEqual([]);
  });
});

describe('createProgressParser', () => {
  it('gives the same result however the pipe splits the text', () => {
    const whole = parseProgressText(REAL);
    for (const size of [1, 3, 7, 64]) {
      const parser = createProgressParser();
      const got = [];
      for (let i = 0; i < REAL.length; i += size) got.push(...parser.push(REAL.slice(i, i + size)));
      expect(got).toEqual(whole);
    }
  });

  it('handles CRLF line ends (Windows builds)', () => {
    const parser = createProgressParser();
    expect(parser.push('frame=5\r\nout_time_us=200000\r\nprogress=end\r\n')).toEqual([
      { doneS: 0.2, frame: 5, fps: null, speed: null, ended: true },
    ]);
  });
});

describe('parseClockTime', () => {
  it.each([
    ['00:00:01.500000', 1.5],
    ['1:00:00', 3600],
    ['-00:00:00.5', -0.5],
    ['N/A', null],
    ['12.5', null],
  ])('%s → %s', (text, seconds) => {
    expect(parseClockTime(text)).toBe(seconds);
  });
});

describe('createRateEstimator', () => {
  it('knows nothing from one sample', () => {
    expect(createRateEstimator().update(10, 100, 0)).toEqual({ rate: 0, etaS: null });
  });

  it('gives a steady rate and ETA for steady progress', () => {
    const estimator = createRateEstimator();
    let estimate = estimator.update(0, 100, 0);
    for (let s = 1; s <= 10; s++) estimate = estimator.update(s * 5, 100, s * 1000);
    expect(estimate.rate).toBeCloseTo(5, 6);
    expect(estimate.etaS).toBeCloseTo(10, 6);
  });

  it('has no ETA when the total is unknown', () => {
    const estimator = createRateEstimator();
    estimator.update(0, 0, 0);
    expect(estimator.update(50, 0, 1000)).toEqual({ rate: 50, etaS: null });
  });

  it('smooths a burst instead of jumping to it', () => {
    const estimator = createRateEstimator(3);
    estimator.update(0, 1000, 0);
    estimator.update(10, 1000, 1000); // 10/s
    const after = estimator.update(110, 1000, 2000); // a burst of 100/s
    expect(after.rate).toBeGreaterThan(10);
    expect(after.rate).toBeLessThan(100);
  });

  it('says 0 s left when done', () => {
    const estimator = createRateEstimator();
    estimator.update(0, 10, 0);
    expect(estimator.update(10, 10, 1000).etaS).toBe(0);
  });

  it('ignores a sample that does not move the clock', () => {
    const estimator = createRateEstimator();
    estimator.update(0, 10, 0);
    estimator.update(5, 10, 1000);
    expect(estimator.update(9, 10, 1000).rate).toBe(5);
  });
});
