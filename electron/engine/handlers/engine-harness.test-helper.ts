/**
 * A real engine on a temporary library for handler tests: commands go through validateCommand
 * as every binding sends them, jobs are awaited through their job.finished events.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CommandArgs, CommandName, CommandResult } from '../../contract/commands.ts';
import type { Video } from '../../contract/domain.ts';
import type { JobFinished } from '../../contract/events.ts';
import { validateCommand } from '../../contract/invoke.ts';
import { createEngine, type Engine } from '../engine.ts';
import { silentLogger } from '../log.ts';
import { testEngineConfig } from '../process/engine-config.test-helper.ts';

export const fixtureMedia = resolve(import.meta.dirname, '../../../tests/fixtures/media');

export interface EngineHarness {
  engine: Engine;
  dataDir: string;
  changed: (string | null)[];
  call<N extends CommandName>(name: N, args: CommandArgs<N>): Promise<CommandResult<N>>;
  waitFinished(jobId: string): Promise<JobFinished>;
  /** Imports a committed fixture into a new game. */
  importFixture(file: string): Promise<Video>;
  close(): Promise<void>;
}

export async function engineHarness(prefix: string): Promise<EngineHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), `rinkside-${prefix}-`));
  const finished: JobFinished[] = [];
  const changed: (string | null)[] = [];
  const engine = await createEngine({
    config: testEngineConfig(dataDir),
    log: silentLogger,
    emit: (name, payload) => {
      if (name === 'job.finished') finished.push(payload as JobFinished);
      if (name === 'library.changed') changed.push((payload as { gameId: string | null }).gameId);
    },
  });
  const call = async <N extends CommandName>(name: N, args: CommandArgs<N>) => {
    const checked = validateCommand(name, args);
    if (!checked.ok) throw new Error(`${checked.error.message}: ${checked.error.detail ?? ''}`);
    return (await engine.handle(checked.command, checked.args)) as CommandResult<N>;
  };
  const waitFinished = async (jobId: string) => {
    for (;;) {
      const found = finished.find((f) => f.jobId === jobId);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const importFixture = async (file: string) => {
    const game = await call('games.create', { title: prefix, date: '2026-12-01', home: 'Home', away: 'Away' });
    const { jobId } = await call('videos.import', { gameId: game.id, path: join(fixtureMedia, file) });
    const done = await waitFinished(jobId);
    if (done.outcome !== 'done') throw new Error(JSON.stringify(done));
    return done.result as Video;
  };
  return {
    engine,
    dataDir,
    changed,
    call,
    waitFinished,
    importFixture,
    async close() {
      await engine.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
