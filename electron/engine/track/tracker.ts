/**
 * ByteTrack-style multi-object tracker (Zhang et al. 2022), with every duration in seconds.
 *
 * Per analysed frame: predict every track to the frame's pts with its Kalman filter (real dt, so
 * stride and frame rate do not change behaviour), then
 *   1. match high-score boxes against confirmed and lost tracks (IoU),
 *   2. match the low-score boxes against the confirmed tracks still unmatched — occluded players
 *      often come out of the detector with a low score, and this keeps their id,
 *   3. match the remaining high-score boxes against tentative tracks (born on the previous frame),
 *   4. start tentative tracks from what is left above newTrackScore.
 * Pairs of different classes never match (a skater never becomes the puck).
 */
import type { Detection, TrackedDetection } from '../../contract/detection.ts';
import { AppFailure } from '../../contract/errors.ts';
import { linearAssignment } from './matching.ts';
import type { BoxState, KalmanBox, KalmanParams } from './kalman.ts';
import { defaultKalmanParams, freezeSize, initiate, predict, stateOf, update } from './kalman.ts';

export interface TrackerParams {
  /** Boxes at or above this score take part in the first association and may start tracks. */
  highScore: number;
  /** Boxes below this score are ignored; [lowScore, highScore) go to the second association. */
  lowScore: number;
  /** A high-score box left unmatched starts a new (tentative) track only at or above this score. */
  newTrackScore: number;
  /** First association (high boxes ↔ confirmed and lost tracks): minimum IoU. */
  matchIou: number;
  /** Second association (low boxes ↔ confirmed tracks): minimum IoU, stricter (ByteTrack: 0.5). */
  lowMatchIou: number;
  /** Third association (high boxes ↔ tentative tracks): minimum IoU. */
  tentativeMatchIou: number;
  /** Seconds a track may go unseen before it is dropped (ByteTrack's track_buffer, in time). */
  lostBufferS: number;
  /** A tentative track becomes confirmed (and gets an id) after this many matched frames … */
  confirmHits: number;
  /** … and at least this many seconds after it was first seen. */
  confirmS: number;
  kalman: KalmanParams;
}

export const defaultTrackerParams: TrackerParams = {
  highScore: 0.5,
  lowScore: 0.1,
  newTrackScore: 0.6,
  matchIou: 0.2,
  lowMatchIou: 0.5,
  tentativeMatchIou: 0.3,
  lostBufferS: 1.0,
  confirmHits: 2,
  confirmS: 0,
  kalman: defaultKalmanParams,
};

type TrackState = 'tentative' | 'confirmed' | 'lost';

interface Track {
  id: number; // −1 until confirmed
  classId: number;
  state: TrackState;
  filter: KalmanBox;
  /** pts the filter state refers to. */
  filterPts: number;
  firstPts: number;
  lastSeenPts: number;
  hits: number;
}

export interface TrackSnapshot {
  id: number;
  classId: number;
  state: TrackState;
  box: BoxState;
  lastSeenPts: number;
}

export interface Tracker {
  /** Feeds one analysed frame; pts in seconds, strictly increasing. Returns the boxes with ids. */
  update(pts: number, detections: readonly Detection[]): TrackedDetection[];
  /** Tracks alive after the last update, for diagnostics and tests. */
  tracks(): TrackSnapshot[];
}

export function iou(a: BoxState, b: BoxState): number {
  const ix = Math.min(a.cx + a.w / 2, b.cx + b.w / 2) - Math.max(a.cx - a.w / 2, b.cx - b.w / 2);
  const iy = Math.min(a.cy + a.h / 2, b.cy + b.h / 2) - Math.max(a.cy - a.h / 2, b.cy - b.h / 2);
  if (ix <= 0 || iy <= 0) return 0;
  const inter = ix * iy;
  const union = a.w * a.h + b.w * b.h - inter;
  return union > 0 ? inter / union : 0;
}

function boxOf(d: Detection): BoxState {
  return { cx: (d.x1 + d.x2) / 2, cy: (d.y1 + d.y2) / 2, w: d.x2 - d.x1, h: d.y2 - d.y1 };
}

export function createTracker(overrides: Partial<TrackerParams> = {}): Tracker {
  const p: TrackerParams = { ...defaultTrackerParams, ...overrides };
  if (!(p.lowScore <= p.highScore) || !(p.lostBufferS >= 0) || !(p.confirmHits >= 1)) {
    throw new AppFailure('invalid-args', 'Tracker parameters are inconsistent', JSON.stringify(p));
  }
  let tracks: Track[] = [];
  let lastPts = -Infinity;
  let frames = 0;
  let nextId = 1;

  /** Matches tracks to detections; returns the matched pairs and what is left of each side. */
  function associate(
    pool: Track[],
    dets: number[],
    all: readonly Detection[],
    minIou: number,
  ): { pairs: Array<[Track, number]>; tracksLeft: Track[]; detsLeft: number[] } {
    // A 0×n matrix cannot tell linearAssignment how many columns it has.
    if (pool.length === 0 || dets.length === 0) return { pairs: [], tracksLeft: pool, detsLeft: dets };
    const predicted = pool.map((t) => stateOf(t.filter));
    const cost = pool.map((t, r) =>
      dets.map((di) => {
        const d = all[di] as Detection;
        // Class-aware: a different class is infeasible, never merely expensive.
        return d.classId === t.classId ? 1 - iou(predicted[r] as BoxState, boxOf(d)) : Infinity;
      }),
    );
    const result = linearAssignment(cost, 1 - minIou);
    return {
      pairs: result.pairs.map(([r, c]) => [pool[r] as Track, dets[c] as number]),
      tracksLeft: result.unmatchedRows.map((r) => pool[r] as Track),
      detsLeft: result.unmatchedCols.map((c) => dets[c] as number),
    };
  }

  function confirmIfDue(t: Track, pts: number): void {
    if (t.state === 'tentative' && t.hits >= p.confirmHits && pts - t.firstPts >= p.confirmS) {
      t.state = 'confirmed';
      t.id = nextId++;
    }
  }

  function updateFrame(pts: number, detections: readonly Detection[]): TrackedDetection[] {
    if (!Number.isFinite(pts) || pts <= lastPts) {
      throw new AppFailure('invalid-args', `Tracker: frame pts must increase (got ${pts} after ${lastPts})`);
    }
    lastPts = pts;
    for (const t of tracks) {
      t.filter = predict(t.filter, pts - t.filterPts, p.kalman);
      t.filterPts = pts;
    }
    const high: number[] = [];
    const low: number[] = [];
    detections.forEach((d, i) => {
      if (d.score >= p.highScore) high.push(i);
      else if (d.score >= p.lowScore) low.push(i);
    });
    const assigned = new Map<number, Track>();
    const matched = (t: Track, di: number): void => {
      const d = detections[di] as Detection;
      t.filter = update(t.filter, boxOf(d), p.kalman);
      t.lastSeenPts = pts;
      t.hits += 1;
      if (t.state === 'lost') t.state = 'confirmed';
      confirmIfDue(t, pts);
      assigned.set(di, t);
    };

    const active = tracks.filter((t) => t.state !== 'tentative');
    const first = associate(active, high, detections, p.matchIou);
    first.pairs.forEach(([t, di]) => matched(t, di));
    const stillTracked = first.tracksLeft.filter((t) => t.state === 'confirmed');
    const second = associate(stillTracked, low, detections, p.lowMatchIou);
    second.pairs.forEach(([t, di]) => matched(t, di));
    const tentative = tracks.filter((t) => t.state === 'tentative');
    const third = associate(tentative, first.detsLeft, detections, p.tentativeMatchIou);
    third.pairs.forEach(([t, di]) => matched(t, di));

    const gone = new Set<Track>(third.tracksLeft); // a tentative track that misses once is noise
    for (const t of [...second.tracksLeft, ...first.tracksLeft.filter((x) => x.state === 'lost')]) {
      if (t.state === 'confirmed') {
        t.state = 'lost';
        t.filter = freezeSize(t.filter);
      }
      if (pts - t.lastSeenPts > p.lostBufferS) gone.add(t);
    }
    tracks = tracks.filter((t) => !gone.has(t));

    for (const di of third.detsLeft) {
      const d = detections[di] as Detection;
      if (d.score < p.newTrackScore) continue;
      const t: Track = {
        id: -1,
        classId: d.classId,
        state: 'tentative',
        filter: initiate(boxOf(d), p.kalman),
        filterPts: pts,
        firstPts: pts,
        lastSeenPts: pts,
        hits: 1,
      };
      // ByteTrack activates everything on the very first frame: there is nothing to confirm against.
      if (frames === 0) {
        t.state = 'confirmed';
        t.id = nextId++;
      }
      tracks.push(t);
      assigned.set(di, t);
    }
    frames += 1;
    return detections.map((d, i) => {
      const t = assigned.get(i);
      return { ...d, trackId: t && t.state === 'confirmed' ? t.id : -1 };
    });
  }

  return {
    update: updateFrame,
    tracks: () =>
      tracks.map((t) => ({
        id: t.id,
        classId: t.classId,
        state: t.state,
        box: stateOf(t.filter),
        lastSeenPts: t.lastSeenPts,
      })),
  };
}

/** Runs a whole sequence through a fresh tracker (tests, CLI, re-tracking stored detections). */
export function trackSequence(
  frames: ReadonlyArray<{ pts: number; detections: readonly Detection[] }>,
  params: Partial<TrackerParams> = {},
): TrackedDetection[][] {
  const tracker = createTracker(params);
  return frames.map((f) => tracker.update(f.pts, f.detections));
}
