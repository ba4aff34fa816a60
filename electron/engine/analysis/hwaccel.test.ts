import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, type LogRecord } from '../log.ts';
import { parseHwaccels, probeHwDecode } from './hwaccel.ts';
import { FFMPEG, makeClip } from './test-clips.ts';

let dir: string;
let clip: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rinkside-hw-'));
  clip = await makeClip(join(dir, 'clip.mp4'), { frames: 5 });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('parseHwaccels', () => {
  it('reads the methods after the heading', () => {
    expect(parseHwaccels('Hardware acceleration methods:\nvdpau\ncuda\nvaapi\n\n')).toEqual(['vdpau', 'cuda', 'vaapi']);
    expect(parseHwaccels('Hardware acceleration methods:\n\n')).toEqual([]);
    expect(parseHwaccels('')).toEqual([]);
  });
});

describe('probeHwDecode', () => {
  it('tries each candidate on the real input and gives a reason for every one', async () => {
    const records: LogRecord[] = [];
    const probe = await probeHwDecode(
      FFMPEG,
      clip,
      createLogger((record) => records.push(record)),
    );
    expect(probe.tried.map((attempt) => attempt.name).sort()).toEqual([
      'cuda',
      'd3d11va',
      'qsv',
      'vaapi',
      'videotoolbox',
    ]);
    for (const attempt of probe.tried) expect(attempt.reason.length).toBeGreaterThan(0);
    const firstOk = probe.tried.find((attempt) => attempt.ok);
    expect(probe.used).toBe(firstOk?.name ?? null);
    // Without the NVIDIA driver's device node CUDA cannot work, and the reason must say so.
    const cuda = probe.tried.find((attempt) => attempt.name === 'cuda');
    if (process.platform === 'linux' && !existsSync('/dev/nvidia0')) {
      expect(cuda?.ok).toBe(false);
      expect(cuda?.reason).toMatch(/no CUDA device|built without/);
    }
    // Every command line is logged so it can be re-run by hand.
    expect(records.some((record) => String(record.fields?.command).includes('-hwaccels'))).toBe(true);
    expect(records.some((record) => record.message === 'hardware decode probe')).toBe(true);
  });
});
