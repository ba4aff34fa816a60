import { mbpsToBytesPerSecond, type UploadStatus } from '../../contract/team-files.ts';
import { AppFailure, toAppError } from '../../contract/errors.ts';
import type { EngineContext, HandlerGroup } from '../context.ts';
import { getRun, listRuns } from '../store/analysis-runs.ts';
import { storedFrameCount } from '../store/detections.ts';
import { autoUploadEnabled, setAutoUploadEnabled, videosToUploadAutomatically } from '../store/auto-upload.ts';
import { acknowledgedParts, latestUploadFor, type UploadTargetKind } from '../store/uploads.ts';
import { getVideo } from '../store/videos.ts';
import { gatewayFor } from '../sync/team-storage-access.ts';
import { downloadResults, downloadVideo, uploadResults, uploadVideo } from '../sync/team-files.ts';
import type { UploadControl } from '../sync/upload/upload-file.ts';

/**
 * Videos and results objects to and from the team's storage, each a job with progress and cancel;
 * `uploadDueVideos` is what the team sync calls after each sync when the analyst turned on
 * "Upload videos of shared games automatically".
 */
export function teamFileHandlers(ctx: EngineContext) {
  const { store, jobs, config } = ctx;
  /** Running uploads by target, with the switch that makes a cancel a pause. */
  const running = new Map<string, { jobId: string; control: UploadControl }>();
  const key = (kind: UploadTargetKind, id: string) => `${kind}:${id}`;

  function startUpload(
    kind: UploadTargetKind,
    id: string,
    gameId: string,
    limitMbps: number | undefined,
  ): { jobId: string } {
    if (running.has(key(kind, id))) throw new AppFailure('conflict', 'That upload is already running.');
    // Checked before the job starts, so "sign in first" is the command's answer, not a failed job.
    const gateway = gatewayFor(ctx.teamStorage);
    const deps = { store, gateway, dataDir: config.dataDir };
    const settings = { bandwidthBytesPerS: mbpsToBytesPerSecond(limitMbps) };
    const control: UploadControl = { paused: false };
    const jobId = jobs.start('upload', id, async (job) => {
      try {
        if (kind === 'results') return await uploadResults(deps, id, settings, job, control);
        const sent = await uploadVideo(deps, id, settings, job, control);
        // The video's finished analyses go with it, so a teammate gets the overlay too.
        for (const run of listRuns(store, id)) {
          if (run.status === 'done' && storedFrameCount(store.db, run.id) > 0) {
            await uploadResults(deps, run.id, settings, job, control);
          }
        }
        return sent;
      } finally {
        running.delete(key(kind, id));
        ctx.changed(gameId);
      }
    });
    running.set(key(kind, id), { jobId, control });
    return { jobId };
  }

  function stopUpload(kind: UploadTargetKind, id: string, pause: boolean): void {
    const job = running.get(key(kind, id));
    if (!job) throw new AppFailure('conflict', 'That upload is not running.');
    job.control.paused = pause;
    jobs.cancel(job.jobId);
  }

  function status(kind: UploadTargetKind, id: string): UploadStatus | null {
    const row = latestUploadFor(store.db, kind, id);
    if (!row) return null;
    const parts = acknowledgedParts(store.db, row.id);
    return {
      state: row.status,
      doneBytes: row.status === 'done' ? row.sizeBytes : parts.reduce((n, p) => n + p.sizeBytes, 0),
      totalBytes: row.sizeBytes,
      partsDone: row.status === 'done' ? row.partCount : parts.length,
      partCount: row.partCount,
      error: row.error,
      jobId: running.get(key(kind, id))?.jobId ?? null,
      updatedAt: row.updatedAt,
    };
  }

  const gameOfRun = (runId: string) => getVideo(store, getRun(store, runId).videoId).gameId;

  /** Each video is tried once per engine run: a refusal (quota, no sign-in) waits for the analyst's Retry. */
  const triedAutomatically = new Set<string>();
  function uploadDueVideos(): void {
    if (!autoUploadEnabled(store.db)) return;
    for (const { videoId, gameId } of videosToUploadAutomatically(store.db, store.deviceId)) {
      if (triedAutomatically.has(videoId) || running.has(key('video', videoId))) continue;
      triedAutomatically.add(videoId);
      try {
        startUpload('video', videoId, gameId, undefined);
        ctx.log.info('uploading a shared game’s video automatically', { videoId });
      } catch (error) {
        ctx.log.warn('the automatic upload could not start', { videoId, error: toAppError(error).message });
      }
    }
  }

  const handlers = {
    'videos.autoUploadSetting': () => ({ enabled: autoUploadEnabled(store.db) }),
    'videos.setAutoUpload': (args) => {
      setAutoUploadEnabled(store.db, args.enabled);
      // Turned on: what is already shared and synced goes now, not at the next sync.
      if (args.enabled) uploadDueVideos();
      return { enabled: args.enabled };
    },
    'videos.upload': (args) => startUpload('video', args.videoId, getVideo(store, args.videoId).gameId, args.limitMbps),
    'videos.pauseUpload': (args) => stopUpload('video', args.videoId, true),
    'videos.cancelUpload': (args) => stopUpload('video', args.videoId, false),
    'videos.uploadStatus': (args) => {
      getVideo(store, args.videoId);
      return status('video', args.videoId);
    },
    'videos.download': (args) => {
      const video = getVideo(store, args.videoId);
      const gateway = gatewayFor(ctx.teamStorage);
      const settings = { bandwidthBytesPerS: mbpsToBytesPerSecond(args.limitMbps) };
      return {
        jobId: jobs.start('download', video.id, async (job) => {
          const deps = { store, gateway, dataDir: config.dataDir };
          const got = await downloadVideo(deps, video.id, settings, job);
          // The teammate's finished runs come with it, so the overlay shows as it did for them.
          for (const run of listRuns(store, video.id)) {
            if (run.status !== 'done' || storedFrameCount(store.db, run.id) > 0) continue;
            try {
              await downloadResults(deps, run.id, settings, job);
            } catch (error) {
              if (toAppError(error).kind !== 'not-found') throw error;
              job.log.info('no results object for this run on the team storage', { runId: run.id });
            }
          }
          ctx.changed(video.gameId);
          return got;
        }),
      };
    },
    'analysis.uploadResults': (args) => {
      const run = getRun(store, args.runId);
      if (run.status !== 'done') throw new AppFailure('conflict', 'Only a finished analysis can be sent to the team.');
      return startUpload('results', run.id, gameOfRun(run.id), args.limitMbps);
    },
    'analysis.downloadResults': (args) => {
      const gameId = gameOfRun(args.runId);
      const gateway = gatewayFor(ctx.teamStorage);
      const settings = { bandwidthBytesPerS: mbpsToBytesPerSecond(args.limitMbps) };
      return {
        jobId: jobs.start('download', args.runId, async (job) => {
          const got = await downloadResults({ store, gateway, dataDir: config.dataDir }, args.runId, settings, job);
          ctx.changed(gameId);
          return got;
        }),
      };
    },
  } satisfies HandlerGroup;
  return { handlers, uploadDueVideos };
}
