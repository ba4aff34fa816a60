import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyMediaError, mediaFailure } from './media-errors.ts';

const FFMPEG = process.env['RINKSIDE_FFMPEG'] ?? '/usr/bin/ffmpeg';
const FFPROBE = process.env['RINKSIDE_FFPROBE'] ?? '/usr/bin/ffprobe';
const run = promisify(execFile);
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rinkside-errors-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('classifyMediaError', () => {
  // Captured from Debian's ffprobe/ffmpeg 5.1 on real files.
  it.each([
    ['/tmp/smp/nope.mp4: No such file or directory', 'not-found'],
    ['/tmp/perm/secret.mp4: Permission denied', 'unreadable'],
    ['notes.txt: Invalid data found when processing input', 'not-video'],
    [
      '[mov,mp4,m4a,3gp,3g2,mj2 @ 0x558168f571c0] moov atom not found\ntrunc.mp4: Invalid data found when processing input',
      'corrupt-media',
    ],
    ["Stream map '0:v:0' matches no streams.\nTo ignore this, add a trailing '?' to the map.", 'no-video-stream'],
    ["Unknown encoder 'libfoo'", 'tool-missing'],
    ["[AVFilterGraph @ 0x1] No such filter: 'nofilter'", 'tool-missing'],
    ['Conversion failed!', 'internal'],
  ] as const)('%s → %s', (stderr, kind) => {
    expect(classifyMediaError(stderr)).toBe(kind);
  });

  it('lets an errno from the OS decide', () => {
    expect(classifyMediaError('', 'ENOENT')).toBe('not-found');
    expect(classifyMediaError('whatever', 'EACCES')).toBe('unreadable');
    expect(classifyMediaError('whatever', 'EPERM')).toBe('unreadable');
  });
});

describe('mediaFailure', () => {
  it('names the file in a sentence for the analyst and keeps stderr as detail', () => {
    const failure = mediaFailure('/games/2026-11-20 home.mp4', 'x: Permission denied\n');
    expect(failure.kind).toBe('unreadable');
    expect(failure.message).toContain('"/games/2026-11-20 home.mp4"');
    expect(failure.message).toMatch(/permission/i);
    expect(failure.detail).toBe('x: Permission denied');
  });
});

describe('real unprivileged ffprobe', () => {
  it('classifies what ffprobe prints when run as nobody on a root-only file', async () => {
    const video = path.join(dir, 'private.mp4');
    await run(FFMPEG, ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=25', '-t', '1', '-y', video]);
    await chmod(dir, 0o755);
    const secret = path.join(dir, 'secret.mp4');
    await copyFile(video, secret);
    await chmod(secret, 0o600);
    const result = await run('runuser', ['-u', 'nobody', '--', FFPROBE, '-v', 'error', '-show_format', secret]).catch(
      (e: { stderr: string; code: number }) => e,
    );
    expect('code' in result ? result.code : 0).not.toBe(0);
    expect(classifyMediaError(result.stderr)).toBe('unreadable');
  });
});

describe('mediaFailure looks at the bytes when ffmpeg guessed the container from the name', () => {
  const fixtures = new URL('../../../tests/fixtures/media/', import.meta.url);
  const moovMissing =
    '[mov,mp4,m4a,3gp,3g2,mj2 @ 0x1] moov atom not found\nX: Invalid data found when processing input';

  it('a text file named .mp4 is not a video', () => {
    expect(mediaFailure(new URL('not-a-video.mp4', fixtures).pathname, moovMissing).kind).toBe('not-video');
  });

  it('a real mp4 cut short is damaged media', () => {
    expect(mediaFailure(new URL('truncated.mp4', fixtures).pathname, moovMissing).kind).toBe('corrupt-media');
  });
});
