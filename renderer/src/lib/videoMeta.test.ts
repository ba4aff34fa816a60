import { describe, expect, it } from 'vitest';
import type { VideoProbe } from '../../../electron/contract/index.ts';
import { describeProbe, formatFps, shortHash } from './videoMeta.ts';

const probe: VideoProbe = {
  container: 'mov,mp4,m4a,3gp,3g2,mj2',
  durationS: 10,
  width: 768,
  height: 576,
  codec: 'h264',
  profile: 'High',
  pixelFormat: 'yuv420p',
  fps: 10,
  variableFrameRate: false,
  frameCount: 100,
  frameCountExact: true,
  firstFrameTimeS: 0,
  rotation: 0,
  audio: null,
  bitRate: null,
};

describe('describeProbe', () => {
  it('lists what e2e tests and analysts look for', () => {
    const text = describeProbe(probe).join(' · ');
    expect(text).toContain('768×576');
    expect(text).toContain('10 fps');
    expect(text).toContain('100 frames');
    expect(text).toContain('first frame 0.0000 s');
    expect(text).toContain('h264 (High)');
    expect(text).toContain('no audio');
    expect(text).not.toContain('VFR');
  });

  it('flags VFR, estimated frame counts, late first frames and audio', () => {
    const text = describeProbe({
      ...probe,
      fps: 29.97002997,
      variableFrameRate: true,
      frameCountExact: false,
      firstFrameTimeS: 0.0334,
      audio: { codec: 'aac', channels: 2, sampleRate: 48000 },
    }).join(' · ');
    expect(text).toContain('29.97 fps (VFR)');
    expect(text).toContain('~100 frames');
    expect(text).toContain('first frame 0.0334 s');
    expect(text).toContain('audio aac 2ch 48 kHz');
  });
});

describe('formatFps', () => {
  it.each([
    [10, '10'],
    [25, '25'],
    [30000 / 1001, '29.97'],
    [59.94, '59.94'],
  ])('%s → %s', (fps, text) => {
    expect(formatFps(fps)).toBe(text);
  });
});

describe('shortHash', () => {
  it('keeps 12 hex digits', () => {
    expect(shortHash('0123456789abcdef0123')).toBe('0123456789ab');
  });
});
