import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromJson } from '../../electron/engine/detections/json.ts';
import { root } from './cli.test-helper.ts';

const cli = join(root, 'bin/rinkside.mjs');
const work = mkdtempSync(join(tmpdir(), 'rinkside-cli-hardening-'));
const clip = join(root, 'tests/fixtures/media/crossing-seq.mp4');
/** 300 frames (people-10s three times over): long enough to stop an analysis in the middle. */
const longClip = join(work, 'people-30s.mp4');
const children: ChildProcess[] = [];

beforeAll(() => {
  execFileSync(process.env.RINKSIDE_FFMPEG ?? 'ffmpeg', [
    '-v',
    'error',
    '-stream_loop',
    '2',
    '-i',
    join(root, 'tests/fixtures/media/people-10s.mp4'),
    '-an',
    '-c',
    'copy',
    longClip,
  ]);
});
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `rinkside ARGS…` as a child process, with a handle on it (signals, pid) and its end. */
function start(args: string[], env: Record<string, string> = {}): { child: ChildProcess; done: Promise<Finished> } {
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Finished>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

const rinkside = (...args: string[]) => start(args).done;

/** The pids, names and states of `pid`'s child processes, from /proc. */
function childrenOf(pid: number): { pid: number; comm: string; state: string }[] {
  const found: { pid: number; comm: string; state: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const [state = '', ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) === pid) found.push({ pid: Number(entry), comm, state });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !['Z', 'X'].includes(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] ?? '');
  } catch {
    return false;
  }
}

async function until<T>(what: string, probe: () => T | null | undefined, ms = 120_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function runsIn(db: string): { id: string; status: string; frames_done: number }[] {
  const library = new DatabaseSync(db, { readOnly: true });
  try {
    return library.prepare('SELECT id, status, frames_done FROM analysis_runs ORDER BY created_at').all() as never;
  } finally {
    library.close();
  }
}

function runStatus(db: string): string | null {
  if (!existsSync(db)) return null;
  try {
    return runsIn(db)[0]?.status ?? null;
  } catch {
    return null;
  }
}

/** A run's frames_done, read while the CLI writes (WAL lets a reader in); null until it has one. */
function committedFrames(db: string): number | null {
  if (!existsSync(db)) return null;
  try {
    const frames = runsIn(db)[0]?.frames_done ?? 0;
    return frames > 0 ? frames : null;
  } catch {
    return null; // the library is being created
  }
}

function expectOneLine(result: Finished): void {
  expect(result.code, result.stderr).toBe(2);
  const text = result.stderr.trim();
  expect(text.split('\n'), text).toHaveLength(1);
  expect(text).toMatch(/^rinkside: /);
  expect(text).not.toMatch(/TypeError|\n\s+at /);
}

describe('rinkside CLI: bad input is exit 2 with one line', () => {
  it('unknown flags, flags without a value, bad values and unknown commands', async () => {
    const cases: [string[], RegExp][] = [
      [['analyze', clip, '--frobnicate'], /Unknown option --frobnicate/],
      [['analyze', clip, '--model'], /--model needs a value/],
      [['analyze', clip, '--db', '--json', 'x.json'], /--db needs a value/],
      [['analyze', clip, '--stride', '-3'], /--stride/],
      [['analyze', clip, '--stride', '0'], /--stride/],
      [['analyze', clip, '--threads', 'many'], /--threads/],
      [['analyze', clip, '-x'], /Unknown option -x/],
      [['export', clip, '--start', '0', '--end', '1', '--out', join(work, 'x.mp4'), '--loud'], /Unknown option --loud/],
      [['bench', 'analyze', clip, '--soak=yes'], /--soak is a switch/],
      [['bench', 'export', clip, '--start'], /--start needs a value/],
      [['frobnicate'], /Unknown command "frobnicate"/],
    ];
    for (const [args, message] of cases) {
      const result = await rinkside(...args);
      expectOneLine(result);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
  });

  it('only a regular file is read as the video, the model or the library', async () => {
    const fifo = join(work, 'camera.mp4');
    execFileSync('mkfifo', [fifo]);
    const sparseModel = join(work, 'huge.onnx');
    writeFileSync(sparseModel, '');
    truncateSync(sparseModel, 2 * 1024 ** 3 + 1); // sparse: no disk space used
    const empty = join(work, 'empty.sqlite');
    writeFileSync(empty, '');
    const text = join(work, 'notes.sqlite');
    writeFileSync(text, 'not a database\n');
    const foreign = join(work, 'other-app.sqlite');
    const other = new DatabaseSync(foreign);
    other.exec('CREATE TABLE recipes (name TEXT)');
    other.close();
    const folder = join(work, 'a-folder');
    mkdirSync(folder);

    const cases: [string[], RegExp][] = [
      [['analyze', fifo], /is a named pipe, not a video file/],
      [['export', fifo, '--start', '0', '--end', '1', '--out', join(work, 'x.mp4')], /is a named pipe/],
      [['analyze', clip, '--model', '/dev/zero'], /is a device, not a model file/],
      [['analyze', clip, '--model', folder], /is a folder, not a model file/],
      [['analyze', clip, '--model', sparseModel], /2\.0 GiB: an ONNX model in one file is at most 2 GiB/],
      [['analyze', clip, '--db', empty], /is not a Rinkside library \(it is an empty file\)/],
      [['analyze', clip, '--db', text], /is not a Rinkside library \(not an SQLite database\)/],
      [['analyze', clip, '--db', foreign], /is not a Rinkside library \(an SQLite database of another program\)/],
      [['analyze', clip, '--db', folder], /is not a Rinkside library \(it is a folder\)/],
      [['analyze', clip, '--db', join(work, 'no-such-folder', 'l.sqlite')], /folder for the library .* does not exist/],
      [
        [
          'export',
          clip,
          '--start',
          '0',
          '--end',
          '1',
          '--out',
          join(work, 'x.mp4'),
          '--overlay',
          'boxes',
          '--db',
          empty,
        ],
        /empty file/,
      ],
    ];
    for (const [args, message] of cases) {
      const result = await rinkside(...args);
      expectOneLine(result);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
    // Nothing was turned into a library.
    expect(statSync(empty).size).toBe(0);
    expect(readFileSync(text, 'utf8')).toBe('not a database\n');
    const after = new DatabaseSync(foreign);
    expect(after.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([{ name: 'recipes' }]);
    after.close();
    expect(readdirSync(work).filter((f) => f.endsWith('.lock'))).toEqual([]);
  }, 120_000);
});

describe('rinkside analyze: temp libraries, signals, kill -9 and the library lock', () => {
  it('a run without --db leaves no temp library behind, whether it succeeds or fails', async () => {
    const temp = mkdtempSync(join(work, 'tmp-'));
    const ok = await start(['analyze', clip, '--ep', 'cpu', '--stride', '5'], { TMPDIR: temp }).done;
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ status: 'done', db: null });
    const bad = await start(['analyze', join(root, 'tests/fixtures/media/truncated.mp4')], { TMPDIR: temp }).done;
    expect(bad.code).toBe(2);
    expect(readdirSync(temp).filter((f) => f.startsWith('rinkside-'))).toEqual([]);
  }, 180_000);

  it('SIGTERM and SIGINT stop ffmpeg before the CLI exits (143 / 130), and the run is left paused', async () => {
    for (const [signal, exitCode] of [
      ['SIGTERM', 143],
      ['SIGINT', 130],
    ] as const) {
      const db = join(work, `stopped-${signal}.sqlite`);
      const { child, done } = start(['analyze', longClip, '--ep', 'cpu', '--db', db]);
      // The analysis is under way (its run is 'running') and ffmpeg decodes for it.
      const decoder = await until('the ffmpeg decoder', () =>
        runStatus(db) === 'running'
          ? childrenOf(child.pid as number).find((c) => c.comm === 'ffmpeg' && c.state !== 'Z')
          : null,
      );
      child.kill(signal);
      const result = await done;
      expect(result, result.stderr).toMatchObject({ code: exitCode, signal: null });
      expect(isRunning(decoder.pid), `ffmpeg ${decoder.pid} outlived the CLI`).toBe(false);
      expect(childrenOf(child.pid as number).filter((c) => c.state !== 'Z')).toEqual([]);
      expect(runsIn(db).map((r) => r.status)).toEqual(['paused']);
      expect(existsSync(`${db}.lock`)).toBe(false);
    }
  }, 240_000);

  it('after a kill -9, `rinkside analyze --db L VIDEO` resumes the interrupted run: same result as an uninterrupted one', async () => {
    const whole = join(work, 'whole.sqlite');
    const uninterrupted = await rinkside(
      'analyze',
      longClip,
      '--ep',
      'cpu',
      '--db',
      whole,
      '--json',
      join(work, 'whole.json'),
    );
    expect(uninterrupted.code, uninterrupted.stderr).toBe(0);

    const db = join(work, 'killed.sqlite');
    const first = start(['analyze', longClip, '--ep', 'cpu', '--db', db]);
    const committed = await until('a committed chunk', () => committedFrames(db));
    first.child.kill('SIGKILL');
    await first.done;
    const [killed] = runsIn(db);
    expect(killed?.status).toBe('running'); // as the kill left it
    expect(committed).toBeLessThan(300);
    expect(existsSync(`${db}.lock`)).toBe(true); // stale: its owner is dead

    const resumed = await rinkside(
      'analyze',
      longClip,
      '--ep',
      'cpu',
      '--db',
      db,
      '--json',
      join(work, 'resumed.json'),
    );
    expect(resumed.code, resumed.stderr).toBe(0);
    const summary = JSON.parse(resumed.stdout) as Record<string, unknown>;
    const reference = JSON.parse(uninterrupted.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({ runId: killed?.id, status: 'done', analysed_frames: 300 });
    expect(summary.resumed_from).toBeGreaterThan(0);
    expect({ boxes: summary.boxes, tracks: summary.tracks }).toEqual({
      boxes: reference.boxes,
      tracks: reference.tracks,
    });
    expect(fromJson(readFileSync(join(work, 'resumed.json'), 'utf8')).frames).toEqual(
      fromJson(readFileSync(join(work, 'whole.json'), 'utf8')).frames,
    );
    expect(runsIn(db)).toEqual([{ id: killed?.id, status: 'done', frames_done: 300 }]);
    const library = new DatabaseSync(db);
    expect(library.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
    library.close();
    expect(existsSync(`${db}.lock`)).toBe(false);
  }, 300_000);

  it('refuses a library another Rinkside process has open, naming its pid, and changes nothing in it', async () => {
    const db = join(work, 'held.sqlite');
    const script = `import { openOwnedLibrary } from ${JSON.stringify(new URL('../../electron/engine/store/owned-library.ts', import.meta.url).href)};
openOwnedLibrary(${JSON.stringify(db)}); process.stdout.write('open\\n'); setInterval(() => {}, 1000);`;
    const owner = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(owner);
    await new Promise<void>((resolve) => owner.stdout?.once('data', () => resolve()));
    const before = readFileSync(db);
    const result = await rinkside('analyze', clip, '--ep', 'cpu', '--db', db);
    expectOneLine(result);
    expect(result.stderr).toMatch(new RegExp(`library is open in another Rinkside \\(pid ${owner.pid}\\)`));
    expect(readFileSync(db).equals(before)).toBe(true);
    owner.kill('SIGKILL');
  }, 120_000);
});
