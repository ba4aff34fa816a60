import { stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { AppFailure } from '../../contract/errors.ts';
import type { Video } from '../../contract/domain.ts';
import type { StorageTarget } from '../../contract/gateway.ts';
import type { JobContext } from '../jobs/runner.ts';
import { identityOf } from '../media/file-identity.ts';
import type { StoreContext } from '../store/games.ts';
import { openUploadFor } from '../store/uploads.ts';
import { attachLocalFile, getVideo, videoFileIdentity } from '../store/videos.ts';
import { downloadObject, type DownloadOutcome, type DownloadSettings } from './download/download-object.ts';
import type { StorageGateway } from './gateway-client.ts';
import { importResultsObject, writeResultsObject } from './results/results-object.ts';
import { uploadFile, type UploadControl, type UploadOutcome, type UploadSettings } from './upload/upload-file.ts';

/**
 * A game's files and the team's storage: a video or a finished run's results object goes up
 * (resumable, content-addressed), and comes down on a teammate's laptop into the library, where
 * it is played and scrubbed like an imported one. Files live in the library's data folder:
 * `results/<run id>.rkdt` (results objects, written to upload or downloaded to import) and
 * `team-videos/<sha256>.<ext>` (videos downloaded from the team).
 */
export interface TeamFilesDeps {
  store: StoreContext;
  gateway: StorageGateway;
  dataDir: string;
}

export const resultsPath = (dataDir: string, runId: string): string => join(dataDir, 'results', `${runId}.rkdt`);

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export async function uploadVideo(
  deps: TeamFilesDeps,
  videoId: string,
  settings: UploadSettings,
  job: JobContext,
  control?: UploadControl,
): Promise<UploadOutcome> {
  const video = getVideo(deps.store, videoId);
  if (!video.path) throw new AppFailure('not-found', 'This video has no file on this laptop: download it first.');
  return uploadFile(
    { db: deps.store.db, gateway: deps.gateway },
    {
      target: { kind: 'video', videoId },
      filePath: video.path,
      known: { sha256: video.sha256, identity: videoFileIdentity(deps.store, videoId) },
    },
    settings,
    job,
    control,
  );
}

export async function uploadResults(
  deps: TeamFilesDeps,
  runId: string,
  settings: UploadSettings,
  job: JobContext,
  control?: UploadControl,
): Promise<UploadOutcome> {
  const path = resultsPath(deps.dataDir, runId);
  const open = openUploadFor(deps.store.db, 'results', runId);
  // An unfinished upload resumes with the file it hashed (the upload checks it is unchanged);
  // otherwise the object is written afresh from the library's rows.
  let known: { sha256: string; identity: ReturnType<typeof identityOf> } | null = null;
  if (!(open && open.filePath === path && (await exists(path)))) {
    job.progress({ done: 0, total: 0, stage: 'writing results' });
    const written = await writeResultsObject(deps.store, runId, path);
    known = { sha256: written.sha256, identity: identityOf(await stat(path, { bigint: true })) };
  }
  return uploadFile(
    { db: deps.store.db, gateway: deps.gateway },
    { target: { kind: 'results', runId }, filePath: path, known },
    settings,
    job,
    control,
  );
}

function signer(gateway: StorageGateway, target: StorageTarget) {
  return (signal: AbortSignal) => gateway.signDownload({ target }, signal);
}

/** Downloads a teammate's video into the library; afterwards it plays from this laptop's disk. */
export async function downloadVideo(
  deps: TeamFilesDeps,
  videoId: string,
  settings: DownloadSettings,
  job: JobContext,
): Promise<Video & { download: DownloadOutcome }> {
  const video = getVideo(deps.store, videoId);
  const sign = signer(deps.gateway, { kind: 'video', videoId });
  const extension = extname(video.fileName) || '.mp4';
  const path = join(deps.dataDir, 'team-videos', `${video.sha256}${extension}`);
  const outcome = await downloadObject(
    async (signal) => {
      const signed = await sign(signal);
      if (signed.sha256 !== video.sha256) {
        throw new AppFailure(
          'cloud-error',
          "The team's stored file is not this video (another SHA-256).",
          signed.sha256,
        );
      }
      return signed;
    },
    path,
    settings,
    job,
  );
  const attached = attachLocalFile(deps.store, videoId, path, identityOf(await stat(path, { bigint: true })));
  return { ...attached, download: outcome };
}

/** Downloads a run's results object and stores it as the run's detections. */
export async function downloadResults(
  deps: TeamFilesDeps,
  runId: string,
  settings: DownloadSettings,
  job: JobContext,
): Promise<{ frames: number; chunks: number; download: DownloadOutcome }> {
  const path = resultsPath(deps.dataDir, runId);
  const outcome = await downloadObject(signer(deps.gateway, { kind: 'results', runId }), path, settings, job);
  job.progress({ done: outcome.sizeBytes, total: outcome.sizeBytes, stage: 'importing' });
  return { ...(await importResultsObject(deps.store, runId, path)), download: outcome };
}
