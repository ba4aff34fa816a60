import { useApp } from '../store/useApp.ts';
import { JobProgressBar } from './JobProgressBar.tsx';

/**
 * Every running job except the player's own fix job (the player shows that one). Jobs of other
 * games stay visible on purpose: an import keeps running when the analyst switches game.
 */
export function JobList() {
  const { jobs, jobLabels, fixJobId } = useApp((s) => ({ jobs: s.jobs, jobLabels: s.jobLabels, fixJobId: s.fixJobId }));
  const running = Object.values(jobs).filter((job) => job.jobId !== fixJobId);
  if (running.length === 0) return null;
  return (
    <section className="job-list" aria-label="Running jobs">
      {running.map((job) => (
        <JobProgressBar key={job.jobId} job={job} label={jobLabels[job.jobId]} />
      ))}
    </section>
  );
}
