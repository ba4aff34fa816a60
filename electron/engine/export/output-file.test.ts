/**
 * What an export may write over: a real FIFO, a real symbolic link, a relative path and a plain
 * file, through the text writer and a clip export (real ffmpeg).
 */
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../log.ts';
import { exportClip } from './clip.ts';
import { checkOutputFolder } from './output-file.ts';
import { listDir, media, tools } from './export.test-helper.ts';
import { exportReel } from './reel.ts';
import { writeFileAtomic } from './write-file-atomic.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rinkside-output-file-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function sub(name: string): Promise<string> {
  return mkdtemp(path.join(dir, `${name}-`));
}

describe('writeFileAtomic', () => {
  it('refuses to replace a FIFO, which stays a FIFO', async () => {
    const d = await sub('fifo');
    const fifo = path.join(d, 'events.csv');
    execFileSync('mkfifo', [fifo]);
    await expect(writeFileAtomic(fifo, ['a,b\r\n'])).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('named pipe'),
    });
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(listDir(d)).toEqual(['events.csv']);
  });

  it('refuses to write through a symbolic link: the link and the file it names are untouched', async () => {
    const d = await sub('link');
    const victim = path.join(d, 'victim.txt');
    writeFileSync(victim, 'keep me');
    const link = path.join(d, 'events.csv');
    symlinkSync(victim, link);
    await expect(writeFileAtomic(link, ['a,b\r\n'])).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('symbolic link'),
    });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(victim);
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(listDir(d)).toEqual(['events.csv', 'victim.txt']);
  });

  it('refuses a relative path instead of resolving it against the working directory', async () => {
    await expect(writeFileAtomic('events.csv', ['x'])).rejects.toMatchObject({
      kind: 'invalid-args',
      message: expect.stringContaining('not a full path'),
    });
  });

  it('refuses to write into a symbolically linked folder: nothing appears where it points', async () => {
    const d = await sub('linked-folder');
    const real = path.join(d, 'real');
    mkdirSync(real);
    const linked = path.join(d, 'exports');
    symlinkSync(real, linked);
    await expect(writeFileAtomic(path.join(linked, 'events.csv'), ['a,b\r\n'])).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining(`symbolic link "${linked}"`),
    });
    expect(listDir(real)).toEqual([]);
  });

  it('refuses a symbolic link anywhere on the way, not only the last folder', async () => {
    const d = await sub('linked-middle');
    mkdirSync(path.join(d, 'real', 'season', 'game'), { recursive: true });
    symlinkSync(path.join(d, 'real'), path.join(d, 'shared'));
    const file = path.join(d, 'shared', 'season', 'game', 'events.csv');
    await expect(writeFileAtomic(file, ['x'])).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining(`symbolic link "${path.join(d, 'shared')}"`),
    });
    expect(listDir(path.join(d, 'real', 'season', 'game'))).toEqual([]);
    // The same folders reached by their real path are fine.
    const direct = path.join(d, 'real', 'season', 'game', 'events.csv');
    await expect(writeFileAtomic(direct, ['x'])).resolves.toBe(direct);
  });

  it('the clip export folder is refused when it is a symbolic link', async () => {
    const d = await sub('linked-clips');
    mkdirSync(path.join(d, 'real'));
    symlinkSync(path.join(d, 'real'), path.join(d, 'clips'));
    await expect(checkOutputFolder(path.join(d, 'clips'))).rejects.toMatchObject({ kind: 'conflict' });
    await expect(checkOutputFolder(path.join(d, 'real'))).resolves.toBe(path.join(d, 'real'));
  });

  it('replaces a regular file whole and leaves no temporary file', async () => {
    const d = await sub('plain');
    const file = path.join(d, 'events.csv');
    writeFileSync(file, 'old');
    await expect(writeFileAtomic(file, ['new ', 'data'])).resolves.toBe(file);
    expect(readFileSync(file, 'utf8')).toBe('new data');
    expect(listDir(d)).toEqual(['events.csv']);
  });
});

describe('clip and reel exports', () => {
  const people = media('people-10s.mp4');

  it('a clip refuses a FIFO or a symbolic link as its file and leaves nothing behind', async () => {
    const d = await sub('clip');
    const fifo = path.join(d, 'clip.mp4');
    execFileSync('mkfifo', [fifo]);
    const link = path.join(d, 'link.mp4');
    symlinkSync(path.join(d, 'elsewhere.mp4'), link);
    for (const out of [fifo, link]) {
      await expect(
        exportClip({ tools, src: people, startS: 1, endS: 1.3, out, overlay: null, log: silentLogger }),
      ).rejects.toMatchObject({ kind: 'conflict' });
    }
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(listDir(d)).toEqual(['clip.mp4', 'link.mp4']);
  });

  it('a clip into a symbolically linked folder is refused before ffmpeg writes anything', async () => {
    const d = await sub('clip-linked');
    mkdirSync(path.join(d, 'real'));
    symlinkSync(path.join(d, 'real'), path.join(d, 'clips'));
    const out = path.join(d, 'clips', 'clip.mp4');
    await expect(
      exportClip({ tools, src: people, startS: 1, endS: 1.3, out, overlay: null, log: silentLogger }),
    ).rejects.toMatchObject({ kind: 'conflict', message: expect.stringContaining('symbolic link') });
    expect(listDir(path.join(d, 'real'))).toEqual([]);
  });

  it('a reel refuses a FIFO and a relative path', async () => {
    const d = await sub('reel');
    const fifo = path.join(d, 'reel.mp4');
    execFileSync('mkfifo', [fifo]);
    const segments = [{ src: people, startS: 1, endS: 1.3, overlay: null }];
    await expect(exportReel({ tools, out: fifo, log: silentLogger, segments })).rejects.toMatchObject({
      kind: 'conflict',
    });
    await expect(exportReel({ tools, out: 'reel.mp4', log: silentLogger, segments })).rejects.toMatchObject({
      kind: 'invalid-args',
    });
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(listDir(d)).toEqual(['reel.mp4']);
  });
});
