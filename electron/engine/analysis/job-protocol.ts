import type { AnalysisOptions, ProviderAttempt } from '../../contract/analysis.ts';
import type { VideoProbe } from '../../contract/domain.ts';
import type { AppError } from '../../contract/errors.ts';

export interface AnalysisJobSpec {
  dbPath: string;
  runId: string;
  videoPath: string;
  probe: VideoProbe;
  modelPath: string;
  options: AnalysisOptions;
  ffmpeg: string;
  deviceId: string;
  chunkFrames?: number;
  /** The inference thread's script; the TypeScript source when unset (plain Node). */
  inferenceWorkerEntry?: string;
  /** The GPU provider probe's script; the TypeScript source when unset (plain Node). */
  providerProbeEntry?: string;
}

export type ToAnalysisJob = { type: 'run'; spec: AnalysisJobSpec };

export type FromAnalysisJob =
  | { type: 'provider'; provider: string; attempts: ProviderAttempt[] }
  | { type: 'progress'; framesDone: number; framesTotal: number }
  | { type: 'done'; framesDone: number; provider: string; resumedFrom: number }
  | { type: 'failed'; error: AppError };
