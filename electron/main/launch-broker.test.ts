/**
 * Main's launch broker with real processes: an owner (here the test, in the engine's place) asks
 * through the same brokered launcher the engine and the analysis job use under Electron; the
 * broker starts real Node processes (node-utility.test-helper.ts) in the place of
 * utilityProcess.fork, relays their messages, captures output, ends them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobFinished } from '../contract/events.ts';
import type { Video } from '../contract/domain.ts';
import { analysisJobSourceEntry } from '../engine/analysis/analysis-process.ts';
import { probeProvider, providerProbeSourceEntry } from '../engine/detect/providers.ts';
import { createEngine } from '../engine/engine.ts';
import { validateCommand } from '../contract/invoke.ts';
import { silentLogger } from '../engine/log.ts';
import { createBrokeredLauncher } from '../engine/process/brokered-launcher.ts';
import { testEngineConfig } from '../engine/process/engine-config.test-helper.ts';
import type { LaunchedProcess, ProcessExit } from '../engine/process/launcher.ts';
import { createLaunchBroker, type LaunchBroker } from './launch-broker.ts';
import { forkWithNode } from './node-utility.test-helper.ts';

const CHILD = resolve(import.meta.dirname, '../../tests/fixtures/launch/launch-child.ts');
const MEDIA = resolve(import.meta.dirname, '../../tests/fixtures/media');
const DEFAULT_MODEL = resolve(import.meta.dirname, '../../models/yolox_nano_416_coco.onnx');
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An owner wired to the broker in this process, as engine-child.ts wires the engine's messages. */
function ownerOf(broker: LaunchBroker) {
  const link: { owner?: ReturnType<LaunchBroker['owner']> } = {};
  const launcher = createBrokeredLauncher((message) => {
    // Structured-cloned, as a utility process's parent port delivers it.
    queueMicrotask(() => link.owner?.handle(structuredClone(message)));
  });
  const owner = broker.owner((message) => queueMicrotask(() => launcher.receive(structuredClone(message))));
  link.owner = owner;
  return { launcher, owner };
}

function brokerFor(entries: string[]) {
  return createLaunchBroker({ fork: forkWithNode, allowedEntries: entries, env: process.env, log: silentLogger });
}

function collect(child: LaunchedProcess) {
  const messages: unknown[] = [];
  child.onMessage((m) => messages.push(m));
  const exited = new Promise<ProcessExit>((done) => child.onExit(done));
  const next = async (pred: (m: Record<string, unknown>) => boolean) => {
    for (let i = 0; i < 2000; i++) {
      const found = messages.find((m) => pred(m as Record<string, unknown>));
      if (found) return found as Record<string, unknown>;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no such message; got ${JSON.stringify(messages)}`);
  };
  return { messages, exited, next };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the launch broker (main starts the helper processes of utility processes)', () => {
  it('starts an entry main knows, relays messages both ways, reports the pid and the exit', async () => {
    const { launcher } = ownerOf(brokerFor([CHILD]));
    const child = launcher.launch({
      entry: CHILD,
      execArgv: ['--max-semi-space-size=1', '--inspect=9229', '--expose-gc'],
      env: { RINKSIDE_TEST_EXTRA: 'passed' },
    });
    const { next, exited } = collect(child);
    const pid = await new Promise<number>((done) => child.onSpawn(done));
    child.send({ cmd: 'hello' });
    // Only heap-sizing flags pass: a launch cannot open a debugger port or add other V8 switches.
    expect(await next((m) => 'hello' in m)).toEqual({
      hello: pid,
      execArgv: ['--max-semi-space-size=1'],
      extra: 'passed',
    });
    const frame = new Uint8Array([1, 2, 3]).buffer;
    child.send({ cmd: 'echo', value: { frame } });
    const echoed = (await next((m) => 'echo' in m)) as { echo: { frame: ArrayBuffer } };
    expect([...new Uint8Array(echoed.echo.frame)]).toEqual([1, 2, 3]);
    child.send({ cmd: 'exit', code: 7 });
    expect(await exited).toMatchObject({ code: 7, stdout: '', stderr: '' });
    expect(child.pid).toBe(pid);
  }, 30_000);

  it('refuses any other script without starting anything', async () => {
    const broker = brokerFor([CHILD]);
    const { launcher } = ownerOf(broker);
    const child = launcher.launch({ entry: resolve(CHILD, '../../make-fixtures.sh') });
    const exit = await new Promise<ProcessExit>((done) => child.onExit(done));
    expect(exit.startError).toMatch(/is not a process main starts/);
    expect(child.pid).toBeUndefined();
    expect(broker.running()).toBe(0);
  });

  it('a malformed request neither throws in main nor starts anything it should not', async () => {
    const broker = brokerFor([CHILD]);
    const replies: unknown[] = [];
    const owner = broker.owner((message) => replies.push(message));
    expect(owner.handle({ type: 'ping' })).toBe(false);
    expect(owner.handle({ type: 'launch.start', id: 1, spec: null })).toBe(true);
    expect(owner.handle({ type: 'launch.kill', id: 99 })).toBe(true);
    expect(replies).toEqual([
      { type: 'launch.exit', id: 1, exit: expect.objectContaining({ startError: expect.any(String) }) },
    ]);
    // Odd flags and environment are dropped, not passed on.
    expect(owner.handle({ type: 'launch.start', id: 2, spec: { entry: CHILD, execArgv: '--inspect', env: 'x' } })).toBe(
      true,
    );
    for (let i = 0; i < 500 && !replies.some((r) => (r as { type: string }).type === 'launch.spawned'); i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(replies).toContainEqual({ type: 'launch.spawned', id: 2, pid: expect.any(Number) });
    owner.gone();
    for (let i = 0; i < 500 && broker.running() > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(broker.running()).toBe(0);
  }, 30_000);

  it('captures what a probe prints (its native stderr) and hands it over whole with the exit', async () => {
    const { launcher } = ownerOf(brokerFor([CHILD]));
    const child = launcher.launch({ entry: CHILD, output: 'capture' });
    const { exited } = collect(child);
    const stderr = 'libcudart.so.12: cannot open shared object file\n'.repeat(500);
    child.send({ cmd: 'print', stdout: '{"ok":false}', stderr });
    const exit = await exited;
    expect(exit).toMatchObject({ code: 0, stdout: '{"ok":false}' });
    expect(exit.stderr).toBe(stderr);
  }, 30_000);

  it('kill ends the process at once', async () => {
    const broker = brokerFor([CHILD]);
    const { launcher } = ownerOf(broker);
    const child = launcher.launch({ entry: CHILD });
    const { exited } = collect(child);
    const pid = await new Promise<number>((done) => child.onSpawn(done));
    expect(alive(pid)).toBe(true);
    child.kill();
    await exited;
    expect(alive(pid)).toBe(false);
    expect(broker.running()).toBe(0);
  }, 30_000);

  it("a started process may launch its own (a job's probe): its messages go to it; when the owner ends, both end", async () => {
    const broker = brokerFor([CHILD]);
    const { launcher, owner } = ownerOf(broker);
    const child = launcher.launch({ entry: CHILD });
    const { next, messages } = collect(child);
    await new Promise<number>((done) => child.onSpawn(done));
    child.send({ cmd: 'launch', entry: CHILD });
    const grandchild = (await next((m) => 'nestedSpawned' in m)).nestedSpawned as number;
    child.send({ cmd: 'to-nested', message: { cmd: 'echo', value: 'from the job' } });
    expect(await next((m) => 'fromNested' in m)).toEqual({ fromNested: { echo: 'from the job' } });
    // Nothing of the grandchild's traffic reached the top owner as its own.
    expect(messages.every((m) => typeof m === 'object' && m !== null && !('echo' in m))).toBe(true);
    expect(broker.running()).toBe(2);
    // The engine dies: what it started, and what that started, must not outlive it.
    owner.gone();
    for (let i = 0; i < 500 && (alive(grandchild) || broker.running() > 0); i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(alive(grandchild)).toBe(false);
    expect(broker.running()).toBe(0);
  }, 30_000);

  it('probes a GPU provider in the real probe process it starts: the native stderr comes back', async () => {
    const broker = brokerFor([providerProbeSourceEntry]);
    const { launcher } = ownerOf(broker);
    const result = await probeProvider('cuda', DEFAULT_MODEL, { logSeverityLevel: 3 }, { launcher });
    expect(result.ok).toBe(false);
    expect(result.error).not.toMatch(/probe could not start|before reporting/);
    // ORT's JS error is only "Failed to load shared library"; the native side names the library.
    if (process.platform === 'linux') expect(result.nativeStderr).toMatch(/\.so/);
    expect(broker.running()).toBe(0);
  }, 60_000);

  it('runs a real analysis job for an engine that launches through it, to its last frame', async () => {
    const broker = brokerFor([analysisJobSourceEntry, providerProbeSourceEntry]);
    const { launcher } = ownerOf(broker);
    const dataDir = mkdtempSync(join(tmpdir(), 'rinkside-brokered-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const finished: JobFinished[] = [];
    const engine = await createEngine({
      config: testEngineConfig(dataDir),
      log: silentLogger,
      launcher,
      emit: (name, payload) => {
        if (name === 'job.finished') finished.push(payload as JobFinished);
      },
    });
    cleanups.push(() => engine.close());
    const call = async (name: string, args: unknown) => {
      const checked = validateCommand(name, args);
      if (!checked.ok) throw new Error(checked.error.detail);
      return engine.handle(checked.command, checked.args);
    };
    const waitFinished = async (jobId: string) => {
      for (;;) {
        const found = finished.find((f) => f.jobId === jobId);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const game = (await call('games.create', { title: 'B', date: '2026-11-24', home: 'A', away: 'B' })) as {
      id: string;
    };
    const imported = await waitFinished(
      ((await call('videos.import', { gameId: game.id, path: join(MEDIA, 'crossing-seq.mp4') })) as { jobId: string })
        .jobId,
    );
    const video = (imported as { result: Video }).result;
    const { jobId } = (await call('analysis.start', { videoId: video.id, options: { ep: 'cpu', threads: 1 } })) as {
      jobId: string;
    };
    const done = await waitFinished(jobId);
    expect(done, JSON.stringify(done)).toMatchObject({ outcome: 'done', result: { provider: 'cpu' } });
    expect((done as { result: { framesDone: number } }).result.framesDone).toBe(video.probe.frameCount);
    expect(broker.running()).toBe(0);
  }, 180_000);
});
