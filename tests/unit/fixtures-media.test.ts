import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FIXTURE_MEDIA, ffprobePath } from '../fixtures/decode-frames.ts';

// Checks the facts tests/fixtures/media/README.md states, with the real ffprobe, so a regenerated
// fixture that silently lost its point (offset start, VFR, missing moov…) fails here.
const run = promisify(execFile);

interface Probe {
  streams: {
    codec_type: string;
    codec_name: string;
    profile?: string;
    pix_fmt?: string;
    width?: number;
    height?: number;
  }[];
  format: { format_name: string };
}

async function probe(file: string): Promise<Probe> {
  const { stdout } = await run(ffprobePath(), [
    '-v',
    'error',
    '-show_streams',
    '-show_format',
    '-of',
    'json',
    join(FIXTURE_MEDIA, file),
  ]);
  return JSON.parse(stdout) as Probe;
}

async function packets(file: string, stream = 'v'): Promise<{ pts: number; duration: number; key: boolean }[]> {
  const args = ['-v', 'error', '-select_streams', stream, '-show_entries', 'packet=pts_time,duration_time,flags'];
  const { stdout } = await run(ffprobePath(), [...args, '-of', 'json', join(FIXTURE_MEDIA, file)]);
  const json = JSON.parse(stdout) as { packets: { pts_time: string; duration_time: string; flags: string }[] };
  return json.packets
    .map((p) => ({ pts: Number(p.pts_time), duration: Number(p.duration_time), key: p.flags.startsWith('K') }))
    .sort((a, b) => a.pts - b.pts);
}

/** The offset of the first top-level box of `type` in an MP4, or -1. */
function topLevelBox(bytes: Buffer, type: string): number {
  let offset = 0;
  while (offset + 8 <= bytes.length) {
    const size = bytes.readUInt32BE(offset);
    if (bytes.toString('latin1', offset + 4, offset + 8) === type) return offset;
    if (size < 8) return -1;
    offset += size;
  }
  return -1;
}

describe('fixture media facts', () => {
  it('people-10s.mp4: H.264 High 768x576, 10 fps, 100 frames from 0, AAC, keyframe every 30, faststart', async () => {
    const info = await probe('people-10s.mp4');
    expect(info.streams.map((s) => s.codec_name)).toEqual(['h264', 'aac']);
    expect(info.streams[0]).toMatchObject({ profile: 'High', pix_fmt: 'yuv420p', width: 768, height: 576 });
    const video = await packets('people-10s.mp4');
    expect(video).toHaveLength(100);
    expect(video[0]?.pts).toBe(0);
    expect(video[99]?.pts).toBeCloseTo(9.9, 6);
    expect(video.flatMap((p, i) => (p.key ? [i] : []))).toEqual([0, 30, 60, 90]);
    const bytes = await readFile(join(FIXTURE_MEDIA, 'people-10s.mp4'));
    expect(topLevelBox(bytes, 'moov')).toBeGreaterThan(-1);
    expect(topLevelBox(bytes, 'moov')).toBeLessThan(topLevelBox(bytes, 'mdat'));
  });

  it('people-2s-30fps.mp4: 60 frames at 1/30 s steps', async () => {
    const video = await packets('people-2s-30fps.mp4');
    expect(video).toHaveLength(60);
    video.forEach((p, i) => expect(p.pts).toBeCloseTo(i / 30, 4));
  });

  it('offset-start.mp4: the first video frame is at 1/30 s while the audio starts at 0', async () => {
    const video = await packets('offset-start.mp4');
    expect(video).toHaveLength(60);
    expect(video[0]?.pts).toBeCloseTo(1 / 30, 4);
    expect((await packets('offset-start.mp4', 'a'))[0]?.pts).toBe(0);
  });

  it('vfr.mp4: 40 frames whose durations alternate 0.1 s and 0.05 s', async () => {
    const video = await packets('vfr.mp4');
    expect(video).toHaveLength(40);
    const deltas = video.slice(1).map((p, i) => Math.round((p.pts - (video[i]?.pts ?? 0)) * 1000));
    expect(deltas).toEqual(Array.from({ length: 39 }, (_, i) => (i % 2 === 0 ? 100 : 50)));
    expect(new Set(video.slice(0, -1).map((p) => Math.round(p.duration * 1000)))).toEqual(new Set([100, 50]));
  });

  it('crossing-seq.mp4: 4 s at 10 fps, native size', async () => {
    const info = await probe('crossing-seq.mp4');
    expect(info.streams[0]).toMatchObject({ codec_name: 'h264', width: 768, height: 576 });
    expect(await packets('crossing-seq.mp4')).toHaveLength(40);
  });

  it('truncated.mp4 has no moov and not-a-video.mp4 is text: ffprobe rejects both', async () => {
    const bytes = await readFile(join(FIXTURE_MEDIA, 'truncated.mp4'));
    expect(bytes.includes('ftyp', 0, 'latin1')).toBe(true);
    expect(bytes.includes('moov', 0, 'latin1')).toBe(false);
    await expect(probe('truncated.mp4')).rejects.toThrow(/moov atom not found/);
    await expect(probe('not-a-video.mp4')).rejects.toThrow(/Invalid data/);
  });

  it('audio-only.m4a has one AAC stream and no video', async () => {
    const info = await probe('audio-only.m4a');
    expect(info.streams.map((s) => `${s.codec_type}:${s.codec_name}`)).toEqual(['audio:aac']);
  });

  it('transport.ts is MPEG-TS with H.264 + AAC; hevc.mkv is HEVC in Matroska', async () => {
    const ts = await probe('transport.ts');
    expect(ts.format.format_name).toBe('mpegts');
    expect(ts.streams.map((s) => s.codec_name).sort()).toEqual(['aac', 'h264']);
    const mkv = await probe('hevc.mkv');
    expect(mkv.format.format_name).toContain('matroska');
    expect(mkv.streams.map((s) => s.codec_name)).toEqual(['hevc']);
  });
});
