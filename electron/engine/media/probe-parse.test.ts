import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../contract/errors.ts';
import type { FfprobeOutput, FfprobePacketSample } from './probe-parse.ts';
import { analysePackets, parseProbe, parseRate, parseRotation } from './probe-parse.ts';

// Captured from Debian's ffprobe 5.1 by fixtures/capture-probe-fixtures.sh.
const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'probe');

function load(name: string): { output: FfprobeOutput; sample: FfprobePacketSample } {
  return {
    output: JSON.parse(readFileSync(path.join(FIXTURES, `${name}.probe.json`), 'utf8')) as FfprobeOutput,
    sample: JSON.parse(readFileSync(path.join(FIXTURES, `${name}.packets.json`), 'utf8')) as FfprobePacketSample,
  };
}

const MP4 = 'mov,mp4,m4a,3gp,3g2,mj2';

describe('parseProbe on real ffprobe output', () => {
  it.each([
    [
      'cfr-audio',
      {
        container: MP4,
        durationS: 2,
        width: 320,
        height: 240,
        codec: 'h264',
        profile: 'High',
        pixelFormat: 'yuv420p',
        fps: 25,
        variableFrameRate: false,
        frameCount: 50,
        frameCountExact: true,
        firstFrameTimeS: 0,
        rotation: 0,
        audio: { codec: 'aac', channels: 1, sampleRate: 48000 },
        bitRate: 352296,
      },
    ],
    ['offset', { fps: 30, firstFrameTimeS: 0.033008, frameCount: 59, variableFrameRate: false, audio: null }],
    ['vfr', { variableFrameRate: true, frameCount: 60, frameCountExact: true, firstFrameTimeS: 0 }],
    ['rotated', { rotation: 270, width: 320, height: 240, variableFrameRate: false }],
    [
      'transport',
      {
        container: 'mpegts',
        firstFrameTimeS: 1.48,
        frameCount: 50,
        frameCountExact: true,
        variableFrameRate: false,
        audio: { codec: 'aac', channels: 1, sampleRate: 44100 },
      },
    ],
    [
      'long',
      { container: 'matroska,webm', durationS: 20, frameCount: 500, frameCountExact: false, variableFrameRate: false },
    ],
  ] as const)('%s', (name, expected) => {
    const { output, sample } = load(name);
    expect(parseProbe(output, sample, `${name}.mp4`)).toMatchObject(expected);
  });

  it('reads the vfr clip’s average rate, not its nominal 30 fps', () => {
    const { output, sample } = load('vfr');
    expect(parseProbe(output, sample, 'vfr.mp4').fps).toBeCloseTo(600 / 29, 9);
  });

  it.each(['audio', 'cover-art'])('%s has no video stream', (name) => {
    const { output, sample } = load(name);
    let error: unknown;
    try {
      parseProbe(output, sample, `/games/${name}.m4a`);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).kind).toBe('no-video-stream');
    expect((error as AppFailure).message).toContain(`/games/${name}.m4a`);
  });

  it('falls back to the stream start and an estimate when there is no packet sample', () => {
    const { output } = load('offset');
    const probe = parseProbe(output, null, 'offset.mp4');
    expect(probe.firstFrameTimeS).toBe(0.033008);
    expect(probe.frameCount).toBe(59);
  });
});

describe('parseRate', () => {
  it.each([
    ['30000/1001', 30000 / 1001],
    ['25/1', 25],
    ['0/0', null],
    ['24', 24],
    [undefined, null],
    ['x/y', null],
  ])('%s → %s', (text, rate) => {
    expect(parseRate(text)).toBe(rate);
  });
});

describe('parseRotation', () => {
  it.each([
    [{}, 0],
    [{ tags: { rotate: '90' } }, 90],
    [{ tags: { rotate: '-90' } }, 270],
    [{ side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }] }, 90],
    [{ side_data_list: [{ side_data_type: 'Display Matrix', rotation: 90 }] }, 270],
    [{ side_data_list: [{ side_data_type: 'Display Matrix', rotation: 180 }] }, 180],
    [{ side_data_list: [{ side_data_type: 'Display Matrix', rotation: -0 }] }, 0],
    // Not a quarter turn: snapped to the nearest one (the fuzz test found -0.5° giving 1).
    [{ side_data_list: [{ side_data_type: 'Display Matrix', rotation: -0.5 }] }, 0],
    [{ side_data_list: [{ side_data_type: 'Display Matrix', rotation: -89.97 }] }, 90],
    [{ tags: { rotate: '200' } }, 180],
  ])('%j → %s', (stream, rotation) => {
    expect(parseRotation(stream)).toBe(rotation);
  });
});

describe('analysePackets', () => {
  const packets = (pts: Array<number | string>, flags = '__') =>
    ({ packets: pts.map((p) => ({ pts_time: String(p), flags })) }) satisfies FfprobePacketSample;

  it('takes the earliest pts in presentation order, not the first packet', () => {
    expect(analysePackets(packets([0.1, 0.3, 0.2, 0.4])).firstPtsS).toBe(0.1);
    expect(analysePackets(packets([0.5, 0.0334, 0.2])).firstPtsS).toBe(0.0334);
  });

  it('ignores packets an edit list discards and packets without pts', () => {
    const sample = {
      packets: [{ pts_time: '-0.08', flags: 'KD' }, { pts_time: 'N/A' }, { pts_time: '0.04', flags: 'K_' }],
    };
    expect(analysePackets(sample)).toMatchObject({ firstPtsS: 0.04, count: 1 });
  });

  it('tolerates time-base rounding but not a real change of rate', () => {
    expect(analysePackets(packets([0, 0.033367, 0.066733, 0.1001, 0.133467])).variable).toBe(false);
    expect(analysePackets(packets([0, 0.04, 0.08, 0.16, 0.24, 0.28])).variable).toBe(true);
  });

  it('has nothing to say about an empty sample', () => {
    expect(analysePackets(null)).toEqual({ firstPtsS: null, variable: false, count: 0 });
  });
});
