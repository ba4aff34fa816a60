import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../contract/events.ts';
import { silentLogger } from '../log.ts';
import { forkEngineChild } from './fork-child.ts';
import { startEngineSupervisor, type EngineSupervisor, type EngineSupervisorOptions } from './supervisor.ts';
import { testEngineConfig } from './engine-config.test-helper.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function start(
  extra: Pick<EngineSupervisorOptions, 'heartbeat'> & {
    env?: NodeJS.ProcessEnv;
    onStatus?: (status: EngineStatus) => void;
  } = {},
): { engine: EngineSupervisor; statuses: EngineStatus[] } {
  const dataDir = mkdtempSync(join(tmpdir(), 'rinkside-engine-'));
  const statuses: EngineStatus[] = [];
  const engine = startEngineSupervisor({
    ...(extra.heartbeat ? { heartbeat: extra.heartbeat } : {}),
    spawn: () => forkEngineChild(undefined, extra.env),
    config: testEngineConfig(dataDir),
    log: silentLogger,
    onEvent: (name, payload) => {
      if (name !== 'engine.status') return;
      statuses.push(payload as EngineStatus);
      extra.onStatus?.(payload as EngineStatus);
    },
  });
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  cleanups.push(() => engine.close());
  return { engine, statuses };
}

/** False once the process is gone (a zombie no parent reaps counts as gone). */
function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

function waitFor(check: () => boolean, ms = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (check()) return resolve();
      if (Date.now() - started > ms) return reject(new Error('timed out waiting'));
      setTimeout(tick, 20);
    };
    tick();
  });
}

describe('engine process supervisor (real forked engine, real SQLite file)', () => {
  it('answers commands from the engine process, which owns the library', async () => {
    const { engine } = start();
    await engine.ready();
    const created = await engine.invoke('games.create', { title: 'T', date: '2026-11-24', home: 'H', away: 'A' });
    expect(created.ok).toBe(true);
    const listed = await engine.invoke('games.list', {});
    expect(listed.ok && (listed.value as unknown[]).length).toBe(1);
    expect(engine.pid()).not.toBe(process.pid);
  });

  it('validates inside the engine too (the CLI and worker talk to it directly)', async () => {
    const { engine } = start();
    const reply = await engine.invoke('games.create', { title: 42 });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'invalid-args' } });
  });

  it('restarts the engine after kill -9, keeps what was saved, and never leaves a caller hanging', async () => {
    const { engine, statuses } = start();
    await engine.ready();
    await engine.invoke('games.create', { title: 'Saved', date: '2026-11-24', home: 'H', away: 'A' });
    const firstPid = engine.pid();
    expect(firstPid).toBeGreaterThan(0);
    // A call in flight when the process dies is answered with an error, not left pending.
    const inFlight = engine.invoke('app.info', {});
    process.kill(firstPid as number, 'SIGKILL');
    const lost = await inFlight;
    // app.info may have been answered before the kill landed; either way the caller got a reply.
    expect(typeof lost.ok).toBe('boolean');
    await waitFor(() => statuses.some((s) => s.state === 'restarting'));
    await waitFor(() => statuses.filter((s) => s.state === 'ready').length >= 2);
    expect(engine.pid()).not.toBe(firstPid);
    const listed = await engine.invoke('games.list', {});
    expect(listed.ok && (listed.value as { title: string }[]).map((g) => g.title)).toEqual(['Saved']);
  });

  it('answers a call made while the engine is down between crash and restart (no write to a closed channel)', async () => {
    let sawRestarting: () => void = () => undefined;
    const restarting = new Promise<void>((resolve) => (sawRestarting = resolve));
    const { engine, statuses } = start({ onStatus: (status) => status.state === 'restarting' && sawRestarting() });
    await engine.ready();
    process.kill(engine.pid() as number, 'SIGKILL');
    await restarting;
    // The old child is gone and the new one not started yet: sending to it would emit an
    // unhandled ERR_IPC_CHANNEL_CLOSED and take the host process down.
    const during = await engine.invoke('app.info', {});
    expect(during).toMatchObject({ ok: false, error: { message: expect.stringMatching(/restarting/) } });
    await waitFor(() => statuses.filter((s) => s.state === 'ready').length >= 2);
    expect((await engine.invoke('app.info', {})).ok).toBe(true);
  });

  it('restarts an engine that stops answering (heartbeat), answers the stuck call, and says why', async () => {
    // The test-only hook makes the engine spin forever on games.list, as a runaway computation would.
    const { engine, statuses } = start({
      heartbeat: { intervalMs: 100, timeoutMs: 1500 },
      env: { ...process.env, RINKSIDE_TEST_FREEZE_ON: 'games.list' },
    });
    await engine.ready();
    await engine.invoke('games.create', { title: 'Saved', date: '2026-11-24', home: 'H', away: 'A' });
    const frozenPid = engine.pid();
    const stuck = await engine.invoke('games.list', {});
    expect(stuck).toMatchObject({
      ok: false,
      error: { kind: 'internal', message: expect.stringMatching(/restarting/) },
    });
    await waitFor(() => statuses.filter((s) => s.state === 'ready').length >= 2);
    expect(statuses).toContainEqual({
      state: 'restarting',
      reason: expect.stringMatching(/stopped answering for \d+ s/),
    });
    expect(engine.pid()).not.toBe(frozenPid);
    expect(pidAlive(frozenPid as number)).toBe(false);
    const info = await engine.invoke('app.info', {});
    expect(info.ok).toBe(true);
    const games = await engine.invoke('games.create', { title: 'After', date: '2026-11-24', home: 'H', away: 'A' });
    expect(games.ok).toBe(true);
  }, 30_000);

  it('does not restart an engine that is busy but answering', async () => {
    const { engine, statuses } = start({ heartbeat: { intervalMs: 50, timeoutMs: 2000 } });
    await engine.ready();
    const pid = engine.pid();
    // Well past the timeout, with the engine answering commands and pings all along.
    for (const until = Date.now() + 4000; Date.now() < until;) {
      expect((await engine.invoke('games.list', {})).ok).toBe(true);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(engine.pid()).toBe(pid);
    expect(statuses.map((s) => s.state)).toEqual(['ready']);
  });

  it('closes in bounded time whatever the engine is doing: hung, or restarting after a crash', async () => {
    const hung = start({ env: { ...process.env, RINKSIDE_TEST_FREEZE_ON: 'games.list' } });
    await hung.engine.ready();
    const hungPid = hung.engine.pid() as number;
    const stuck = hung.engine.invoke('games.list', {});
    await hung.engine.close();
    expect(await stuck).toMatchObject({ ok: false });
    expect(pidAlive(hungPid)).toBe(false);

    // Closed from inside the "restarting" notice: the crashed child is gone and the next one not
    // started yet, so there is no process whose exit close() could wait for.
    let closing: Promise<void> | null = null;
    const crashed = start({ onStatus: (s) => void (s.state === 'restarting' && (closing = crashed.engine.close())) });
    await crashed.engine.ready();
    process.kill(crashed.engine.pid() as number, 'SIGKILL');
    await waitFor(() => closing !== null);
    await closing;
    expect(await crashed.engine.invoke('app.info', {})).toMatchObject({ ok: false });
  }, 30_000);
});
