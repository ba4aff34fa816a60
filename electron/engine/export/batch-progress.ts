/**
 * Progress over several clips (one file per event, or the segments of a reel): each clip reports
 * its own seconds and ETA; this adds the overall seconds, rate and ETA across all of them.
 */
import { createRateEstimator } from '../media/progress.ts';
import type { ClipProgress } from './clip.ts';

export interface BatchProgress {
  /** 0-based clip being made, and how many there are. */
  clipIndex: number;
  clipCount: number;
  clip: ClipProgress;
  /** Seconds of output done and expected in all, smoothed rate and overall ETA. */
  doneS: number;
  totalS: number;
  rate: number;
  etaS: number | null;
}

export interface BatchTracker {
  /** A ClipProgress handler for clip `index`. */
  forClip(index: number): (progress: ClipProgress) => void;
  /** Clip `index` is finished and lasted `durationS` (its estimate is replaced). */
  finished(index: number, durationS: number): void;
}

/** `estimatesS[k]`: expected seconds of clip k (its requested span) until it is cut. */
export function trackBatch(
  estimatesS: readonly number[],
  onProgress: ((progress: BatchProgress) => void) | undefined,
  nowMs: () => number = () => performance.now(),
): BatchTracker {
  const lengths = [...estimatesS];
  const finishedS = new Array<number>(lengths.length).fill(0);
  const estimator = createRateEstimator();
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  return {
    forClip: (index) => (clip) => {
      if (!onProgress) return;
      // The clip knows its real length once cut; use it for the totals from then on.
      lengths[index] = clip.totalS;
      const doneS = sum(finishedS) + clip.doneS;
      const totalS = sum(lengths);
      const { rate, etaS } = estimator.update(doneS, totalS, nowMs());
      onProgress({ clipIndex: index, clipCount: lengths.length, clip, doneS, totalS, rate, etaS });
    },
    finished: (index, durationS) => {
      lengths[index] = durationS;
      finishedS[index] = durationS;
    },
  };
}
