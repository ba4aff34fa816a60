import type { Video } from '../../../electron/contract/index.ts';
import { fixFor } from '../lib/codecMime.ts';
import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';
import { JobProgressBar } from './JobProgressBar.tsx';

/** "Can't be played here" with the one fix that helps: remux (MPEG-TS) or an H.264 proxy. */
export function PlayabilityNotice({ video }: { video: Video }) {
  const { reason, fixJob, fixJobId, jobLabels, makePlayable } = useApp((s) => ({
    reason: s.playabilityReason,
    fixJobId: s.fixJobId,
    fixJob: s.fixJobId ? s.jobs[s.fixJobId] : undefined,
    jobLabels: s.jobLabels,
    makePlayable: s.makePlayable,
  }));
  const fix = fixFor(video.probe.container);
  return (
    <div className="unplayable" role="status" data-testid={TID.unplayable}>
      <h3>This file can't be played here</h3>
      {reason ? <p className="muted">{reason}</p> : null}
      <p>
        {fix === 'remux'
          ? 'Rinkside can rewrap it into an MP4 without re-encoding (fast, same picture).'
          : 'Rinkside can make an H.264 playable copy for viewing.'}{' '}
        The original file stays the reference for analysis and export.
      </p>
      {fixJobId ? (
        fixJob ? (
          <JobProgressBar job={fixJob} label={jobLabels[fixJob.jobId]} />
        ) : (
          <p className="muted">Starting…</p>
        )
      ) : (
        <button type="button" className="primary" onClick={() => void makePlayable()} data-testid={TID.makePlayable}>
          {fix === 'remux' ? 'Make playable (remux)' : 'Make playable (H.264 copy)'}
        </button>
      )}
    </div>
  );
}
