import { z } from 'zod';
import type { AppError } from './errors.ts';

/**
 * Sending a video or a finished run's results object to the team's storage, and bringing a
 * teammate's down (docs/uploads.md). Progress comes as job.progress events of kind "upload" or
 * "download" (bytes done, total, rate in bytes per second, ETA); the end as job.finished.
 */

/** An optional cap on what a transfer sends or receives, in megabits per second (as networks are sold). */
export const BandwidthLimit = z.number().positive().max(100_000).optional();

export type UploadState = 'uploading' | 'paused' | 'failed' | 'done' | 'cancelled';

export interface UploadStatus {
  state: UploadState;
  /** Bytes the storage has acknowledged (whole parts). */
  doneBytes: number;
  totalBytes: number;
  partsDone: number;
  partCount: number;
  /** Why it failed (offer Retry: starting the upload again resumes it). */
  error: AppError | null;
  /** The running job, if the upload is running now. */
  jobId: string | null;
  updatedAt: string;
}

export const mbpsToBytesPerSecond = (mbps: number | undefined): number | null =>
  mbps === undefined ? null : (mbps * 1e6) / 8;

/** "Upload videos of shared games automatically": off unless the analyst turns it on. */
export interface AutoUploadSetting {
  enabled: boolean;
}
