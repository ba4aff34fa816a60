import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../contract/errors.ts';
import type { LogRecord } from '../log.ts';
import { createLogger, silentLogger } from '../log.ts';
import { runTool, runToolBinary } from './run-ffmpeg.ts';

const FFMPEG = process.env['RINKSIDE_FFMPEG'] ?? '/usr/bin/ffmpeg';
const FFPROBE = process.env['RINKSIDE_FFPROBE'] ?? '/usr/bin/ffprobe';
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rinkside-run-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

describe('runTool', () => {
  it('returns stdout and logs the full command line', async () => {
    const records: LogRecord[] = [];
    const log = createLogger((r) => records.push(r));
    const result = await runTool(FFPROBE, ['-hide_banner', '-version'], { log });
    expect(result.stdout).toMatch(/^ffprobe version/);
    expect(records.map((r) => r.message)).toContain(`${FFPROBE} -hide_banner -version`);
  });

  it('turns a non-zero exit into a classified AppFailure naming the file, stderr as detail', async () => {
    const missing = path.join(dir, 'no such game.mp4');
    const error = await runTool(FFPROBE, ['-v', 'error', missing], { log: silentLogger, subject: missing }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).kind).toBe('not-found');
    expect((error as AppFailure).message).toContain(missing);
    expect((error as AppFailure).detail).toContain('No such file or directory');
  });

  it('keeps only the last 64 KB of stderr', async () => {
    const result = await runTool(
      FFMPEG,
      [
        '-hide_banner',
        '-f',
        'lavfi',
        '-i',
        'testsrc2=size=64x64:rate=25',
        '-frames:v',
        '1500',
        '-vf',
        'showinfo',
        '-f',
        'null',
        '-',
      ],
      { log: silentLogger },
    );
    expect(result.stderrTail.length).toBeLessThanOrEqual(64 * 1024);
    expect(result.stderrTail.length).toBeGreaterThan(32 * 1024);
    expect(result.stderrTail).toContain('n:1499');
    expect(result.stderrTail).not.toContain(' n:   0 ');
  });

  it('fails with tool-missing when the program does not exist', async () => {
    const error = await runTool(path.join(dir, 'no-ffmpeg'), ['-version'], { log: silentLogger }).catch(
      (e: unknown) => e,
    );
    expect((error as AppFailure).kind).toBe('tool-missing');
  });

  it('rejects at once with cancelled when the signal is already aborted', async () => {
    let spawned = false;
    const error = await runTool(FFMPEG, ['-version'], {
      log: silentLogger,
      signal: AbortSignal.abort(),
      onSpawn: () => (spawned = true),
    }).catch((e: unknown) => e);
    expect((error as AppFailure).kind).toBe('cancelled');
    expect(spawned).toBe(false);
  });

  it('cancels a long encode and leaves no process behind', async () => {
    const controller = new AbortController();
    let pid = 0;
    const run = runTool(
      FFMPEG,
      [
        '-nostdin',
        '-hide_banner',
        '-f',
        'lavfi',
        '-i',
        'testsrc2=size=1280x720:rate=25',
        '-t',
        '3600',
        '-c:v',
        'libx264',
        '-preset',
        'veryfast',
        '-progress',
        'pipe:1',
        '-nostats',
        '-f',
        'null',
        '-',
      ],
      {
        log: silentLogger,
        signal: controller.signal,
        collectStdout: false,
        onSpawn: (p) => (pid = p),
        // Abort once ffmpeg is really encoding, not while it is still starting up.
        onStdout: (chunk) => {
          if (chunk.includes('progress=continue')) controller.abort();
        },
      },
    );
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).kind).toBe('cancelled');
    expect(pid).toBeGreaterThan(0);
    expect(isGone(pid)).toBe(true);
  });

  it('escalates to SIGKILL for the whole process group when SIGTERM is ignored', async () => {
    // Not ffmpeg: a program that ignores SIGTERM and has a child of its own, the worst case for cancel.
    const stubborn = path.join(dir, 'stubborn.sh');
    await writeFile(stubborn, '#!/bin/sh\ntrap "" TERM\nsleep 120 &\necho "child=$!"\nwait\n');
    await chmod(stubborn, 0o755);
    const controller = new AbortController();
    let pid = 0;
    let out = '';
    const error = await runTool(stubborn, [], {
      log: silentLogger,
      signal: controller.signal,
      killAfterMs: 300,
      onSpawn: (p) => (pid = p),
      onStdout: (chunk) => {
        out += chunk;
        if (out.includes('\n')) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect((error as AppFailure).kind).toBe('cancelled');
    const grandchild = Number(/child=(\d+)/.exec(out)?.[1]);
    expect(grandchild).toBeGreaterThan(0);
    expect(isGone(pid)).toBe(true);
    // The grandchild is re-parented, not reaped by us: it may linger briefly as a zombie of init.
    await waitUntil(() => isGone(grandchild) || isZombie(grandchild));
    expect(isGone(grandchild) || isZombie(grandchild)).toBe(true);
  });
});

describe('runToolBinary', () => {
  // One 2×2 frame, 0x00–0xff bytes that a text decode would mangle (0x80 and up are not UTF-8 alone).
  const frameArgs = (pixels: string) => [
    '-hide_banner',
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    `color=c=${pixels}:s=2x2`,
    '-frames:v',
    '1',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'gray',
    'pipe:1',
  ];

  it('returns stdout byte for byte and logs the command line like runTool', async () => {
    const records: LogRecord[] = [];
    const log = createLogger((r) => records.push(r));
    const white = await runToolBinary(FFMPEG, frameArgs('white'), { log });
    expect(Buffer.isBuffer(white.stdout)).toBe(true);
    expect([...white.stdout]).toEqual([0xff, 0xff, 0xff, 0xff]);
    expect([...(await runToolBinary(FFMPEG, frameArgs('black'), { log })).stdout]).toEqual([0, 0, 0, 0]);
    expect(records.map((r) => r.message)).toContain(
      `${FFMPEG} -hide_banner -v error -f lavfi -i color=c=white:s=2x2 -frames:v 1 -f rawvideo -pix_fmt gray pipe:1`,
    );
  });

  it('stops a tool that prints more than maxStdoutBytes and says so', async () => {
    const error = await runToolBinary(FFMPEG, frameArgs('white'), { log: silentLogger, maxStdoutBytes: 3 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).kind).toBe('internal');
    expect((error as AppFailure).message).toMatch(/printed more than 3 bytes/);
  });
});

function isZombie(pid: number): boolean {
  try {
    return / Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

async function waitUntil(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
}
