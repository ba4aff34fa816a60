/**
 * SIGTERM stops the browser host, and its engine with it, even when the engine is hung: on a
 * command, or while starting. A real host process and a real engine frozen by the engine's
 * test-only busy loop (RINKSIDE_TEST_FREEZE_ON). Closing while the engine restarts after a crash
 * is covered by the supervisor's tests.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  commandLine,
  connect,
  descendants,
  exitWithin,
  pidAlive,
  startHostProcess,
  waitFor,
  type HostProcess,
} from './host-process.test-helper.ts';

/** Generous: the host gives a hung engine 3 s to shut down before killing it. */
const EXIT_GUARD_MS = 20_000;

const hosts: HostProcess[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.dispose();
});

function start(env: NodeJS.ProcessEnv = {}): HostProcess {
  const host = startHostProcess(env);
  hosts.push(host);
  return host;
}

const engines = (host: HostProcess) =>
  descendants(host.child.pid ?? -1).filter((pid) => commandLine(pid).includes('engine-entry'));

async function expectStopsWithItsEngine(host: HostProcess, engine: number): Promise<void> {
  host.child.kill('SIGTERM');
  const exit = await exitWithin(host.child, EXIT_GUARD_MS);
  expect(exit, 'the host is still running after SIGTERM').not.toBeNull();
  expect(exit).toEqual({ code: 0, signal: null });
  await waitFor(() => !pidAlive(engine), 5_000, 'the engine to be gone');
}

describe('browser host SIGTERM', () => {
  it('stops while the engine is hung on a command, and kills the engine', async () => {
    const host = start({ RINKSIDE_TEST_FREEZE_ON: 'games.list' });
    const ws = await connect(await host.url);
    const [engine] = engines(host);
    expect(engine).toBeGreaterThan(0);
    ws.send(JSON.stringify({ type: 'invoke', id: 1, command: 'games.list', args: {} }));
    await new Promise((r) => setTimeout(r, 500)); // the engine is spinning now
    await expectStopsWithItsEngine(host, engine as number);
  }, 60_000);

  it('stops while the engine hangs starting up (the host never got ready), and kills the engine', async () => {
    const host = start({ RINKSIDE_TEST_FREEZE_ON: 'init' });
    await waitFor(() => engines(host).length === 1, 20_000, 'the engine process');
    const [engine] = engines(host);
    await new Promise((r) => setTimeout(r, 1000)); // the engine has the init message and spins
    expect(host.child.exitCode).toBeNull();
    await expectStopsWithItsEngine(host, engine as number);
  }, 60_000);
});
