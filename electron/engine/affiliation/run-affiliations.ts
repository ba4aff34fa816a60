import type { RunAffiliations } from '../../contract/affiliation.ts';
import { getRun } from '../store/analysis-runs.ts';
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
  const { tracks, colours } = assignAffiliations({
    samples: readJerseySamples(store.db, runId),
    resolveId: createTrackIdResolver(store, runId),
    corrections: listAffiliationCorrections(store.db, runId),
    rink: getRinkRegion(store.db, video.id),
  });
  return {
    runId,
    tracks,
    colours,
    homeGroup: getHomeJersey(store.db, video.gameId),
    sampled: hasJerseySamples(store.db, runId),
  };
}
