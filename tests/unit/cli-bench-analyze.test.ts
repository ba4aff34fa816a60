import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rinkside, root } from './cli.test-helper.ts';

const clip = join(root, 'tests/fixtures/media/people-10s.mp4');

/**
 * The benchmark command itself (its figures are measured by hand, docs/benchmarks.md): it runs
 * the real pipeline and the ORT-only side, and its report is consistent with its own runs. No
 * timing is asserted — this machine is too noisy for that.
 */
describe('rinkside bench analyze', () => {
  it('reports pipeline and ORT-only throughput from interleaved blocks, one JSON line', async () => {
    // 70 frames with a warm-up of 10 and blocks of 20: two whole timed blocks, the rest untimed.
    const { code, stdout, stderr } = await rinkside(
      'bench',
      'analyze',
      clip,
      '--frames',
      '70',
      '--block',
      '20',
      '--runs',
      '1',
      '--ep',
      'cpu',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0] as string);
    expect(report).toMatchObject({ ep: 'cpu', threads: 1, frames: 70, block: 20 });
    expect(report.runs).toHaveLength(1);
    const [only] = report.runs;
    expect(only.blocks).toBe(2);
    expect(report.pipeline_fps).toBeGreaterThan(0);
    expect(report.ort_only_fps).toBeGreaterThan(0);
    expect(report.ratio).toBeCloseTo(report.pipeline_fps / report.ort_only_fps, 2);
    // The session's own accounting: time in run() per frame, and time it waited for a frame.
    expect(only.run_ms).toBeGreaterThan(0);
    expect(only.wait_ms).toBeGreaterThanOrEqual(0);
    expect(report.rss_mb).toBeGreaterThan(0);
  });

  it('refuses a run too short for one timed block with exit 2', async () => {
    const { code, stderr } = await rinkside('bench', 'analyze', clip, '--frames', '25', '--block', '20');
    expect(code).toBe(2);
    expect(stderr).toMatch(/--frames must be at least 30/);
  });
});
