import type { DetectionFrame } from '../../contract/detection.ts';
import { decodeFrameRecords, encodeFrameRecords } from '../../contract/detections-window.ts';
import type { TrackSummary } from '../../contract/analysis.ts';
import type { JerseySampleRow } from '../affiliation/sampler.ts';
import { insertJerseySamples } from './affiliation.ts';
import { transaction, type Database } from './db.ts';
import type { StoreContext } from './games.ts';
import { trackSummaryId } from './name-uuid.ts';
import { recordChange } from './outbox.ts';

export { latestDoneRun } from './analysis-runs.ts';

interface ChunkRow {
  chunk_no: number;
  data: Uint8Array;
}

/**
 * Commits one chunk of analysed frames and the run's progress in one short transaction: a crash
 * loses at most the chunk in flight, and the resume point always matches the stored data.
 */
export function commitChunk(
  db: Database,
  runId: string,
  frames: readonly DetectionFrame[],
  progress: { framesDone: number; nextFrame: number; now: string },
  jerseySamples: readonly JerseySampleRow[] = [],
): number {
  const first = frames[0];
  const last = frames.at(-1);
  if (!first || !last) return -1;
  const data = encodeFrameRecords(frames);
  const boxCount = frames.reduce((sum, frame) => sum + frame.boxes.length, 0);
  return transaction(db, () => {
    const row = db
      .prepare('SELECT coalesce(max(chunk_no), -1) AS n FROM detection_chunks WHERE run_id = ?')
      .get(runId) as {
      n: number;
    };
    const chunkNo = row.n + 1;
    db.prepare(
      `INSERT INTO detection_chunks (run_id, chunk_no, first_frame, last_frame, first_pts, last_pts, frame_count, box_count, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(runId, chunkNo, first.index, last.index, first.pts, last.pts, frames.length, boxCount, data);
    insertJerseySamples(db, runId, jerseySamples);
    db.prepare(
      "UPDATE analysis_runs SET frames_done = ?, next_frame = ?, status = 'running', updated_at = ? WHERE id = ?",
    ).run(progress.framesDone, progress.nextFrame, progress.now, runId);
    return chunkNo;
  });
}

/** Frames of a run with pts in [fromS, toS], through the chunk index (no full scan). */
export function readDetections(
  store: Pick<StoreContext, 'db'>,
  runId: string,
  fromS: number,
  toS: number,
): DetectionFrame[] {
  const rows = store.db
    .prepare(
      `SELECT chunk_no, data FROM detection_chunks
       WHERE run_id = ? AND last_pts >= ? AND first_pts <= ? ORDER BY chunk_no`,
    )
    .all(runId, fromS, toS) as unknown as ChunkRow[];
  const frames: DetectionFrame[] = [];
  for (const row of rows) {
    for (const frame of decodeFrameRecords(row.data)) if (frame.pts >= fromS && frame.pts <= toS) frames.push(frame);
  }
  return frames;
}

/** Every stored frame of a run in order, chunk by chunk (tracker replay on resume, exports). */
export function* allDetections(db: Database, runId: string): Generator<DetectionFrame> {
  const rows = db
    .prepare('SELECT chunk_no, data FROM detection_chunks WHERE run_id = ? ORDER BY chunk_no')
    .all(runId) as unknown as ChunkRow[];
  for (const row of rows) yield* decodeFrameRecords(row.data);
}

/** The last committed frame of a run (its source index and pts), or null before the first chunk. */
export function lastStoredFrame(db: Database, runId: string): { index: number; pts: number } | null {
  const row = db
    .prepare('SELECT last_frame, last_pts FROM detection_chunks WHERE run_id = ? ORDER BY chunk_no DESC LIMIT 1')
    .get(runId) as { last_frame: number; last_pts: number } | undefined;
  return row ? { index: row.last_frame, pts: row.last_pts } : null;
}

export function storedFrameCount(db: Database, runId: string): number {
  const row = db
    .prepare('SELECT coalesce(sum(frame_count), 0) AS n FROM detection_chunks WHERE run_id = ?')
    .get(runId) as { n: number };
  return row.n;
}

/**
 * One row per track: when it was seen, how often, how sure. `resolveId` maps stored ids to the
 * ids the analyst sees after merges and splits (identity when there are none).
 */
export function summarizeTracks(
  db: Database,
  runId: string,
  resolveId: (trackId: number, frameIndex: number) => number = (id) => id,
): TrackSummary[] {
  const tracks = new Map<number, TrackSummary & { scoreSum: number }>();
  for (const frame of allDetections(db, runId)) {
    for (const box of frame.boxes) {
      if (box.trackId < 0) continue;
      const trackId = resolveId(box.trackId, frame.index);
      const t = tracks.get(trackId);
      if (!t) {
        tracks.set(trackId, {
          runId,
          trackId,
          classId: box.classId,
          firstFrame: frame.index,
          lastFrame: frame.index,
          firstPts: frame.pts,
          lastPts: frame.pts,
          boxCount: 1,
          meanScore: box.score,
          scoreSum: box.score,
        });
      } else {
        t.lastFrame = frame.index;
        t.lastPts = frame.pts;
        t.boxCount += 1;
        t.scoreSum += box.score;
      }
    }
  }
  return [...tracks.values()]
    .map(({ scoreSum, ...t }) => ({ ...t, meanScore: scoreSum / t.boxCount }))
    .sort((a, b) => a.trackId - b.trackId);
}

/**
 * Stores the summaries of a completed run (as analysed, before any edit) as synced rows: each
 * track's row keeps its name-based id (the same on every device), a track no longer present is
 * marked deleted rather than removed, and every row written gets an outbox row in the same
 * transaction.
 */
export function writeTrackSummaries(store: StoreContext, runId: string): TrackSummary[] {
  const { db } = store;
  const summaries = summarizeTracks(db, runId);
  const now = store.now();
  transaction(db, () => {
    const upsert = db.prepare(
      `INSERT INTO track_summaries (id, run_id, track_id, class_id, first_frame, last_frame, first_pts, last_pts,
                                    box_count, mean_score, updated_at, device_id, deleted)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
       ON CONFLICT (run_id, track_id) DO UPDATE SET class_id = excluded.class_id, first_frame = excluded.first_frame,
         last_frame = excluded.last_frame, first_pts = excluded.first_pts, last_pts = excluded.last_pts,
         box_count = excluded.box_count, mean_score = excluded.mean_score, updated_at = excluded.updated_at,
         device_id = excluded.device_id, deleted = 0`,
    );
    const present = new Set<number>();
    for (const t of summaries) {
      const id = trackSummaryId(runId, t.trackId);
      present.add(t.trackId);
      upsert.run(
        id,
        runId,
        t.trackId,
        t.classId,
        t.firstFrame,
        t.lastFrame,
        t.firstPts,
        t.lastPts,
        t.boxCount,
        t.meanScore,
        now,
        store.deviceId,
      );
      recordChange(db, 'track_summaries', id, 'upsert', now);
    }
    const stale = db
      .prepare('SELECT id, track_id FROM track_summaries WHERE run_id = ? AND deleted = 0')
      .all(runId) as { id: string; track_id: number }[];
    const markDeleted = db.prepare(
      'UPDATE track_summaries SET deleted = 1, updated_at = ?, device_id = ? WHERE id = ?',
    );
    for (const row of stale) {
      if (present.has(row.track_id)) continue;
      markDeleted.run(now, store.deviceId, row.id);
      recordChange(db, 'track_summaries', row.id, 'delete', now);
    }
  });
  return summaries;
}

export function listTrackSummaries(db: Database, runId: string): TrackSummary[] {
  const rows = db
    .prepare('SELECT * FROM track_summaries WHERE run_id = ? AND deleted = 0 ORDER BY track_id')
    .all(runId) as {
    run_id: string;
    track_id: number;
    class_id: number;
    first_frame: number;
    last_frame: number;
    first_pts: number;
    last_pts: number;
    box_count: number;
    mean_score: number;
  }[];
  return rows.map((r) => ({
    runId: r.run_id,
    trackId: r.track_id,
    classId: r.class_id,
    firstFrame: r.first_frame,
    lastFrame: r.last_frame,
    firstPts: r.first_pts,
    lastPts: r.last_pts,
    boxCount: r.box_count,
    meanScore: r.mean_score,
  }));
}
