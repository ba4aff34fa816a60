import { useEffect } from 'react';
import { useApp } from '../store/useApp.ts';
import { AnalysisForm } from './AnalysisForm.tsx';
import { RunItem } from './RunItem.tsx';
import { isLive, progressOf } from './runs.ts';

/** Detect and track players in the open video: start, watch, pause/resume/cancel, pick a run. */
export function AnalysisPanel() {
  const s = useApp((state) => ({
    currentVideoId: state.currentVideoId,
    models: state.models,
    runs: state.runs,
    runsVideoId: state.runsVideoId,
    selectedRunId: state.selectedRunId,
    jobs: state.jobs,
    loadModels: state.loadModels,
    loadRuns: state.loadRuns,
    startAnalysis: state.startAnalysis,
    selectRun: state.selectRun,
    pauseRun: state.pauseRun,
    resumeRun: state.resumeRun,
    cancelRun: state.cancelRun,
  }));
  const { loadModels, loadRuns, currentVideoId } = s;

  useEffect(() => {
    void loadModels();
  }, [loadModels]);
  useEffect(() => {
    void loadRuns();
  }, [loadRuns, currentVideoId]);

  if (!currentVideoId) return null;
  const runs = s.runsVideoId === currentVideoId ? s.runs : [];
  const running = runs.some((run) => isLive(run) || progressOf(s.jobs, run.id) !== null);
  return (
    <section className="analysis-panel" aria-label="Analysis">
      <h3>Detect and track</h3>
      <AnalysisForm models={s.models} disabled={running} onStart={s.startAnalysis} />
      {runs.length === 0 ? (
        <p className="muted">No analysis yet: boxes appear over the video once one runs.</p>
      ) : (
        <ul className="run-list" aria-label="Analysis runs">
          {runs.map((run) => (
            <RunItem
              key={run.id}
              run={run}
              progress={progressOf(s.jobs, run.id)}
              selected={run.id === s.selectedRunId}
              onSelect={() => s.selectRun(run.id)}
              onPause={() => void s.pauseRun(run.id)}
              onResume={() => void s.resumeRun(run.id)}
              onCancel={() => void s.cancelRun(run.id)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
