import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../contract/events.ts';
import { sourceModelsDir } from '../detect/model-catalog.ts';
import { silentLogger } from '../log.ts';
import { forkEngineChild } from '../process/fork-child.ts';
import { startEngineSupervisor } from '../process/supervisor.ts';
import { createRun, getRun, setRunStatus } from './analysis-runs.ts';
import { openDatabase } from './db.ts';
import { createGame } from './games.ts';
import { acquireLibraryLock, lockPathFor, processStartTime } from './library-lock.ts';
import { deviceId } from './settings.ts';
import { addVideo } from './videos.ts';
import { failure } from './store.test-helper.ts';

const lockModule = new URL('./library-lock.ts', import.meta.url).href;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rinkside-lock-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function engineOn(dataDir: string) {
  const statuses: EngineStatus[] = [];
  let spawned = 0;
  const engine = startEngineSupervisor({
    spawn: () => {
      spawned += 1;
      return forkEngineChild();
    },
    config: {
      dataDir,
      appVersion: 'test',
      ffmpegPath: null,
      ffprobePath: null,
      nativeDialogs: false,
      modelsDir: sourceModelsDir,
    },
    log: silentLogger,
    onEvent: (name, payload) => {
      if (name === 'engine.status') statuses.push(payload as EngineStatus);
    },
  });
  cleanups.push(() => engine.close());
  return { engine, statuses, spawned: () => spawned };
}

/** A real process holding a library's lock through the real module until it is killed. */
async function lockHolder(dbPath: string): Promise<ChildProcess> {
  const script = `import { acquireLibraryLock } from ${JSON.stringify(lockModule)};
acquireLibraryLock(${JSON.stringify(dbPath)}); process.stdout.write('locked\\n'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  cleanups.push(() => child.kill('SIGKILL'));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

describe('one writer per library', () => {
  it('a second engine on the same library is refused, naming the first, and leaves its live run alone', async () => {
    const dataDir = tempDir();
    const first = engineOn(dataDir);
    await first.engine.ready();
    const ownerPid = first.engine.pid();
    expect(ownerPid).toBeGreaterThan(0);

    // A run the first engine is analysing right now (written as its job process would).
    const db = openDatabase(join(dataDir, 'library.sqlite'));
    const store = { db, deviceId: deviceId(db), now: () => new Date().toISOString() };
    const game = createGame(store, { title: 'G', date: '2026-03-01', home: 'H', away: 'A' });
    const video = addVideo(store, {
      gameId: game.id,
      path: '/videos/g.mp4',
      sizeBytes: 1,
      sha256: 'a'.repeat(64),
      probe: { frameCount: 10 } as never,
    });
    const run = createRun(store, {
      videoId: video.id,
      modelName: 'm',
      modelSha256: 'b'.repeat(64),
      options: {} as never,
      framesTotal: 10,
    });
    setRunStatus(store, run.id, 'running');

    const second = engineOn(dataDir);
    await expect(second.engine.ready()).rejects.toThrow(
      new RegExp(`library is open in another Rinkside \\(pid ${ownerPid}\\)`),
    );
    expect(second.statuses.at(-1)).toMatchObject({ state: 'failed' });
    expect(second.spawned()).toBe(1); // restarting cannot help: it gave up at once
    // The first engine still owns it and still answers; the run is untouched.
    expect(getRun(store, run.id).status).toBe('running');
    expect((await first.engine.invoke('games.list', {})).ok).toBe(true);

    // Once the owner closes, the next engine takes over and calls the run interrupted (paused).
    await first.engine.close();
    expect(existsSync(lockPathFor(join(dataDir, 'library.sqlite')))).toBe(false);
    const third = engineOn(dataDir);
    await third.engine.ready();
    expect(getRun(store, run.id).status).toBe('paused');
    db.close();
  });

  it('refuses while another process holds the lock, and recovers it once that process was killed -9', async () => {
    const dbPath = join(tempDir(), 'library.sqlite');
    const holder = await lockHolder(dbPath);
    const refused = failure(() => acquireLibraryLock(dbPath));
    expect(refused.kind).toBe('library-locked');
    expect(refused.message).toBe(`This library is open in another Rinkside (pid ${holder.pid}). Close it there first.`);

    holder.kill('SIGKILL');
    await exited(holder);
    const lock = acquireLibraryLock(dbPath);
    expect(JSON.parse(readFileSync(lock.lockPath, 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
    expect(existsSync(lock.lockPath)).toBe(false);
  });

  it('a lock naming a live pid that started at another time (a reused pid) is stale; the real start time is not', async () => {
    const dbPath = join(tempDir(), 'library.sqlite');
    // A live process that never took the lock: its pid in a lock file is "reused".
    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    cleanups.push(() => other.kill('SIGKILL'));
    const pid = other.pid as number;
    const startTime = processStartTime(pid);
    expect(startTime).not.toBeNull();
    const write = (start: string | null) =>
      writeFileSync(
        lockPathFor(dbPath),
        JSON.stringify({ app: 'rinkside', pid, startTime: start, host: hostname(), nonce: 'x', acquiredAt: '' }),
      );

    write(`${startTime}1`);
    const lock = acquireLibraryLock(dbPath);
    lock.release();

    write(startTime);
    expect(failure(() => acquireLibraryLock(dbPath)).message).toMatch(new RegExp(`\\(pid ${pid}\\)`));
  });

  it('a lock taken on another machine (a shared drive) is never taken over', () => {
    const dbPath = join(tempDir(), 'library.sqlite');
    writeFileSync(
      lockPathFor(dbPath),
      JSON.stringify({ app: 'rinkside', pid: 1, startTime: '1', host: 'rink-laptop-2', nonce: 'x', acquiredAt: '' }),
    );
    expect(failure(() => acquireLibraryLock(dbPath)).message).toMatch(/\(pid 1 on rink-laptop-2\)/);
  });

  it('a second open in the same process is refused too, and a released lock can be taken again', () => {
    const dbPath = join(tempDir(), 'library.sqlite');
    const lock = acquireLibraryLock(dbPath);
    expect(failure(() => acquireLibraryLock(dbPath)).message).toMatch(/already open in this Rinkside process/);
    lock.release();
    acquireLibraryLock(dbPath).release();
  });
});
