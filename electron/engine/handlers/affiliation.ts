import { AppFailure } from '../../contract/errors.ts';
import { runAffiliations } from '../affiliation/run-affiliations.ts';
import { resampleJerseys } from '../affiliation/resample.ts';
import { strideFor } from '../analysis/pipeline.ts';
import type { EngineContext, HandlerGroup } from '../context.ts';
import { createModelCatalog } from '../detect/model-catalog.ts';
import {
  getRinkRegion,
  replaceJerseySamples,
  setAffiliationCorrection,
  setHomeJersey,
  setRinkRegion,
} from '../store/affiliation.ts';
import { getRun } from '../store/analysis-runs.ts';
import { allDetections } from '../store/detections.ts';
import { getVideo } from '../store/videos.ts';
import { importedVideoPath } from '../media-server/library-media.ts';

/** Team affiliation: read through the analyst's track edits and corrections; sampling on demand. */
export function affiliationHandlers(ctx: EngineContext) {
  const { store, jobs, config } = ctx;
  const models = createModelCatalog(store, config.modelsDir);
  const sampling = new Map<string, string>(); // runId → jobId

  const affiliations = (runId: string) => runAffiliations(store, runId);

  return {
    'tracks.affiliations': (args) => affiliations(args.runId),
    'tracks.setAffiliation': (args) => {
      const run = getRun(store, args.runId);
      setAffiliationCorrection(store, args.runId, args.trackId, args.affiliation);
      ctx.changed(getVideo(store, run.videoId).gameId);
      const track = affiliations(args.runId).tracks.find((t) => t.trackId === args.trackId);
      if (!track) throw new AppFailure('not-found', `Track ${args.trackId} has no jersey samples in this run.`);
      return track;
    },
    'tracks.sampleJerseys': async (args) => {
      const run = getRun(store, args.runId);
      if (run.status !== 'done') throw new AppFailure('conflict', 'Jerseys are sampled once the analysis is complete.');
      if (sampling.has(run.id)) throw new AppFailure('conflict', 'The jerseys of that run are already being sampled.');
      const video = getVideo(store, run.videoId);
      await importedVideoPath(store, video);
      if (sampling.has(run.id)) throw new AppFailure('conflict', 'The jerseys of that run are already being sampled.');
      const jobId = jobs.start('jerseys', run.id, async (job) => {
        try {
          const videoPath = await importedVideoPath(store, video);
          const model = await models.resolve(run.options.modelId);
          const ffmpeg = (await ctx.tools.one('ffmpeg')).path;
          const stride = strideFor(video.probe, run.options);
          const total = run.framesDone;
          const rows = await resampleJerseys({
            ffmpeg,
            videoPath,
            probe: video.probe,
            manifest: model.manifest,
            stride,
            frames: allDetections(store.db, run.id),
            signal: job.signal,
            log: job.log,
            onProgress: (done) => job.progress({ done, total, stage: 'Sampling jerseys' }),
          });
          replaceJerseySamples(store.db, run.id, rows);
          ctx.changed(video.gameId);
          return { samples: rows.length };
        } finally {
          sampling.delete(run.id);
        }
      });
      sampling.set(run.id, jobId);
      return { jobId };
    },
    'games.setHomeJersey': (args) => {
      setHomeJersey(store, args.gameId, args.homeGroup);
      ctx.changed(args.gameId);
    },
    'videos.rinkRegion': (args) => {
      getVideo(store, args.videoId);
      return getRinkRegion(store.db, args.videoId);
    },
    'videos.setRinkRegion': (args) => {
      const video = getVideo(store, args.videoId);
      setRinkRegion(store, args.videoId, args.points);
      ctx.changed(video.gameId);
    },
  } satisfies HandlerGroup;
}
