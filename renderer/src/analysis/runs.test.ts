import { describe, expect, it } from 'vitest';
import type { AnalysisRun } from '../../../electron/contract/index.ts';
import { defaultRunId, failedAttempts, progressOf, providerShown } from './runs.ts';

function run(
  id: string,
  status: AnalysisRun['status'],
  createdAt: string,
  extra: Partial<AnalysisRun> = {},
): AnalysisRun {
  return {
    id,
    videoId: 'v',
    modelName: 'm',
    modelSha256: 's',
    options: { ep: 'auto', threads: 1, score: 0.3, nms: 0.45 },
    provider: null,
    providerAttempts: [],
    status,
    framesDone: 0,
    framesTotal: 100,
    error: null,
    createdAt,
    updatedAt: createdAt,
    ...extra,
  };
}

describe('analysis runs', () => {
  it('selects the newest running or done run', () => {
    const runs = [run('a', 'done', '2026-01-01'), run('b', 'failed', '2026-01-03'), run('c', 'running', '2026-01-02')];
    expect(defaultRunId(runs)).toBe('c');
    expect(defaultRunId([run('a', 'done', '2026-01-01'), run('d', 'done', '2026-01-04')])).toBe('d');
    expect(defaultRunId([run('p', 'paused', '2026-01-01', { framesDone: 4 })])).toBe('p');
    expect(defaultRunId([run('f', 'failed', '2026-01-01')])).toBeNull();
  });

  it('finds the job of a run and the provider it runs on', () => {
    const jobs = {
      j: {
        jobId: 'j',
        kind: 'analysis' as const,
        stage: 'analysing on CPU',
        done: 5,
        total: 10,
        rate: 9,
        etaS: 1,
        subjectId: 'r',
      },
    };
    const r = run('r', 'running', '2026-01-01');
    expect(progressOf(jobs, 'r')?.jobId).toBe('j');
    expect(progressOf(jobs, 'x')).toBeNull();
    expect(providerShown(r, progressOf(jobs, 'r'))).toBe('CPU');
    expect(providerShown({ ...r, provider: 'cuda' }, null)).toBe('CUDA');
  });

  it('lists failed providers, not skipped ones', () => {
    const r = run('r', 'done', '2026-01-01', {
      providerAttempts: [
        {
          ep: 'coreml',
          ok: false,
          skipped: true,
          error: 'not on this platform',
        },
        {
          ep: 'cuda',
          ok: false,
          error: 'Failed to load shared library',
          nativeStderr: 'libcudart.so.12: cannot open',
        },
        { ep: 'cpu', ok: true },
      ],
    });
    expect(failedAttempts(r).map((a) => a.ep)).toEqual(['cuda']);
  });
});
