import {
  cpuOnlyNote,
  providerNativeText,
  type AnalysisRun,
  type JobProgress,
} from '../../../electron/contract/index.ts';
import { formatEta, percentDone } from '../lib/progress.ts';
import { TID } from '../testids.ts';
import { failedAttempts, isLive, providerShown, statusWording } from './runs.ts';

interface Props {
  run: AnalysisRun;
  progress: JobProgress | null;
  selected: boolean;
  onSelect: () => void;
  onPause: () => void;
  onResume: () => void;
  onCancel: () => void;
}

/** One analysis run: status, live progress, provider used, why a provider failed. */
export function RunItem({ run, progress, selected, onSelect, onPause, onResume, onCancel }: Props) {
  const done = progress && progress.total > 0 ? progress.done : run.framesDone;
  const total = progress && progress.total > 0 ? progress.total : run.framesTotal;
  const percent = percentDone(done, total);
  const provider = providerShown(run, progress);
  const calm = cpuOnlyNote(run.options.ep, run.provider, run.providerAttempts);
  // Where CPU is all this machine has, the GPU attempts are not failures worth a notice.
  const failures = calm ? [] : failedAttempts(run);
  const live = isLive(run) || progress !== null;
  return (
    <li
      className={`run${selected ? ' run--selected' : ''}`}
      data-testid={TID.analysisRun}
      data-status={run.status}
      data-run-id={run.id}
    >
      <div className="run__line">
        <button
          type="button"
          className="run__pick"
          aria-pressed={selected}
          onClick={onSelect}
          title="Show this run's boxes"
        >
          {run.modelName}
        </button>
        <span className={`run__status run__status--${run.status}`}>{statusWording(run)}</span>
        {provider ? (
          <span className="badge" data-testid={TID.analysisProvider} title="Execution provider that ran the model">
            {provider}
          </span>
        ) : null}
        <span className="run__actions">
          {live ? (
            <button type="button" onClick={onPause} data-testid={TID.analysisPause}>
              Pause
            </button>
          ) : null}
          {run.status === 'paused' || (run.status === 'failed' && run.error?.kind === 'internal') ? (
            <button type="button" onClick={onResume} data-testid={TID.analysisResume}>
              Resume
            </button>
          ) : null}
          {live || run.status === 'paused' ? (
            <button type="button" onClick={onCancel} data-testid={TID.analysisCancel}>
              Cancel
            </button>
          ) : null}
        </span>
      </div>
      {live || run.status === 'paused' ? (
        <div className="run__progress" data-testid={TID.analysisProgress}>
          <progress max={100} value={percent ?? undefined} aria-label="Analysis progress" />
          <span className="run__numbers">
            {done} / {total} frames
            {progress && progress.rate > 0 ? ` · ${progress.rate.toFixed(1)} frames/s` : ''}
            {progress ? ` · ${formatEta(progress.etaS)}` : ''}
          </span>
        </div>
      ) : (
        <div className="run__numbers muted">
          {run.framesDone} / {run.framesTotal} frames · {new Date(run.createdAt).toLocaleString()}
        </div>
      )}
      {run.status === 'failed' && run.error ? <p className="run__error">{run.error.message}</p> : null}
      {calm ? (
        <details className="run__provider-note" data-testid={TID.analysisProviderNote}>
          <summary>{calm}</summary>
          <pre>{providerNativeText(run.providerAttempts) || 'No native text was captured.'}</pre>
        </details>
      ) : null}
      {failures.map((attempt) => (
        <details key={attempt.ep} className="run__provider-failure">
          <summary>
            {attempt.ep.toUpperCase()} could not be used
            {run.provider ? `; ran on ${run.provider.toUpperCase()}` : ''}: {attempt.error ?? 'failed'}
          </summary>
          <pre>{attempt.nativeStderr?.trim() || attempt.error || 'No native error text was captured.'}</pre>
        </details>
      ))}
    </li>
  );
}
