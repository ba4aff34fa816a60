import { useEffect, useState } from 'react';
import type { Video } from '../../../electron/contract/index.ts';
import { formatBytes, formatEta, formatRate, percentDone } from '../lib/progress.ts';
import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';

/**
 * "Upload to the team" for one video: never automatic; while it runs, n %, speed and ETA with
 * Pause and Cancel; paused or failed, where it stopped with Resume or Retry (both continue from
 * the parts already sent); an optional bandwidth limit.
 */
export function TeamUpload({ video }: { video: Video }) {
  const { status, job, loadUploadStatus, uploadVideo, pauseUpload, cancelUpload } = useApp((s) => ({
    status: s.uploads[video.id],
    job: Object.values(s.jobs).find((j) => j.kind === 'upload' && j.subjectId === video.id) ?? null,
    loadUploadStatus: s.loadUploadStatus,
    uploadVideo: s.uploadVideo,
    pauseUpload: s.pauseUpload,
    cancelUpload: s.cancelUpload,
  }));
  const [limit, setLimit] = useState('');
  useEffect(() => {
    void loadUploadStatus(video.id);
  }, [video.id, loadUploadStatus]);
  // A teammate's video that is not downloaded has no file here to send.
  if (!video.path) return null;
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
