import type { RunAffiliations } from '../../contract/affiliation.ts';
import type { TrackedDetection } from '../../contract/detection.ts';
import { getRun } from '../store/analysis-runs.ts';
import { readDetections } from '../store/detections.ts';
import {
  getHomeJersey,
  getRinkRegion,
  hasJerseySamples,
  listAffiliationCorrections,
  readJerseySamples,
} from '../store/affiliation.ts';
import type { StoreContext } from '../store/games.ts';
import { createTrackIdResolver } from '../store/track-edits.ts';
import { getVideo } from '../store/videos.ts';
import { assignAffiliations } from './assign.ts';

/** A run's affiliations as the analyst sees them: through track edits, corrections, the rink. */
export function runAffiliations(store: StoreContext, runId: string): RunAffiliations {
  const run = getRun(store, runId);
  const video = getVideo(store, run.videoId);
  // The size cue reads a few stored frames of the tracks that stand still (the chunk index
  // finds each by pts); once per frame however many tracks look at it.
  const frames = new Map<number, readonly TrackedDetection[]>();
  const boxesAt = (frameIndex: number, pts: number) => {
    let boxes = frames.get(frameIndex);
    if (!boxes) {
      boxes = readDetections(store, runId, pts, pts).find((f) => f.index === frameIndex)?.boxes ?? [];
      frames.set(frameIndex, boxes);
    }
    return boxes;
  };
  const { tracks, colours } = assignAffiliations({
    samples: readJerseySamples(store.db, runId),
    resolveId: createTrackIdResolver(store, runId),
    corrections: listAffiliationCorrections(store.db, runId),
    rink: getRinkRegion(store.db, video.id),
    boxesAt,
    frameSize: { width: video.probe.width, height: video.probe.height },
  });
  return {
    runId,
    tracks,
    colours,
    homeGroup: getHomeJersey(store.db, video.gameId),
    sampled: hasJerseySamples(store.db, runId),
  };
}
