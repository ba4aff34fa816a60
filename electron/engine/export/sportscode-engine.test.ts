/**
 * A big Sportscode import in a real engine process (real SQLite file, real ffprobe for the video)
 * leaves the engine answering: the file is parsed on a worker thread and the events are written
 * in batches between which other commands run.
 */
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobFinished } from '../../contract/events.ts';
import type { InvokeReply } from '../../contract/invoke.ts';
import { sourceModelsDir } from '../detect/model-catalog.ts';
import { silentLogger } from '../log.ts';
import { forkEngineChild } from '../process/fork-child.ts';
import { startEngineSupervisor, type EngineSupervisor } from '../process/supervisor.ts';
import { media } from './export.test-helper.ts';
import { syntheticTimeline } from './synthetic-timeline.ts';
import { XML_LIMITS } from './xml-reader.ts';

let dir = '';
let engine: EngineSupervisor;
const finished: JobFinished[] = [];

async function value<T>(reply: Promise<InvokeReply>): Promise<T> {
  const r = await reply;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rinkside-sportscode-engine-'));
  engine = startEngineSupervisor({
    spawn: () => forkEngineChild(),
    config: {
      dataDir: join(dir, 'library'),
      appVersion: 'test',
      ffmpegPath: null,
      ffprobePath: null,
      nativeDialogs: false,
      modelsDir: sourceModelsDir,
    },
    log: silentLogger,
    onEvent: (name, payload) => {
      if (name === 'job.finished') finished.push(payload as JobFinished);
    },
  });
  await engine.ready();
});

afterAll(async () => {
  await engine?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Sportscode import in the engine process', () => {
  it('answers app.info again and again while a 5,000-instance import runs, and imports every instance', async () => {
    const game = await value<{ id: string }>(
      engine.invoke('games.create', { title: 'Big', date: '2026-11-24', home: 'H', away: 'A' }),
    );
    const { jobId } = await value<{ jobId: string }>(
      engine.invoke('videos.import', { gameId: game.id, path: media('people-10s.mp4') }),
    );
    while (!finished.some((f) => f.jobId === jobId)) await new Promise((r) => setTimeout(r, 50));
    const [video] = await value<{ id: string }[]>(engine.invoke('videos.list', { gameId: game.id }));
    const file = join(dir, 'big.xml');
    writeFileSync(file, syntheticTimeline({ instances: 5_000, labels: 2 }));

    let importDone = false;
    const importing = engine
      .invoke('import.sportscode', { gameId: game.id, videoId: video?.id ?? '', path: file })
      .finally(() => (importDone = true));
    // One app.info at a time, each sent when the last was answered: an engine busy with the
    // import answers none of them until it is over.
    let answeredDuringImport = 0;
    while (!importDone) {
      const info = await engine.invoke('app.info', {});
      expect(info.ok).toBe(true);
      if (!importDone) answeredDuringImport++;
    }
    const result = await value<{ imported: number; skipped: number }>(importing);
    expect(result).toMatchObject({ imported: 5_000, skipped: 0 });
    expect(answeredDuringImport).toBeGreaterThanOrEqual(3);
    const events = await value<unknown[]>(engine.invoke('events.list', { gameId: game.id }));
    expect(events).toHaveLength(5_000);
  }, 180_000);

  it('refuses a file over the size limit before reading it, and a cut-off file, saying which', async () => {
    const game = await value<{ id: string }>(
      engine.invoke('games.create', { title: 'Refused', date: '2026-11-24', home: 'H', away: 'A' }),
    );
    const args = (path: string) => ({ gameId: game.id, videoId: '00000000-0000-4000-8000-000000000000', path });
    const huge = join(dir, 'huge.xml');
    writeFileSync(huge, '');
    truncateSync(huge, XML_LIMITS.maxBytes + 1); // sparse: nothing is written, nothing need be read
    expect(await engine.invoke('import.sportscode', args(huge))).toMatchObject({
      ok: false,
      error: {
        kind: 'invalid-args',
        message: expect.stringMatching(/32\.0 MiB; Rinkside imports XML files up to 32 MiB/),
      },
    });
    const cut = join(dir, 'cut.xml');
    const whole = syntheticTimeline({ instances: 20 });
    writeFileSync(cut, whole.slice(0, whole.length / 2));
    expect(await engine.invoke('import.sportscode', args(cut))).toMatchObject({
      ok: false,
      error: { kind: 'invalid-args', message: expect.stringMatching(/cut off/) },
    });
    expect(await value<unknown[]>(engine.invoke('events.list', { gameId: game.id }))).toEqual([]);
  });

  it('refuses a named pipe without reading it: the engine answers at once and keeps answering', async () => {
    const game = await value<{ id: string }>(
      engine.invoke('games.create', { title: 'Pipe', date: '2026-11-24', home: 'H', away: 'A' }),
    );
    const fifo = join(dir, 'timeline.xml');
    execFileSync('mkfifo', [fifo]);
    const args = { gameId: game.id, videoId: '00000000-0000-4000-8000-000000000000', path: fifo };
    // Reading a FIFO blocks until a writer comes: without the check this call would never end
    // (the test's own time limit is only a guard against that hang).
    expect(await engine.invoke('import.sportscode', args)).toMatchObject({
      ok: false,
      error: { kind: 'invalid-args', message: `"${fifo}" is a named pipe, not a Sportscode XML file.` },
    });
    expect(await engine.invoke('app.info', {})).toMatchObject({ ok: true });
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  }, 60_000);
});
