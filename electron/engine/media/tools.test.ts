import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../contract/errors.ts';
import { hasFilters, missingFilters, packagedToolPaths, requireFilters, createTools, resolveTool } from './tools.ts';

let root = '';

/** A fake tool: a shell script that answers -version with a recognisable line. */
async function fakeTool(dir: string, name: string, label: string, mode = 0o755): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, name);
  await writeFile(file, `#!/bin/sh\necho "${name} version ${label}"\n`);
  await chmod(file, mode);
  return file;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'rinkside-tools-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('resolveTool order', () => {
  it('prefers the user setting over env, packaged and PATH', async () => {
    const dir = path.join(root, 'order1');
    const setting = await fakeTool(path.join(dir, 'setting'), 'ffmpeg', 'from-setting');
    const fromEnv = await fakeTool(path.join(dir, 'env'), 'ffmpeg', 'from-env');
    const packaged = await fakeTool(path.join(dir, 'packaged'), 'ffmpeg', 'from-packaged');
    await fakeTool(path.join(dir, 'bin'), 'ffmpeg', 'from-path');
    const tool = await resolveTool('ffmpeg', {
      ffmpegSetting: setting,
      env: { RINKSIDE_FFMPEG: fromEnv, PATH: path.join(dir, 'bin') },
      packaged: { ffmpeg: packaged, ffprobe: null },
    });
    expect(tool).toEqual({ path: setting, source: 'setting', version: 'ffmpeg version from-setting' });
  });

  it('uses RINKSIDE_FFPROBE when there is no setting', async () => {
    const dir = path.join(root, 'order2');
    const fromEnv = await fakeTool(path.join(dir, 'env'), 'ffprobe', 'from-env');
    const packaged = await fakeTool(path.join(dir, 'packaged'), 'ffprobe', 'from-packaged');
    await fakeTool(path.join(dir, 'bin'), 'ffprobe', 'from-path');
    const tool = await resolveTool('ffprobe', {
      ffprobeSetting: '',
      env: { RINKSIDE_FFPROBE: fromEnv, PATH: path.join(dir, 'bin') },
      packaged: { ffmpeg: null, ffprobe: packaged },
    });
    expect(tool.source).toBe('env');
    expect(tool.path).toBe(fromEnv);
  });

  it('uses the packaged binary when it exists and is executable', async () => {
    const dir = path.join(root, 'order3');
    const packaged = await fakeTool(path.join(dir, 'packaged'), 'ffmpeg', 'from-packaged');
    await fakeTool(path.join(dir, 'bin'), 'ffmpeg', 'from-path');
    const tool = await resolveTool('ffmpeg', {
      env: { PATH: path.join(dir, 'bin') },
      packaged: { ffmpeg: packaged, ffprobe: null },
    });
    expect(tool).toEqual({ path: packaged, source: 'packaged', version: 'ffmpeg version from-packaged' });
  });

  it('skips a packaged binary that is not executable or absent and falls back to PATH', async () => {
    const dir = path.join(root, 'order4');
    const notExecutable = await fakeTool(path.join(dir, 'packaged'), 'ffmpeg', 'from-packaged', 0o644);
    const onPath = await fakeTool(path.join(dir, 'bin'), 'ffmpeg', 'from-path');
    const skipped = await resolveTool('ffmpeg', {
      env: { PATH: `${path.join(dir, 'empty')}${path.delimiter}${path.join(dir, 'bin')}` },
      packaged: { ffmpeg: notExecutable, ffprobe: null },
    });
    expect(skipped).toEqual({ path: onPath, source: 'path', version: 'ffmpeg version from-path' });
    const absent = await resolveTool('ffmpeg', {
      env: { PATH: path.join(dir, 'bin') },
      packaged: { ffmpeg: path.join(dir, 'nowhere', 'ffmpeg'), ffprobe: null },
    });
    expect(absent.source).toBe('path');
  });

  it('skips a setting that does not exist, then fails with tool-missing listing what was tried', async () => {
    const dir = path.join(root, 'order5');
    const missingSetting = path.join(dir, 'no-such-ffmpeg');
    const error = await resolveTool('ffmpeg', {
      ffmpegSetting: missingSetting,
      env: { RINKSIDE_FFMPEG: path.join(dir, 'also-missing'), PATH: path.join(dir, 'empty-bin') },
      packaged: { ffmpeg: null, ffprobe: null },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppFailure);
    const failure = error as AppFailure;
    expect(failure.kind).toBe('tool-missing');
    expect(failure.message).toContain('ffmpeg');
    expect(failure.detail).toContain(`setting: ${missingSetting}`);
    expect(failure.detail).toContain('env: ');
    expect(failure.detail).toContain('no ffmpeg on PATH');
  });
});

describe('createTools', () => {
  /** A fake tool that appends a line to `calls` each time it is run, so a test can count the runs. */
  async function countingTool(dir: string, name: string, calls: string): Promise<string> {
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, name);
    await writeFile(file, `#!/bin/sh\necho run >> '${calls}'\necho "${name} version counted"\n`);
    await chmod(file, 0o755);
    return file;
  }
  const runs = async (calls: string) => (await readFile(calls, 'utf8').catch(() => '')).split('\n').length - 1;

  it('finds each tool once and keeps it, however often and however it is asked for', async () => {
    const dir = path.join(root, 'memo1');
    const calls = path.join(dir, 'calls');
    const ffmpeg = await countingTool(dir, 'ffmpeg', calls);
    const ffprobe = await countingTool(dir, 'ffprobe', calls);
    const tools = createTools({
      ffmpegSetting: ffmpeg,
      ffprobeSetting: ffprobe,
      env: { PATH: path.join(dir, 'empty') },
      packaged: { ffmpeg: null, ffprobe: null },
    });
    const [both, one, again] = await Promise.all([tools(), tools.one('ffmpeg'), tools()]);
    expect(both).toEqual({
      ffmpeg,
      ffprobe,
      details: {
        ffmpeg: { path: ffmpeg, source: 'setting', version: 'ffmpeg version counted' },
        ffprobe: { path: ffprobe, source: 'setting', version: 'ffprobe version counted' },
      },
    });
    expect(one).toEqual(both.details.ffmpeg);
    expect(again).toEqual(both);
    expect(await tools.one('ffprobe')).toEqual(both.details.ffprobe);
    // One -version run per tool, not one per call.
    expect(await runs(calls)).toBe(2);
  });

  it('does not keep a failure: a tool installed after the error is found on the next call', async () => {
    const dir = path.join(root, 'memo2');
    const calls = path.join(dir, 'calls');
    const bin = path.join(dir, 'bin');
    const tools = createTools({ env: { PATH: bin }, packaged: { ffmpeg: null, ffprobe: null } });
    const error = await tools.one('ffmpeg').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).kind).toBe('tool-missing');
    const installed = await countingTool(bin, 'ffmpeg', calls);
    expect(await tools.one('ffmpeg')).toEqual({ path: installed, source: 'path', version: 'ffmpeg version counted' });
    await tools.one('ffmpeg');
    expect(await runs(calls)).toBe(1);
  });
});

describe('real tools', () => {
  it('reads the version line of the real ffmpeg and ffprobe', async () => {
    const tools = await createTools({
      ffmpegSetting: '/usr/bin/ffmpeg',
      ffprobeSetting: '/usr/bin/ffprobe',
      packaged: { ffmpeg: null, ffprobe: null },
    })();
    expect(tools.ffmpeg).toBe('/usr/bin/ffmpeg');
    expect(tools.details.ffmpeg.version).toMatch(/^ffmpeg version \S+/);
    expect(tools.details.ffprobe.version).toMatch(/^ffprobe version \S+/);
  });

  it('finds the real tools on PATH when nothing else is set', async () => {
    const tools = await createTools({ env: { PATH: '/usr/bin' }, packaged: { ffmpeg: null, ffprobe: null } })();
    expect(tools.details.ffmpeg).toMatchObject({ path: '/usr/bin/ffmpeg', source: 'path' });
    expect(tools.details.ffprobe).toMatchObject({ path: '/usr/bin/ffprobe', source: 'path' });
  });

  it('checks filters against ffmpeg -filters', async () => {
    expect(await hasFilters('/usr/bin/ffmpeg', ['drawbox', 'showinfo'])).toBe(true);
    expect(await hasFilters('/usr/bin/ffmpeg', ['drawbox', 'no_such_filter_xyz'])).toBe(false);
    expect(await missingFilters('/usr/bin/ffmpeg', ['draw', 'showinfo', 'no_such_filter_xyz'])).toEqual([
      'draw',
      'no_such_filter_xyz',
    ]);
  });

  it('requireFilters names what is missing', async () => {
    await expect(requireFilters('/usr/bin/ffmpeg', ['drawbox', 'showinfo'])).resolves.toBeUndefined();
    const error = await requireFilters('/usr/bin/ffmpeg', ['drawbox', 'no_such_filter_xyz']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).kind).toBe('tool-missing');
    expect((error as AppFailure).message).toContain('no_such_filter_xyz');
    expect((error as AppFailure).message).not.toContain('drawbox');
  });
});

describe('packagedToolPaths', () => {
  it('points at the installed @ffprobe-installer binary', () => {
    const paths = packagedToolPaths();
    expect(paths.ffprobe).toMatch(/@ffprobe-installer[\\/]linux-x64[\\/]ffprobe$/);
  });
});
