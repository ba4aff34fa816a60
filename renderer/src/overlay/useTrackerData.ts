import type { Video } from '../../../electron/contract/index.ts';
import { isLive, progressOf } from '../analysis/runs.ts';
import { useApp } from '../store/useApp.ts';
import { useDetections, type Detections } from './useDetections.ts';

export interface TrackerData {
  detections: Detections | null;
  classNames: readonly string[];
  /** Original time = presented time + this (a proxy's clock may start at 0). */
  timeShiftS: number;
}

const NO_CLASSES: string[] = [];

/** The selected run's detections for the open video, shared by the overlay and the timeline. */
export function useTrackerData(video: Video, variant: 'original' | 'proxy'): TrackerData {
  const s = useApp((state) => {
    const run = state.runs.find((r) => r.id === state.selectedRunId && r.videoId === video.id) ?? null;
    return {
      runId: run?.id ?? null,
      live: run ? isLive(run) || progressOf(state.jobs, run.id) !== null : false,
      classNames: (run && state.models.find((m) => m.sha256 === run.modelSha256)?.classes) ?? NO_CLASSES,
      fetchDetectionsWindow: state.fetchDetectionsWindow,
      trackEdits: state.trackEdits,
    };
  });
  const detections = useDetections(s.runId, s.live, video.probe.durationS, s.fetchDetectionsWindow, s.trackEdits);
  return {
    detections,
    classNames: s.classNames,
    timeShiftS: variant === 'proxy' ? video.proxyTimeShiftS : 0,
  };
}
