import { describe, expect, it } from 'vitest';
import { batchStage } from './export.ts';

describe('export job stage text', () => {
  const clip = (etaS: number | null) => ({ doneS: 1, totalS: 5, rate: 1, etaS });

  it('names the clip and its own time left (the bar shows the overall ETA)', () => {
    expect(batchStage('clips', { clipIndex: 1, clipCount: 5, clip: clip(72.4) })).toBe(
      'clip 2 of 5 · 1:12 left in this clip',
    );
    expect(batchStage('reel', { clipIndex: 0, clipCount: 3, clip: clip(9.6) })).toBe(
      'reel part 1 of 3 · 0:10 left in this part',
    );
  });

  it('says only which clip while its time left is unknown', () => {
    expect(batchStage('clips', { clipIndex: 0, clipCount: 1, clip: clip(null) })).toBe('clip 1 of 1');
  });
});
