import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { JobFinished } from '../../electron/contract/events.ts';
import { silentLogger } from '../../electron/engine/log.ts';
import { forkEngineChild } from '../../electron/engine/process/fork-child.ts';
import { startEngineSupervisor } from '../../electron/engine/process/supervisor.ts';
import { fixture, repoRoot } from './host-fixture.ts';

/**
 * The engine, analysis-job and provider-probe bundles electron-vite builds for the app
 * (out/main/*.js) — what Electron's utilityProcess runs — started as plain Node processes:
 * import and analyse a clip, and try CUDA in the probe.
 * No Electron binary can run here; this covers everything of the packaged path but the shell.
 */
test('the built engine, analysis job and provider probe bundles import and analyse a clip', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rinkside-bundle-'));
  const finished: JobFinished[] = [];
  const engine = startEngineSupervisor({
    spawn: () => forkEngineChild(join(repoRoot, 'out/main/engine.js')),
    config: {
      dataDir,
      appVersion: 'bundle-test',
      ffmpegPath: null,
      ffprobePath: null,
      nativeDialogs: true,
      modelsDir: join(repoRoot, 'models'),
      analysisJobEntry: join(repoRoot, 'out/main/analysis-job.js'),
      inferenceWorkerEntry: join(repoRoot, 'out/main/inference-worker.js'),
      providerProbeEntry: join(repoRoot, 'out/main/provider-probe.js'),
    },
    log: silentLogger,
    onEvent: (name, payload) => {
      if (name === 'job.finished') finished.push(payload as JobFinished);
    },
  });
  const waitFor = async (jobId: string) => {
    await expect.poll(() => finished.some((f) => f.jobId === jobId), { timeout: 90_000 }).toBe(true);
    return finished.find((f) => f.jobId === jobId) as JobFinished;
  };
  try {
    const game = await engine.invoke('games.create', { title: 'Bundle', date: '2026-11-24', home: 'A', away: 'B' });
    expect(game.ok).toBe(true);
    const gameId = (game as { value: { id: string } }).value.id;
    const started = await engine.invoke('videos.import', { gameId, path: fixture('crossing-seq.mp4') });
    const imported = await waitFor((started as { value: { jobId: string } }).value.jobId);
    expect(imported.outcome).toBe('done');
    const videoId = (imported as { result: { id: string } }).result.id;
    const analysis = await engine.invoke('analysis.start', { videoId, options: { ep: 'cpu' } });
    const end = await waitFor((analysis as { value: { jobId: string } }).value.jobId);
    expect(end).toMatchObject({ outcome: 'done', result: { framesDone: 40, provider: 'cpu' } });
    // A GPU provider is tried first in the bundled probe process, whose failure names it.
    const cuda = await engine.invoke('analysis.start', { videoId, options: { ep: 'cuda' } });
    const refused = await waitFor((cuda as { value: { jobId: string } }).value.jobId);
    expect(refused).toMatchObject({
      outcome: 'failed',
      error: { kind: 'provider-failed', message: expect.stringMatching(/CUDA/) },
    });
    expect((refused as { error: { detail?: string } }).error.detail).not.toMatch(
      /probe could not start|before reporting/,
    );
  } finally {
    await engine.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
