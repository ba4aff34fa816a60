import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdtemp, mkdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../contract/errors.ts';
import { silentLogger } from '../log.ts';
import { probeVideo } from './probe.ts';

const FFMPEG = process.env['RINKSIDE_FFMPEG'] ?? '/usr/bin/ffmpeg';
const FFPROBE = process.env['RINKSIDE_FFPROBE'] ?? '/usr/bin/ffprobe';
const tools = { ffprobe: FFPROBE };
const run = promisify(execFile);
let dir = '';

async function make(name: string, args: string[]): Promise<string> {
  const file = path.join(dir, name);
  await run(FFMPEG, ['-nostdin', '-v', 'error', '-y', ...args, file]);
  return file;
}

async function failure(promise: Promise<unknown>): Promise<AppFailure> {
  const error = await promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppFailure);
  return error as AppFailure;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rinkside-probe-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('probeVideo on real files', () => {
  it('reads an H.264 + AAC mp4', async () => {
    const file = await make('game 1.mp4', [
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=320x240:rate=25',
      '-f',
      'lavfi',
      '-i',
      'sine=sample_rate=48000',
      '-t',
      '2',
      '-c:v',
      'libx264',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-shortest',
    ]);
    expect(await probeVideo(tools, file, { log: silentLogger })).toMatchObject({
      container: 'mov,mp4,m4a,3gp,3g2,mj2',
      width: 320,
      height: 240,
      codec: 'h264',
      pixelFormat: 'yuv420p',
      fps: 25,
      variableFrameRate: false,
      frameCount: 50,
      frameCountExact: true,
      firstFrameTimeS: 0,
      rotation: 0,
      audio: { codec: 'aac', channels: 1, sampleRate: 48000 },
    });
  });

  it('finds a first frame that is not at 0', async () => {
    const file = await make('offset.mp4', [
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=320x240:rate=30',
      '-t',
      '1',
      '-vf',
      'setpts=PTS+1/30/TB',
      '-c:v',
      'libx264',
    ]);
    const probe = await probeVideo(tools, file, { log: silentLogger });
    expect(probe.firstFrameTimeS).toBeCloseTo(1 / 30, 3);
    expect(probe.firstFrameTimeS).toBeGreaterThan(0);
  });

  it('flags a variable frame rate', async () => {
    const file = await make('vfr.mp4', [
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
      'libx264',
    ]);
    expect(await probeVideo(tools, file, { log: silentLogger })).toMatchObject({
      variableFrameRate: true,
      frameCount: 60,
    });
  });

  it('counts the frames of an MPEG-TS, whose header has no frame count', async () => {
    const file = await make('camera.ts', [
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=320x240:rate=25',
      '-t',
      '2',
      '-c:v',
      'libx264',
      '-f',
      'mpegts',
    ]);
    const probe = await probeVideo(tools, file, { log: silentLogger });
    expect(probe).toMatchObject({ container: 'mpegts', frameCount: 50, frameCountExact: true, audio: null });
    expect(probe.firstFrameTimeS).toBeGreaterThan(1);
  });
});

describe('probeVideo failures, each naming the file', () => {
  it('a path that does not exist is not-found', async () => {
    const file = path.join(dir, 'missing game.mp4');
    const error = await failure(probeVideo(tools, file, { log: silentLogger }));
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain(file);
  });

  it('a text file is not-video', async () => {
    const file = path.join(dir, 'notes.txt');
    await writeFile(file, 'Period 1: PP goal 12:31\n');
    const error = await failure(probeVideo(tools, file, { log: silentLogger }));
    expect(error.kind).toBe('not-video');
    expect(error.message).toContain(file);
  });

  it('a folder is not-video', async () => {
    const folder = path.join(dir, 'folder.mp4');
    await mkdir(folder);
    expect((await failure(probeVideo(tools, folder, { log: silentLogger }))).kind).toBe('not-video');
  });

  it('a truncated mp4 is corrupt-media', async () => {
    const file = await make('cut.mp4', [
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=320x240:rate=25',
      '-t',
      '2',
      '-c:v',
      'libx264',
    ]);
    await truncate(file, Math.floor((await stat(file)).size / 2));
    const error = await failure(probeVideo(tools, file, { log: silentLogger }));
    expect(error.kind).toBe('corrupt-media');
    expect(error.message).toContain(file);
    expect(error.detail).toContain('moov atom not found');
  });

  it('an audio-only m4a is no-video-stream', async () => {
    const file = await make('commentary.m4a', ['-f', 'lavfi', '-i', 'sine', '-t', '1', '-c:a', 'aac']);
    const error = await failure(probeVideo(tools, file, { log: silentLogger }));
    expect(error.kind).toBe('no-video-stream');
    expect(error.message).toContain(file);
  });

  it('a file only root may read is unreadable when probed as nobody', async () => {
    const shared = path.join(dir, 'shared');
    await mkdir(shared, { mode: 0o755 });
    await chmod(dir, 0o755);
    const source = await make('private.mp4', ['-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=25', '-t', '1']);
    const file = path.join(shared, 'private.mp4');
    await copyFile(source, file);
    await chmod(file, 0o600);
    const error = await failure(
      probeVideo(tools, file, { log: silentLogger, wrapper: ['runuser', '-u', 'nobody', '--'] }),
    );
    expect(error.kind).toBe('unreadable');
    expect(error.message).toContain(file);
    expect(error.detail).toContain('Permission denied');
  });

  it('cancels', async () => {
    const file = await make('short.mp4', ['-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=25', '-t', '1']);
    const error = await failure(probeVideo(tools, file, { log: silentLogger, signal: AbortSignal.abort() }));
    expect(error.kind).toBe('cancelled');
  });
});
