/**
 * `rinkside export` as a user runs it: a child process through bin/rinkside.mjs, real ffmpeg,
 * exit codes 0 (ok) and 2 (bad input, a clear message on stderr), the JSON line on stdout.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, lstatSync, symlinkSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRun, setRunStatus } from '../../electron/engine/store/analysis-runs.ts';
import { openDatabase } from '../../electron/engine/store/db.ts';
import { commitChunk } from '../../electron/engine/store/detections.ts';
import { createGame } from '../../electron/engine/store/games.ts';
import { savePlayer, saveTeam } from '../../electron/engine/store/roster.ts';
import { linkTrack } from '../../electron/engine/store/track-edits.ts';
import { addVideo } from '../../electron/engine/store/videos.ts';
import { decodeRgbaFrames, FIXTURE_MEDIA } from '../fixtures/decode-frames.ts';
import { readFrameIndex } from '../fixtures/frame-code.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = path.join(ROOT, 'bin/rinkside.mjs');
const people = path.join(FIXTURE_MEDIA, 'people-10s.mp4');
let dir = '';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function rinkside(args: string[]): Promise<Run> {
  return rinksideIn(ROOT, args);
}

function rinksideIn(cwd: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

async function indices(file: string): Promise<(number | null)[]> {
  const out: (number | null)[] = [];
  await decodeRgbaFrames(file, { width: 768, height: 576 }, (rgba) => out.push(readFrameIndex(rgba, 768, 576)));
  return out;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rinkside-cli-export-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('rinkside export', () => {
  it('exports a clean clip: exit 0, one JSON line, the right frames', async () => {
    const out = path.join(dir, 'clean.mp4');
    const run = await rinkside(['export', people, '--start', '4', '--end', '5.5', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      out,
      frames: 15,
      duration_s: 1.5,
      first_frame_s: 4,
      overlay: false,
      warnings: [],
    });
    expect(await indices(out)).toEqual(Array.from({ length: 15 }, (_, k) => 40 + k));
  });

  it('exports an annotated clip from a detections JSON file', async () => {
    const detections = path.join(dir, 'detections.json');
    await writeFile(
      detections,
      JSON.stringify({
        version: 1,
        video: { path: people, sha256: '', width: 768, height: 576, frames: 100, duration: 10 },
        model: { name: 'test', sha256: '', input: [416, 416], classes: ['person'] },
        run: { ep: 'cpu', stride: 1, threads: 1, score: 0.3, nms: 0.45 },
        frames: [
          {
            i: 40,
            t: 4.0,
            boxes: [
              [100, 100, 180, 300, 0.9, 0, 1],
              [300, 200, 360, 330, 0.8, 0, 2],
            ],
          },
          {
            i: 45,
            t: 4.5,
            boxes: [
              [120, 100, 200, 300, 0.9, 0, 1],
              [310, 200, 370, 330, 0.8, 0, 2],
            ],
          },
        ],
      }),
    );
    const out = path.join(dir, 'annotated.mp4');
    const run = await rinkside([
      'export',
      people,
      '--start',
      '4',
      '--end',
      '5',
      '--out',
      out,
      '--overlay',
      'boxes,ids,caption',
      '--detections',
      detections,
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ frames: 10, overlay: true, boxes_per_frame: 2 });
    expect(existsSync(out)).toBe(true);
  });

  it('draws the boxes of the latest finished analysis in a library (--db), and says when the video is not in it', async () => {
    const dbFile = path.join(dir, 'library.sqlite');
    const db = openDatabase(dbFile);
    const store = { db, deviceId: 'test', now: () => new Date().toISOString() };
    const game = createGame(store, { title: 'Final', date: '2026-02-20', home: 'Oilers', away: 'Flames' });
    const probe = {
      container: 'mp4',
      durationS: 10,
      width: 768,
      height: 576,
      codec: 'h264',
      profile: null,
      pixelFormat: 'yuv420p',
      fps: 10,
      variableFrameRate: false,
      frameCount: 100,
      frameCountExact: true,
      firstFrameTimeS: 0,
      rotation: 0,
      audio: null,
      bitRate: null,
    };
    const video = addVideo(store, { gameId: game.id, path: people, sizeBytes: 1, sha256: 'x', probe });
    const run = createRun(store, {
      videoId: video.id,
      modelName: 'm',
      modelSha256: 's',
      options: { ep: 'cpu', threads: 1, score: 0.3, nms: 0.45 },
      framesTotal: 100,
    });
    const frames = Array.from({ length: 100 }, (_, i) => ({
      index: i,
      pts: i / 10,
      boxes: [{ x1: 300, y1: 200, x2: 380, y2: 400, score: 0.9, classId: 0, trackId: 2 }],
    }));
    commitChunk(db, run.id, frames, { framesDone: 100, nextFrame: 100, now: store.now() });
    setRunStatus(store, run.id, 'done');
    const team = saveTeam(store, undefined, { gameId: game.id, side: 'home', name: 'Oilers', colour: '#FF6600' });
    linkTrack(
      store,
      run.id,
      2,
      savePlayer(store, undefined, { teamId: team.id, name: 'McDavid', number: 97, position: 'F' }).id,
    );
    db.close();
    const out = path.join(dir, 'from-db.mp4');
    const run1 = await rinkside([
      'export',
      people,
      '--start',
      '2',
      '--end',
      '3',
      '--out',
      out,
      '--overlay',
      'boxes,names',
      '--db',
      dbFile,
    ]);
    expect(run1.stderr).toBe('');
    expect(run1.code).toBe(0);
    expect(JSON.parse(run1.stdout)).toMatchObject({ frames: 10, overlay: true, boxes_per_frame: 1 });
    const other = path.join(FIXTURE_MEDIA, 'crossing-seq.mp4');
    const run2 = await rinkside([
      'export',
      other,
      '--start',
      '0',
      '--end',
      '1',
      '--out',
      path.join(dir, 'x.mp4'),
      '--overlay',
      'boxes',
      '--db',
      dbFile,
    ]);
    expect(run2.code).toBe(2);
    expect(run2.stderr).toMatch(/has no video at/);
  });

  it('refuses bad input with exit 2 and a clear message, writing nothing', async () => {
    const out = path.join(dir, 'bad.mp4');
    const cases: Array<[string[], RegExp]> = [
      [['export', people, '--start', '4', '--out', out], /--end is required/],
      [['export', people, '--start', 'x', '--end', '5', '--out', out], /--start must be a number/],
      [['export', people, '--start', '5', '--end', '4', '--out', out], /--end \(4\) must be after --start \(5\)/],
      [['export', people, '--start', '1', '--end', '2'], /--out F.mp4 is required/],
      [
        [
          'export',
          people,
          '--start',
          '1',
          '--end',
          '2',
          '--out',
          out,
          '--overlay',
          'boxes,sparkles',
          '--detections',
          'x.json',
        ],
        /unknown: sparkles/,
      ],
      [['export', people, '--start', '1', '--end', '2', '--out', out, '--overlay', 'boxes'], /needs detections/],
      [['export', path.join(dir, 'missing.mp4'), '--start', '1', '--end', '2', '--out', out], /does not exist/],
      [['export', people, '--start', '30', '--end', '32', '--out', out], /outside the video/],
      [
        ['export', people, '--start', '1', '--end', '2', '--out', path.join(dir, 'no-such-folder', 'x.mp4')],
        /does not exist/,
      ],
    ];
    for (const [args, message] of cases) {
      const run = await rinkside(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(run.stdout).toBe('');
    }
    expect(await readdir(dir)).not.toContain('bad.mp4');
    expect((await readdir(dir)).filter((f) => f.includes('partial'))).toEqual([]);
  }, 180_000);

  it('resolves a relative --out against the shell, and refuses a FIFO or a symbolic link there', async () => {
    const sub = await mkdtemp(path.join(dir, 'targets-'));
    const relative = await rinksideIn(sub, ['export', people, '--start', '1', '--end', '1.3', '--out', 'here.mp4']);
    expect(relative.code, relative.stderr).toBe(0);
    expect(JSON.parse(relative.stdout)).toMatchObject({ out: path.join(sub, 'here.mp4'), frames: 3 });
    const fifo = path.join(sub, 'pipe.mp4');
    execFileSync('mkfifo', [fifo]);
    const link = path.join(sub, 'link.mp4');
    symlinkSync(path.join(sub, 'here.mp4'), link);
    for (const [out, message] of [
      [fifo, /named pipe \(FIFO\); Rinkside will not replace it/],
      [link, /symbolic link/],
    ] as const) {
      const run = await rinkside(['export', people, '--start', '1', '--end', '1.3', '--out', out]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe('');
    }
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect((await readdir(sub)).sort()).toEqual(['here.mp4', 'link.mp4', 'pipe.mp4']);
  }, 120_000);

  it('refuses a named pipe as --detections instead of waiting on it for a writer (exit 2, one line)', async () => {
    const sub = await mkdtemp(path.join(dir, 'detections-fifo-'));
    const fifo = path.join(sub, 'detections.json');
    execFileSync('mkfifo', [fifo]);
    const out = path.join(sub, 'clip.mp4');
    // Reading the pipe would block the CLI until the helper's 120 s kill: the exit code says which.
    const run = await rinkside([
      'export',
      people,
      '--start',
      '1',
      '--end',
      '1.3',
      '--out',
      out,
      '--overlay',
      'boxes',
      '--detections',
      fifo,
    ]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringContaining(`"${fifo}" is a named pipe, not a detections file`),
    ]);
    expect(run.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  }, 150_000);
});
