import { describe, expect, it } from 'vitest';
import { createInterleaver } from './bench-interleave.ts';

/** A fake clock that advances by each frame's cost: the interleaver's arithmetic on known timings. */
function simulate(
  frames: number,
  pipelineMsPerFrame: (i: number) => number,
  ortMsPerFrame: number,
  block = 10,
  warmup = 3,
) {
  let clock = 0;
  const ortCalls: number[] = [];
  const interleaver = createInterleaver({
    block,
    warmup,
    now: () => clock,
    ortBlock: async (n) => {
      ortCalls.push(n);
      clock += n * ortMsPerFrame;
      return (n * ortMsPerFrame) / 1000;
    },
  });
  return (async () => {
    await interleaver.begin();
    for (let i = 0; i < frames; i++) {
      clock += pipelineMsPerFrame(i);
      await interleaver.frame();
    }
    return { result: interleaver.result(), ortCalls };
  })();
}

describe('bench interleaving', () => {
  it('times whole blocks only, with an ORT-only block before the first and after each', async () => {
    // 30 frames = 2 blocks of warmup 3 + 10, and 4 frames of a third block that is never timed.
    const { result, ortCalls } = await simulate(30, () => 20, 10);
    expect(result.blocks).toBe(2);
    expect(ortCalls).toEqual([10, 10, 10]);
    expect(result.pipelineFps).toBeCloseTo(50, 6);
    expect(result.ortOnlyFps).toBeCloseTo(100, 6);
  });

  it('leaves the warm-up frames after each resume out of the pipeline time', async () => {
    // Warm-up frames (the first 3 after each resume) are free here, the rest cost 25 ms: if the
    // warm-up were counted the pipeline would look faster than 40 fps.
    const { result } = await simulate(26, (i) => (i % 13 < 3 ? 0 : 25), 10);
    expect(result.blocks).toBe(2);
    // The first timed interval starts at the end of warm-up frame 3, so it holds 10 frames of 25 ms.
    expect(result.pipelineFps).toBeCloseTo(40, 6);
  });

  it('refuses to report when no whole block was timed', async () => {
    await expect(simulate(12, () => 20, 10)).rejects.toThrow(/no whole block/);
    expect(() => createInterleaver({ block: 0, warmup: 1, ortBlock: async () => 0 })).toThrow(RangeError);
  });
});
