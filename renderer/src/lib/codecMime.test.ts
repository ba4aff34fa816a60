import { describe, expect, it } from 'vitest';
import { containerMime, fixFor, playbackMime, videoCodecString } from './codecMime.ts';

describe('containerMime', () => {
  it.each([
    ['mov,mp4,m4a,3gp,3g2,mj2', 'video/mp4'],
    ['matroska,webm', 'video/webm'],
    ['ogg', 'video/ogg'],
    ['mpegts', 'video/mp2t'],
    ['avi', 'video/x-msvideo'],
    ['mpeg', null],
  ])('%s → %s', (container, mime) => {
    expect(containerMime(container)).toBe(mime);
  });
});

describe('videoCodecString', () => {
  it.each([
    ['h264', 'High', 'avc1.640028'],
    ['h264', 'Main', 'avc1.4D401F'],
    ['h264', 'Constrained Baseline', 'avc1.42E01E'],
    ['h264', null, 'avc1.42E01E'],
    ['h264', 'High 10', 'avc1.6E001F'],
    ['hevc', 'Main', 'hvc1.1.6.L120.B0'],
    ['hevc', 'Main 10', 'hvc1.2.4.L120.B0'],
    ['vp9', 'Profile 0', 'vp09.00.40.08'],
    ['av1', 'Main', 'av01.0.08M.08'],
    ['mpeg4', 'Simple Profile', 'mp4v.20.9'],
    ['vp8', null, 'vp8'],
    ['mpeg2video', 'Main', null],
    ['mjpeg', null, null],
  ])('%s %s → %s', (codec, profile, expected) => {
    expect(videoCodecString(codec, profile)).toBe(expected);
  });
});

describe('playbackMime', () => {
  it('joins container and codec', () => {
    expect(playbackMime({ container: 'mov,mp4,m4a,3gp,3g2,mj2', codec: 'h264', profile: 'High' })).toBe(
      'video/mp4; codecs="avc1.640028"',
    );
  });

  it('is null when either side has no web name', () => {
    expect(playbackMime({ container: 'mpeg', codec: 'h264', profile: null })).toBeNull();
    expect(playbackMime({ container: 'mov,mp4', codec: 'prores', profile: null })).toBeNull();
  });
});

describe('fixFor', () => {
  it('remuxes MPEG-TS and proxies the rest', () => {
    expect(fixFor('mpegts')).toBe('remux');
    expect(fixFor('avi')).toBe('proxy');
    expect(fixFor('mov,mp4,m4a,3gp,3g2,mj2')).toBe('proxy');
  });
});
