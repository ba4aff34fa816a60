import { join } from 'node:path';
import type { AnalysisOptions } from '../../contract/analysis.ts';
import { AppFailure } from '../../contract/errors.ts';
import { detectionsWindowBuffer } from '../detections/window.ts';
import { createRun, getRun, listRuns, markInterruptedRuns, setRunStatus } from '../store/analysis-runs.ts';
import { listTrackSummaries, readDetections, summarizeTracks } from '../store/detections.ts';
import { createTrackIdResolver, listTrackEdits, listTrackLinks } from '../store/track-edits.ts';
import { getVideo } from '../store/videos.ts';
import { importedVideoPath } from '../media-server/library-media.ts';
import { analysisJobSourceEntry, runAnalysisProcess } from '../analysis/analysis-process.ts';
import type { EngineContext, HandlerGroup } from '../context.ts';
import { createModelCatalog } from '../detect/model-catalog.ts';

const MAX_RESTARTS = 3;

/** Analysis runs: each a job whose work is a child process; restarted (resuming) if it dies. */
export function analysisHandlers(ctx: EngineContext) {
  const { store, jobs, config, log } = ctx;
  const models = createModelCatalog(store, config.modelsDir);
  const running = new Map<string, string>(); // runId → jobId
  const pausing = new Set<string>();
  const interrupted = markInterruptedRuns(store);
  if (interrupted > 0) log.info('runs interrupted by the last exit are paused', { interrupted });

  function startJob(runId: string): string {
    const run = getRun(store, runId);
    const video = getVideo(store, run.videoId);
    const jobId = jobs.start('analysis', run.id, async (job) => {
      const model = await models.resolve(run.options.modelId);
      const ffmpeg = (await ctx.tools.one('ffmpeg')).path;
      let stage = 'starting';
      for (let attempt = 0; ; attempt++) {
        // Each start and restart reads the file the library imported, or none.
        const videoPath = await importedVideoPath(store, video);
        const outcome = await runAnalysisProcess(
          ctx.launcher,
          config.analysisJobEntry ?? analysisJobSourceEntry,
          {
            dbPath: join(config.dataDir, 'library.sqlite'),
            runId,
            videoPath,
            probe: video.probe,
            modelPath: model.path,
            options: run.options,
            ffmpeg,
            deviceId: store.deviceId,
            ...(config.inferenceWorkerEntry ? { inferenceWorkerEntry: config.inferenceWorkerEntry } : {}),
            ...(config.providerProbeEntry ? { providerProbeEntry: config.providerProbeEntry } : {}),
          },
          {
            signal: job.signal,
            log: job.log,
            onMessage: (message) => {
              if (message.type === 'provider') stage = `analysing on ${message.provider.toUpperCase()}`;
              if (message.type === 'progress')
                job.progress({ done: message.framesDone, total: message.framesTotal, stage });
              if (message.type === 'provider') ctx.changed(video.gameId);
            },
          },
        );
        if (outcome.kind === 'done') return { runId, framesDone: outcome.framesDone, provider: outcome.provider };
        if (outcome.kind === 'failed')
          throw new AppFailure(outcome.error.kind, outcome.error.message, outcome.error.detail);
        if (job.signal.aborted) throw new AppFailure('cancelled', 'Cancelled');
        if (attempt >= MAX_RESTARTS) {
          throw new AppFailure(
            'internal',
            `The analysis process stopped ${attempt + 1} times; paused it.`,
            `last exit: code ${outcome.code}, signal ${outcome.signal}`,
          );
        }
        job.log.warn('analysis process died; restarting it from the last committed chunk', {
          code: outcome.code,
          signal: outcome.signal,
        });
      }
    });
    running.set(runId, jobId);
    void jobs.finished(jobId).then((finished) => {
      running.delete(runId);
      const wasPausing = pausing.delete(runId);
      if (finished.outcome === 'cancelled') setRunStatus(store, runId, wasPausing ? 'paused' : 'cancelled');
      else if (finished.outcome === 'failed') {
        const current = getRun(store, runId);
        // A process that kept dying, or a video file to re-link, is resumable: paused, with the reason kept.
        const resumable = finished.error.kind === 'internal' || finished.error.kind === 'media-changed';
        if (current.status !== 'failed') setRunStatus(store, runId, resumable ? 'paused' : 'failed', finished.error);
      }
      ctx.changed(video.gameId);
    });
    return jobId;
  }

  return {
    'models.list': () => models.list(),
    'models.add': (args) => models.add(args.path),
    'analysis.start': async (args) => {
      const video = getVideo(store, args.videoId);
      // Refused before a run is made: the file must be the one imported.
      await importedVideoPath(store, video);
      const options = args.options as AnalysisOptions;
      const model = await models.resolve(options.modelId);
      const run = createRun(store, {
        videoId: video.id,
        modelName: model.manifest.name,
        modelSha256: model.sha256,
        options: { ...options, modelId: model.sha256 },
        framesTotal: video.probe.frameCount,
      });
      ctx.changed(video.gameId);
      return { runId: run.id, jobId: startJob(run.id) };
    },
    'analysis.list': (args) => listRuns(store, args.videoId),
    'analysis.pause': (args) => {
      const jobId = running.get(args.runId);
      if (!jobId) throw new AppFailure('conflict', 'That analysis is not running.');
      pausing.add(args.runId);
      jobs.cancel(jobId);
    },
    'analysis.cancel': (args) => {
      const jobId = running.get(args.runId);
      if (jobId) return jobs.cancel(jobId);
      const run = getRun(store, args.runId);
      if (run.status === 'done') throw new AppFailure('conflict', 'That analysis is already complete.');
      setRunStatus(store, args.runId, 'cancelled');
      ctx.changed(getVideo(store, run.videoId).gameId);
    },
    'analysis.resume': async (args) => {
      if (running.has(args.runId)) throw new AppFailure('conflict', 'That analysis is already running.');
      const run = getRun(store, args.runId);
      if (run.status === 'done') throw new AppFailure('conflict', 'That analysis is already complete.');
      await importedVideoPath(store, getVideo(store, run.videoId));
      if (running.has(args.runId)) throw new AppFailure('conflict', 'That analysis is already running.');
      return { runId: run.id, jobId: startJob(run.id) };
    },
    // The analyst's merges and splits apply to what is shown; the stored detections stay as analysed.
    'detections.window': (args) => {
      const resolveId = createTrackIdResolver(store, args.runId);
      const frames = readDetections(store, args.runId, args.fromS, args.toS);
      for (const frame of frames) {
        for (const box of frame.boxes) if (box.trackId >= 0) box.trackId = resolveId(box.trackId, frame.index);
      }
      return detectionsWindowBuffer(frames, args.fromS, args.toS);
    },
    'tracks.list': (args) => {
      const links = listTrackLinks(store, args.runId);
      // After merges or splits the stored summaries no longer match what the analyst sees:
      // summarise again through the edits (a scan of the run, only when there are edits).
      const summaries =
        listTrackEdits(store, args.runId).length === 0
          ? listTrackSummaries(store.db, args.runId)
          : summarizeTracks(store.db, args.runId, createTrackIdResolver(store, args.runId));
      return summaries.map((t) => ({ ...t, playerId: links.get(t.trackId) ?? null }));
    },
  } satisfies HandlerGroup;
}
