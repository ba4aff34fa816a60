import { useEffect, useState } from 'react';
import type { Video } from '../../../electron/contract/index.ts';
import { formatBytes, formatEta, formatRate, percentDone } from '../lib/progress.ts';
import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';

/**
 * "Upload to the team" for one video (on its own only with the Cloud panel's setting); while it
 * runs, n %, speed and ETA with Pause and Cancel; paused or failed, where it stopped with Resume or Retry (both continue from
 * the parts already sent); an optional bandwidth limit. A teammate's video (no file here) offers
 * "Download from the team" instead.
 */
export function TeamUpload({ video }: { video: Video }) {
  const { status, jobsOf, loadUploadStatus, uploadVideo, pauseUpload, cancelUpload, downloadVideo } = useApp((s) => ({
    status: s.uploads[video.id],
    jobsOf: s.jobs,
    downloadVideo: s.downloadVideo,
    loadUploadStatus: s.loadUploadStatus,
    uploadVideo: s.uploadVideo,
    pauseUpload: s.pauseUpload,
    cancelUpload: s.cancelUpload,
  }));
  const [limit, setLimit] = useState('');
  useEffect(() => {
    if (video.path) void loadUploadStatus(video.id);
  }, [video.id, video.path, loadUploadStatus]);
  const job = Object.values(jobsOf).find((j) => j.kind === 'upload' && j.subjectId === video.id) ?? null;
  const download = Object.values(jobsOf).find((j) => j.kind === 'download' && j.subjectId === video.id) ?? null;
  // A teammate's video: no file here yet, so the choice is to fetch it.
  if (!video.path) {
    if (download) {
      const percent = percentDone(download.done, download.total);
      const rate = formatRate(download.rate, download.stage);
      return (
        <div className="team-upload" data-testid={TID.teamUpload} data-state="downloading">
          <span data-testid={TID.teamUploadText}>
            Downloading from the team: {percent === null ? '…' : `${percent}%`}
            {rate ? ` · ${rate}` : ''} · {formatEta(download.etaS)}
          </span>
          <progress max={100} value={percent ?? undefined} aria-label={`Download of ${video.fileName}`} />
        </div>
      );
    }
    return (
      <div className="team-upload" data-testid={TID.teamUpload} data-state="remote">
        <span data-testid={TID.teamUploadText}>On a teammate's laptop ({formatBytes(video.sizeBytes)})</span>
        <button type="button" onClick={() => void downloadVideo(video.id)} data-testid={TID.teamDownloadStart}>
          Download from the team
        </button>
      </div>
    );
  }
  const limitMbps = Number(limit) > 0 ? Number(limit) : undefined;
  const start = () => void uploadVideo(video.id, limitMbps);

  if (job) {
    const percent = percentDone(job.done, job.total);
    const rate = formatRate(job.rate, job.stage);
    return (
      <div className="team-upload" data-testid={TID.teamUpload} data-state="running">
        <span data-testid={TID.teamUploadText}>
          {job.stage === 'hashing' ? 'Checking the file' : 'Uploading to the team'}:{' '}
          {percent === null ? '…' : `${percent}%`}
          {rate ? ` · ${rate}` : ''} · {formatEta(job.etaS)}
        </span>
        <progress max={100} value={percent ?? undefined} aria-label={`Upload of ${video.fileName}`} />
        <button type="button" onClick={() => void pauseUpload(video.id)} data-testid={TID.teamUploadPause}>
          Pause
        </button>
        <button type="button" onClick={() => void cancelUpload(video.id)} data-testid={TID.teamUploadCancel}>
          Cancel
        </button>
      </div>
    );
  }

  const limitField = (
    <label className="team-upload__limit">
      Limit (Mbit/s)
      <input
        type="number"
        min={0}
        step="any"
        inputMode="decimal"
        placeholder="none"
        value={limit}
        onChange={(e) => setLimit(e.target.value)}
        data-testid={TID.teamUploadLimit}
      />
    </label>
  );
  const where =
    status && status.totalBytes > 0
      ? `${percentDone(status.doneBytes, status.totalBytes) ?? 0}% of ${formatBytes(status.totalBytes)}`
      : '';

  if (status?.state === 'done') {
    return (
      <div className="team-upload" data-testid={TID.teamUpload} data-state="done">
        <span data-testid={TID.teamUploadText}>On the team's storage ({formatBytes(status.totalBytes)})</span>
      </div>
    );
  }
  if (status?.state === 'failed') {
    return (
      <div className="team-upload team-upload--failed" data-testid={TID.teamUpload} data-state="failed">
        <span data-testid={TID.teamUploadText}>
          Upload stopped at {where}: {status.error?.message ?? 'it failed'}
        </span>
        {limitField}
        <button type="button" onClick={start} data-testid={TID.teamUploadStart}>
          Retry
        </button>
      </div>
    );
  }
  if (status?.state === 'paused' || status?.state === 'uploading') {
    return (
      <div className="team-upload" data-testid={TID.teamUpload} data-state="paused">
        <span data-testid={TID.teamUploadText}>Upload paused at {where}</span>
        {limitField}
        <button type="button" onClick={start} data-testid={TID.teamUploadStart}>
          Resume
        </button>
      </div>
    );
  }
  return (
    <div className="team-upload" data-testid={TID.teamUpload} data-state="none">
      {limitField}
      <button type="button" onClick={start} data-testid={TID.teamUploadStart}>
        Upload to the team
      </button>
    </div>
  );
}
