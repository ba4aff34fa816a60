import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnalysisRun } from '../../contract/analysis.ts';
import { decodeDetectionsWindow } from '../../contract/detections-window.ts';
import type { Video } from '../../contract/domain.ts';
import type { JobFinished } from '../../contract/events.ts';
import { validateCommand } from '../../contract/invoke.ts';
import {
  commandNames,
  shellCommands,
  type CommandArgs,
  type CommandName,
  type CommandResult,
} from '../../contract/commands.ts';
import { createLogger, silentLogger, type Logger } from '../log.ts';
import { createEngine, type Engine } from '../engine.ts';
import { sourceModelsDir } from '../detect/model-catalog.ts';
import { NANODET_TEST_MODEL } from '../detect/paths.test-helper.ts';
import { testEngineConfig } from '../process/engine-config.test-helper.ts';

const media = resolve(import.meta.dirname, '../../../tests/fixtures/media');
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Harness {
  engine: Engine;
  dataDir: string;
  finished: JobFinished[];
  progress: { jobId: string; done: number }[];
  call<N extends CommandName>(name: N, args: CommandArgs<N>): Promise<CommandResult<N>>;
  waitFinished(jobId: string): Promise<JobFinished>;
}

async function harness(log: Logger = silentLogger): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rinkside-analysis-'));
  const finished: JobFinished[] = [];
  const progress: { jobId: string; done: number }[] = [];
  const engine = await createEngine({
    config: testEngineConfig(dataDir),
    log,
    emit: (name, payload) => {
      if (name === 'job.finished') finished.push(payload as JobFinished);
      if (name === 'job.progress') {
        const p = payload as { jobId: string; done: number };
        progress.push({ jobId: p.jobId, done: p.done });
      }
    },
  });
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  cleanups.push(() => engine.close());
  const call = async <N extends CommandName>(name: N, args: CommandArgs<N>) => {
    const checked = validateCommand(name, args);
    if (!checked.ok) throw new Error(checked.error.detail);
    return (await engine.handle(checked.command, checked.args)) as CommandResult<N>;
  };
  const waitFinished = async (jobId: string) => {
    for (;;) {
      const found = finished.find((f) => f.jobId === jobId);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { engine, dataDir, finished, progress, call, waitFinished };
}

async function importClip(h: Harness, file: string): Promise<Video> {
  const game = await h.call('games.create', { title: 'Analysis', date: '2026-11-24', home: 'A', away: 'B' });
  const { jobId } = await h.call('videos.import', { gameId: game.id, path: join(media, file) });
  const done = await h.waitFinished(jobId);
  if (done.outcome !== 'done') throw new Error(JSON.stringify(done));
  return done.result as Video;
}

/** Pids of analysis job processes started by this test process. */
function analysisJobPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return ppid === process.pid && cmdline.includes('job-entry.ts');
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function allFrames(h: Harness, runId: string) {
  const window = await h.call('detections.window', { runId, fromS: 0, toS: 600 });
  return decodeDetectionsWindow(window).frames;
}

// Real inference runs: several whole analyses per test on 2 shared cores, so a generous budget.
describe('the engine answers the whole command table', () => {
  it('has a handler for every command the shell does not answer itself', async () => {
    const h = await harness();
    const expected = commandNames.filter((name) => !(shellCommands as readonly string[]).includes(name));
    expect([...h.engine.answers].sort()).toEqual([...expected].sort());
  });
});

describe('analysis on the real model and real frames', { timeout: 240_000 }, () => {
  it('analyses a clip in a job process: people found and tracked, provider recorded, summaries written', async () => {
    const h = await harness();
    const video = await importClip(h, 'crossing-seq.mp4');
    const { runId, jobId } = await h.call('analysis.start', { videoId: video.id, options: { ep: 'cpu', threads: 1 } });
    const end = await h.waitFinished(jobId);
    expect(end).toMatchObject({ outcome: 'done', result: { runId, framesDone: 40, provider: 'cpu' } });
    const [run] = (await h.call('analysis.list', { videoId: video.id })) as AnalysisRun[];
    expect(run).toMatchObject({ status: 'done', provider: 'cpu', framesDone: 40 });
    // No GPU decoder here: none used, and each candidate says why.
    expect(run?.hwDecode?.used).toBeNull();
    expect(run?.hwDecode?.tried.every((t) => !t.ok && t.reason.length > 0)).toBe(true);
    const frames = await allFrames(h, runId);
    expect(frames.map((f) => f.index)).toEqual([...Array(40).keys()]);
    const people = frames.flatMap((f) => f.boxes).filter((b) => b.classId === 0);
    expect(people.length / frames.length).toBeGreaterThan(3);
    expect(people.filter((b) => b.trackId > 0).length / people.length).toBeGreaterThan(0.8);
    const tracks = await h.call('tracks.list', { runId });
    expect(tracks.length).toBeGreaterThan(2);
    expect(h.progress.some((p) => p.jobId === jobId && p.done > 0)).toBe(true);

    // The analyst's edits show through: a linked player in tracks.list, a merged id gone from windows.
    const [first, second] = tracks;
    const team = await h.call('roster.saveTeam', {
      team: { gameId: video.gameId, side: 'home', name: 'RPI', colour: '#c8102e' },
    });
    const player = await h.call('roster.savePlayer', {
      player: { teamId: team.id, name: 'Ada', number: 9, position: 'F' },
    });
    await h.call('tracks.link', { runId, trackId: first!.trackId, playerId: player.id });
    await h.call('tracks.merge', { runId, keepTrackId: first!.trackId, mergeTrackId: second!.trackId });
    const linked = await h.call('tracks.list', { runId });
    expect(linked.find((t) => t.trackId === first!.trackId)?.playerId).toBe(player.id);
    const ids = new Set((await allFrames(h, runId)).flatMap((f) => f.boxes.map((b) => b.trackId)));
    expect(ids.has(second!.trackId)).toBe(false);
    expect(ids.has(first!.trackId)).toBe(true);
    const afterMerge = await h.call('tracks.list', { runId });
    expect(afterMerge.map((t) => t.trackId)).not.toContain(second!.trackId);
    expect(afterMerge.find((t) => t.trackId === first!.trackId)?.boxCount).toBe(first!.boxCount + second!.boxCount);
  });

  it('a kill -9 of the job process mid-run is restarted, resumes, and gives the same detections as an uninterrupted run', async () => {
    const reference = await harness();
    const refVideo = await importClip(reference, 'people-10s.mp4');
    const ref = await reference.call('analysis.start', { videoId: refVideo.id, options: { ep: 'cpu', threads: 1 } });
    expect((await reference.waitFinished(ref.jobId)).outcome).toBe('done');
    const expected = await allFrames(reference, ref.runId);
    expect(expected).toHaveLength(100);

    // The job process's log reaches the engine's: it shows the ffmpeg command of each start.
    const commands: string[] = [];
    const h = await harness(
      createLogger(
        (record) => typeof record.fields?.['command'] === 'string' && commands.push(record.fields['command']),
      ),
    );
    const video = await importClip(h, 'people-10s.mp4');
    const run = await h.call('analysis.start', { videoId: video.id, options: { ep: 'cpu', threads: 1 } });
    // Wait until a first chunk is committed, then kill the job process outright.
    while (!h.progress.some((p) => p.jobId === run.jobId && p.done > 0)) await new Promise((r) => setTimeout(r, 20));
    const pids = analysisJobPids();
    expect(pids).toHaveLength(1);
    // The job runs with the analysis V8 flags (a small young generation: flat RSS, job-heap.ts).
    expect(readFileSync(`/proc/${pids[0]}/cmdline`, 'utf8').split('\0')).toContain('--max-semi-space-size=1');
    process.kill(pids[0] as number, 'SIGKILL');
    const end = await h.waitFinished(run.jobId);
    expect(end.outcome).toBe('done');
    const resumed = await allFrames(h, run.runId);
    expect(resumed).toEqual(expected);
    // The restarted job sought near its last stored frame instead of decoding from the start.
    const analysisCommands = commands.filter((command) => command.includes('showinfo'));
    expect(analysisCommands.length).toBeGreaterThanOrEqual(2);
    expect(analysisCommands[0]).not.toContain(' -ss ');
    expect(analysisCommands.at(-1)).toMatch(/ -ss [\d.]+ .*select=gte\(t/);
  });

  it('pause keeps the committed chunks; resume finishes the run with the same result', async () => {
    const h = await harness();
    const video = await importClip(h, 'crossing-seq.mp4');
    const run = await h.call('analysis.start', { videoId: video.id, options: { ep: 'cpu', threads: 1 } });
    while (!h.progress.some((p) => p.jobId === run.jobId && p.done > 0)) await new Promise((r) => setTimeout(r, 20));
    await h.call('analysis.pause', { runId: run.runId });
    expect((await h.waitFinished(run.jobId)).outcome).toBe('cancelled');
    const paused = ((await h.call('analysis.list', { videoId: video.id })) as AnalysisRun[])[0];
    expect(paused?.status).toBe('paused');
    expect(paused?.framesDone).toBeGreaterThan(0);
    const again = await h.call('analysis.resume', { runId: run.runId });
    expect((await h.waitFinished(again.jobId)).outcome).toBe('done');
    expect((await allFrames(h, run.runId)).map((f) => f.index)).toEqual([...Array(40).keys()]);
  });

  it('a corrupt model ends with model-error and the library intact', async () => {
    const h = await harness();
    const video = await importClip(h, 'crossing-seq.mp4');
    const bad = join(h.dataDir, 'broken.onnx');
    writeFileSync(bad, readFileSync(join(sourceModelsDir, 'yolox_nano_416_coco.onnx')).subarray(0, 100_000));
    await expect(h.call('models.add', { path: bad })).rejects.toMatchObject({ kind: 'model-error' });
    const games = await h.call('games.list', {});
    expect(games).toHaveLength(1);
    expect(await h.call('videos.list', { gameId: video.gameId })).toHaveLength(1);
  });

  it('a model with an output layout Rinkside does not know is refused with the shape named', async () => {
    const h = await harness();
    const video = await importClip(h, 'crossing-seq.mp4');
    await expect(h.call('models.add', { path: NANODET_TEST_MODEL })).rejects.toMatchObject({
      kind: 'model-error',
      message: expect.stringMatching(/not a layout Rinkside knows/),
    });
    expect((await h.call('models.list', {})).map((m) => m.name)).toEqual(['yolox_nano_416_coco']);
    expect(await h.call('videos.list', { gameId: video.gameId })).toHaveLength(1);
  });

  it('a video cut off mid-file ends its run with corrupt-media; committed frames and the library stay', async () => {
    const h = await harness();
    const copy = join(h.dataDir, 'camera1.mp4');
    // The card was pulled out mid-copy: only the first part of the file is there. Its header still
    // promises the whole game, so the import takes it and the damage shows only while decoding.
    // (A file cut off after its import is no longer the file imported: media-changed, not analysed.)
    const bytes = readFileSync(join(media, 'people-10s.mp4'));
    writeFileSync(copy, bytes.subarray(0, Math.floor(bytes.length * 0.4)));
    const game = await h.call('games.create', { title: 'Cut', date: '2026-11-24', home: 'A', away: 'B' });
    const imported = await h.waitFinished((await h.call('videos.import', { gameId: game.id, path: copy })).jobId);
    expect(imported.outcome, JSON.stringify(imported)).toBe('done');
    const video = (imported as { result: Video }).result;
    const { runId, jobId } = await h.call('analysis.start', { videoId: video.id, options: { ep: 'cpu', threads: 1 } });
    const end = await h.waitFinished(jobId);
    expect(end).toMatchObject({ outcome: 'failed', error: { kind: 'corrupt-media' } });
    const [run] = (await h.call('analysis.list', { videoId: video.id })) as AnalysisRun[];
    expect(run).toMatchObject({ id: runId, status: 'failed', error: { kind: 'corrupt-media' } });
    // Frames decoded before the damage were committed and are still readable.
    const frames = await allFrames(h, runId);
    expect(frames.length).toBe(run?.framesDone);
    expect(await h.call('games.list', {})).toHaveLength(1);
  });

  it('asking for CUDA on a machine without it fails the run with the provider named, never a silent CPU run', async () => {
    const h = await harness();
    const video = await importClip(h, 'crossing-seq.mp4');
    const { runId, jobId } = await h.call('analysis.start', { videoId: video.id, options: { ep: 'cuda', threads: 1 } });
    const end = await h.waitFinished(jobId);
    expect(end).toMatchObject({ outcome: 'failed', error: { kind: 'provider-failed' } });
    if (end.outcome === 'failed') expect(end.error.message).toMatch(/CUDA/);
    const [run] = (await h.call('analysis.list', { videoId: video.id })) as AnalysisRun[];
    expect(run).toMatchObject({ id: runId, status: 'failed', framesDone: 0 });
  });
});
