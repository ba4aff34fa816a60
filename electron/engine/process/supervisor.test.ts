import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../contract/events.ts';
import { sourceModelsDir } from '../detect/model-catalog.ts';
import { silentLogger } from '../log.ts';
import { forkEngineChild } from './fork-child.ts';
import { startEngineSupervisor, type EngineSupervisor } from './supervisor.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function start(): { engine: EngineSupervisor; statuses: EngineStatus[] } {
  const dataDir = mkdtempSync(join(tmpdir(), 'rinkside-engine-'));
  const statuses: EngineStatus[] = [];
  const engine = startEngineSupervisor({
    spawn: () => forkEngineChild(),
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
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  cleanups.push(() => engine.close());
  return { engine, statuses };
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
});
