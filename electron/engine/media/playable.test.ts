import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../contract/errors.ts';
import { silentLogger } from '../log.ts';
import type { PlayableProgress } from './playable.ts';
import { remuxToMp4, transcodeProxy } from './playable.ts';
import { probeVideo } from './probe.ts';

const tools = {
  ffmpeg: process.env['RINKSIDE_FFMPEG'] ?? '/usr/bin/ffmpeg',
  ffprobe: process.env['RINKSIDE_FFPROBE'] ?? '/usr/bin/ffprobe',
};
const run = promisify(execFile);
let dir = '';

async function make(name: string, args: string[]): Promise<string> {
  const file = path.join(dir, name);
  await run(tools.ffmpeg, ['-nostdin', '-v', 'error', '-y', ...args, file]);
  return file;
}

/** Processes whose command line mentions `needle` (to prove no encoder outlives its job). */
function processesMentioning(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle)) pids.push(Number(entry));
    } catch {
      // Exited while we looked.
    }
  }
  return pids;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rinkside-playable-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('remuxToMp4', () => {
  it('turns an MPEG-TS into a fast-start mp4 with the same streams and frames', async () => {
    const src = await make('camera.ts', [
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=320x240:rate=25',
      '-f',
      'lavfi',
      '-i',
      'sine',
      '-t',
      '4',
      '-c:v',
      'libx264',
      '-c:a',
      'aac',
      '-f',
      'mpegts',
    ]);
    const dest = path.join(dir, 'out', 'camera.mp4');
    const seen: PlayableProgress[] = [];
    const result = await remuxToMp4(tools, src, dest, { log: silentLogger, onProgress: (p) => seen.push(p) });

    expect(result.path).toBe(dest);
    expect(existsSync(`${dest}.partial`)).toBe(false);
    const probe = await probeVideo(tools, dest, { log: silentLogger });
    expect(probe).toMatchObject({ container: 'mov,mp4,m4a,3gp,3g2,mj2', codec: 'h264', frameCount: 100 });
    expect(probe.audio?.codec).toBe('aac');
    expect(result.probe.frameCount).toBe(100);
    // The TS starts at ~1.4 s; the mp4 near 0, and the shift says by how much.
    expect(result.timeShiftS).toBeGreaterThan(1);

    const bytes = await readFile(dest);
    expect(bytes.indexOf('moov')).toBeGreaterThan(0);
    expect(bytes.indexOf('moov')).toBeLessThan(bytes.indexOf('mdat'));

    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)?.doneS).toBe(seen.at(-1)?.totalS);
    for (const p of seen) expect(p.doneS).toBeLessThanOrEqual(p.totalS);
  });

  it('removes the partial file when ffmpeg fails', async () => {
    // mp4 cannot hold little-endian PCM, so the remux fails after ffmpeg has opened its output.
    const src = await make('pcm.mkv', [
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=160x120:rate=25',
      '-f',
      'lavfi',
      '-i',
      'sine',
      '-t',
      '1',
      '-c:v',
      'libx264',
      '-c:a',
      'pcm_s16le',
    ]);
    const dest = path.join(dir, 'pcm.mp4');
    const error = await remuxToMp4(tools, src, dest, { log: silentLogger }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).kind).not.toBe('cancelled');
    expect((error as AppFailure).detail).toMatch(/pcm_s16le/);
    expect(existsSync(dest)).toBe(false);
    expect(existsSync(`${dest}.partial`)).toBe(false);
  });

  it('fails on a file that is not video, naming it', async () => {
    const src = path.join(dir, 'missing.ts');
    const error = await remuxToMp4(tools, src, path.join(dir, 'x.mp4'), { log: silentLogger }).catch((e: unknown) => e);
    expect((error as AppFailure).kind).toBe('not-found');
    expect((error as AppFailure).message).toContain(src);
  });
});

describe('transcodeProxy', () => {
  it('makes an H.264/AAC proxy of an HEVC video that keeps every frame', async () => {
    const src = await make('hevc.mp4', [
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=320x240:rate=25',
      '-f',
      'lavfi',
      '-i',
      'sine',
      '-t',
      '2',
      '-c:v',
      'libx265',
      '-preset',
      'ultrafast',
      '-x265-params',
      'log-level=error',
      '-c:a',
      'aac',
    ]);
    expect((await probeVideo(tools, src, { log: silentLogger })).codec).toBe('hevc');
    const dest = path.join(dir, 'hevc.proxy.mp4');
    const result = await transcodeProxy(tools, src, dest, { log: silentLogger });
    const probe = await probeVideo(tools, dest, { log: silentLogger });
    expect(probe).toMatchObject({ codec: 'h264', pixelFormat: 'yuv420p', width: 320, height: 240, frameCount: 50 });
    expect(probe.audio?.codec).toBe('aac');
    expect(result.probe.codec).toBe('h264');
    expect(existsSync(`${dest}.partial`)).toBe(false);
  });

  it('keeps the frame times of a variable-frame-rate source', async () => {
    const src = await make('vfr.mp4', [
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=320x240:rate=30',
      '-t',
      '3',
      '-vf',
      "setpts='if(lt(N,30),N/30,if(lt(N,60),1+(N-30)/15,3+(N-60)/30))/TB'",
      '-fps_mode',
      'passthrough',
      '-c:v',
      'mpeg4',
    ]);
    const dest = path.join(dir, 'vfr.proxy.mp4');
    const result = await transcodeProxy(tools, src, dest, { log: silentLogger });
    expect(result.probe).toMatchObject({ codec: 'h264', variableFrameRate: true, frameCount: 60 });
  });

  it('on cancel leaves no file and no ffmpeg behind', async () => {
    const src = await make('long.mp4', [
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=640x360:rate=25',
      '-t',
      '60',
      '-c:v',
      'mpeg4',
      '-q:v',
      '20',
    ]);
    const dest = path.join(dir, 'cancelled.proxy.mp4');
    const controller = new AbortController();
    const error = await transcodeProxy(tools, src, dest, {
      log: silentLogger,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).kind).toBe('cancelled');
    expect(existsSync(dest)).toBe(false);
    expect(existsSync(`${dest}.partial`)).toBe(false);
    expect(processesMentioning(`${dest}.partial`)).toEqual([]);
  });
});
