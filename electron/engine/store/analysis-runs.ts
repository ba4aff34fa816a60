import { randomUUID } from 'node:crypto';
import { AppFailure, type AppError } from '../../contract/errors.ts';
import type { AnalysisOptions, AnalysisRun, AnalysisStatus, ProviderAttempt } from '../../contract/analysis.ts';
import { transaction } from './db.ts';
import type { StoreContext } from './games.ts';
import { recordChange } from './outbox.ts';

interface RunRow {
  id: string;
  video_id: string;
  model_name: string;
  model_sha256: string;
  params_json: string;
  provider: string | null;
  provider_report_json: string | null;
  hw_decode_json: string | null;
  status: AnalysisStatus;
  frames_done: number;
  frames_total: number;
  next_frame: number;
  error_json: string | null;
  created_at: string;
  updated_at: string;
}

function toRun(row: RunRow): AnalysisRun & { nextFrame: number } {
  return {
    id: row.id,
    videoId: row.video_id,
    modelName: row.model_name,
    modelSha256: row.model_sha256,
    options: JSON.parse(row.params_json) as AnalysisOptions,
    provider: row.provider,
    providerAttempts: row.provider_report_json ? (JSON.parse(row.provider_report_json) as ProviderAttempt[]) : [],
    hwDecode: row.hw_decode_json ? (JSON.parse(row.hw_decode_json) as AnalysisRun['hwDecode']) : null,
    status: row.status,
    framesDone: row.frames_done,
    framesTotal: row.frames_total,
    nextFrame: row.next_frame,
    error: row.error_json ? (JSON.parse(row.error_json) as AppError) : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export type StoredRun = ReturnType<typeof toRun>;

export function createRun(
  store: StoreContext,
  input: { videoId: string; modelName: string; modelSha256: string; options: AnalysisOptions; framesTotal: number },
): StoredRun {
  const id = randomUUID();
  const now = store.now();
  transaction(store.db, () => {
    store.db
      .prepare(
        `INSERT INTO analysis_runs (id, video_id, model_name, model_sha256, params_json, status, frames_total,
                                    created_at, updated_at, device_id)
         VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?)`,
      )
      .run(
        id,
        input.videoId,
        input.modelName,
        input.modelSha256,
        JSON.stringify(input.options),
        input.framesTotal,
        now,
        now,
        store.deviceId,
      );
    recordChange(store.db, 'analysis_runs', id, 'upsert', now);
  });
  return getRun(store, id);
}

export function getRun(store: StoreContext, id: string): StoredRun {
  const row = store.db.prepare('SELECT * FROM analysis_runs WHERE id = ? AND deleted = 0').get(id) as
    RunRow | undefined;
  if (!row) throw new AppFailure('not-found', 'That analysis run no longer exists.');
  return toRun(row);
}

export function listRuns(store: StoreContext, videoId: string): StoredRun[] {
  const rows = store.db
    .prepare('SELECT * FROM analysis_runs WHERE video_id = ? AND deleted = 0 ORDER BY created_at DESC')
    .all(videoId) as unknown as RunRow[];
  return rows.map(toRun);
}

export function latestDoneRun(store: StoreContext, videoId: string): StoredRun | null {
  const row = store.db
    .prepare(
      "SELECT * FROM analysis_runs WHERE video_id = ? AND deleted = 0 AND status = 'done' ORDER BY created_at DESC LIMIT 1",
    )
    .get(videoId) as RunRow | undefined;
  return row ? toRun(row) : null;
}

/** Status changes sync (a teammate sees the run finish or fail); the per-chunk progress does not. */
export function setRunStatus(
  store: StoreContext,
  id: string,
  status: AnalysisStatus,
  error: AppError | null = null,
): void {
  const now = store.now();
  transaction(store.db, () => {
    store.db
      .prepare('UPDATE analysis_runs SET status = ?, error_json = ?, updated_at = ?, device_id = ? WHERE id = ?')
      .run(status, error ? JSON.stringify(error) : null, now, store.deviceId, id);
    recordChange(store.db, 'analysis_runs', id, 'upsert', now);
  });
}

export function setRunProvider(
  store: StoreContext,
  id: string,
  provider: string,
  attempts: readonly ProviderAttempt[],
): void {
  const now = store.now();
  transaction(store.db, () => {
    store.db
      .prepare(
        'UPDATE analysis_runs SET provider = ?, provider_report_json = ?, updated_at = ?, device_id = ? WHERE id = ?',
      )
      .run(provider, JSON.stringify(attempts), now, store.deviceId, id);
    recordChange(store.db, 'analysis_runs', id, 'upsert', now);
  });
}

export function setRunHwDecode(store: StoreContext, id: string, hwDecode: AnalysisRun['hwDecode']): void {
  store.db.prepare('UPDATE analysis_runs SET hw_decode_json = ? WHERE id = ?').run(JSON.stringify(hwDecode), id);
}

/**
 * The latest paused run of exactly this analysis (video, model, options), which a new request for
 * the same analysis continues instead of starting over.
 */
export function findResumableRun(
  store: StoreContext,
  input: { videoId: string; modelSha256: string; options: AnalysisOptions },
): StoredRun | null {
  const row = store.db
    .prepare(
      `SELECT * FROM analysis_runs WHERE video_id = ? AND model_sha256 = ? AND params_json = ? AND status = 'paused'
         AND deleted = 0 ORDER BY created_at DESC LIMIT 1`,
    )
    .get(input.videoId, input.modelSha256, JSON.stringify(input.options)) as RunRow | undefined;
  return row ? toRun(row) : null;
}

/**
 * Runs this device left 'running' when it died with the app: they can be resumed, so call them
 * paused. A teammate's run pulled from the team is theirs to finish, whatever its status.
 */
export function markInterruptedRuns(store: StoreContext): number {
  const now = store.now();
  return transaction(store.db, () => {
    const rows = store.db
      .prepare("SELECT id FROM analysis_runs WHERE status IN ('running', 'queued') AND device_id = ?")
      .all(store.deviceId) as { id: string }[];
    const pause = store.db.prepare("UPDATE analysis_runs SET status = 'paused', updated_at = ? WHERE id = ?");
    for (const row of rows) {
      pause.run(now, row.id);
      recordChange(store.db, 'analysis_runs', row.id, 'upsert', now);
    }
    return rows.length;
  });
}
