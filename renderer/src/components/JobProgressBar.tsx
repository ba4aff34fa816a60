import type { JobProgress } from '../../../electron/contract/index.ts';
import { formatEta, formatRate, percentDone } from '../lib/progress.ts';
import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';

export function JobProgressBar({ job, label }: { job: JobProgress; label?: string | undefined }) {
  const { cancelJob } = useApp((s) => ({ cancelJob: s.cancelJob }));
  const percent = percentDone(job.done, job.total);
  const rate = formatRate(job.rate, job.stage);
  return (
    <div className="job" data-testid={TID.jobProgress} data-job-id={job.jobId} data-stage={job.stage}>
      <div className="job__line">
        <span className="job__label">{label ?? job.kind}</span>
        <span className="job__stage">{job.stage}</span>
        <span className="job__numbers">
          {percent === null ? '…' : `${percent}%`}
          {rate ? ` · ${rate}` : ''} · {formatEta(job.etaS)}
        </span>
        <button
          type="button"
          className="job__cancel"
          onClick={() => void cancelJob(job.jobId)}
          data-testid={TID.jobCancel}
        >
          Cancel
        </button>
      </div>
      {/* Without a total the bar is indeterminate (no value), which the browser animates. */}
      <progress max={100} value={percent ?? undefined} aria-label={`${label ?? job.kind} progress`} />
    </div>
  );
}
