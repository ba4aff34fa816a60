import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../contract/errors.ts';
import type { JobProgress } from '../../contract/domain.ts';
import type { JobFinished } from '../../contract/events.ts';
import { silentLogger } from '../log.ts';
import { createJobRunner } from './runner.ts';

function harness(throttleMs = 0) {
  const progress: JobProgress[] = [];
  const finished: JobFinished[] = [];
  let clock = 0;
  const runner = createJobRunner({
    onProgress: (p) => progress.push(p),
    onFinished: (f) => finished.push(f),
    log: silentLogger,
    nowMs: () => (clock += 250),
    throttleMs,
  });
  return { runner, progress, finished };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('job runner', () => {
  it('reports progress with rate and ETA, then the result', async () => {
    const { runner, progress, finished } = harness();
    const id = runner.start('import', 'v1', async (ctx) => {
      for (let done = 0; done <= 4; done++) ctx.progress({ done, total: 4, stage: 'hashing' });
      return 'ok';
    });
    const end = await runner.finished(id);
    expect(end).toEqual({ jobId: id, kind: 'import', subjectId: 'v1', outcome: 'done', result: 'ok' });
    expect(finished).toEqual([end]);
    const last = progress.at(-1);
    expect(last?.done).toBe(4);
    expect(last?.rate).toBeCloseTo(4, 5); // one unit per 250 ms of the fake clock
    expect(last?.etaS).toBe(0);
    expect(runner.list()).toEqual([]);
  });

  it('throttles progress events but always passes stage changes and completion', async () => {
    const { runner, progress } = harness(1e9);
    const id = runner.start('proxy', null, async (ctx) => {
      for (let done = 0; done < 50; done++) ctx.progress({ done, total: 100, stage: 'transcoding' });
      ctx.progress({ done: 100, total: 100, stage: 'transcoding' });
    });
    await runner.finished(id);
    expect(progress.map((p) => p.done)).toEqual([0, 100]);
  });

  it('turns an AppFailure into a failed outcome with the same kind and message', async () => {
    const { runner } = harness();
    const id = runner.start('import', null, async () => {
      throw new AppFailure('not-video', 'notes.txt is not a video file.');
    });
    expect(await runner.finished(id)).toMatchObject({
      outcome: 'failed',
      error: { kind: 'not-video', message: 'notes.txt is not a video file.' },
    });
  });

  it('cancel kills the job’s ffmpeg child and reports cancelled, not failed', async () => {
    const { runner } = harness();
    let pid = 0;
    const id = runner.start('proxy', null, (ctx) => {
      const child = spawn(
        'ffmpeg',
        ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=640x480:rate=30', '-t', '600', '-f', 'null', '-'],
        { signal: ctx.signal, stdio: 'ignore' },
      );
      pid = child.pid ?? 0;
      // Settle only on exit: 'error' (AbortError) fires before the process is gone.
      return new Promise((resolve, reject) => {
        child.on('error', () => {});
        child.on('exit', () => (ctx.signal.aborted ? reject(new AppFailure('cancelled', 'Cancelled')) : resolve(0)));
      });
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(pid).toBeGreaterThan(0);
    expect(alive(pid)).toBe(true);
    runner.cancel(id);
    expect(await runner.finished(id)).toMatchObject({ outcome: 'cancelled' });
    expect(alive(pid)).toBe(false);
  });

  it('cancelling an unknown job is a not-found error; a finished one is a no-op', async () => {
    const { runner } = harness();
    expect(() => runner.cancel('nope')).toThrow(/not running/);
    const id = runner.start('import', null, async () => 1);
    await runner.finished(id);
    expect(() => runner.cancel(id)).not.toThrow();
  });

  it('cancelAll aborts every running job and waits for them', async () => {
    const { runner, finished } = harness();
    const work = (ctx: { signal: AbortSignal }) =>
      new Promise<void>((_, reject) =>
        ctx.signal.addEventListener('abort', () => reject(new AppFailure('cancelled', 'Cancelled'))),
      );
    runner.start('analysis', 'a', work);
    runner.start('export', 'b', work);
    await runner.cancelAll();
    expect(finished.map((f) => f.outcome)).toEqual(['cancelled', 'cancelled']);
  });
});
