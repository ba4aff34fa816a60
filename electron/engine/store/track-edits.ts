import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../contract/errors.ts';
import type { TrackLink } from '../../contract/tagging.ts';
import { transaction } from './db.ts';
import type { StoreContext } from './games.ts';
import { trackLinkId } from './name-uuid.ts';
import { recordChange } from './outbox.ts';
import { listAffiliationCorrections, writeAffiliationCorrection } from './affiliation.ts';

/**
 * The analyst's corrections to the tracker, stored as edits over the untouched detections:
 * a merge says "track M is really track K", a split says "from frame F on, track T is a new
 * track N". Edits apply in the order they were made, each to the ids the analyst saw then, so
 * merging B into a track that was split earlier joins B to the piece that kept the old id.
 */
export type TrackEdit =
  | { kind: 'merge'; mergedTrackId: number; keptTrackId: number }
  | { kind: 'split'; trackId: number; atFrame: number; newTrackId: number };

export type TrackIdResolver = (trackId: number, frameIndex: number) => number;

/**
 * Builds the resolver for edits in the order made. Each id indexes the edits that act on it, so a
 * lookup follows one chain of edits instead of scanning them all (it runs for every drawn box).
 */
export function buildTrackIdResolver(edits: readonly TrackEdit[]): TrackIdResolver {
  const bySubject = new Map<number, number[]>();
  edits.forEach((edit, index) => {
    const subject = edit.kind === 'merge' ? edit.mergedTrackId : edit.trackId;
    const list = bySubject.get(subject);
    if (list) list.push(index);
    else bySubject.set(subject, [index]);
  });
  return (trackId, frameIndex) => {
    // -1 is "no track" in the detections format; it is never edited.
    if (trackId < 0) return trackId;
    let current = trackId;
    let position = -1;
    for (;;) {
      const candidates = bySubject.get(current);
      if (!candidates) return current;
      let next: number | null = null;
      for (const index of candidates) {
        if (index <= position) continue;
        const edit = edits[index];
        if (!edit) continue;
        if (edit.kind === 'merge') {
          next = index;
          current = edit.keptTrackId;
          break;
        }
        if (frameIndex >= edit.atFrame) {
          next = index;
          current = edit.newTrackId;
          break;
        }
      }
      // Each step moves strictly later in the edit list, so the loop ends.
      if (next === null) return current;
      position = next;
    }
  };
}

interface RunRow {
  status: string;
  game_id: string;
}

function getRun(store: StoreContext, runId: string): RunRow {
  const row = store.db
    .prepare(
      `SELECT r.status, v.game_id FROM analysis_runs r JOIN videos v ON v.id = r.video_id
       WHERE r.id = ? AND r.deleted = 0`,
    )
    .get(runId) as RunRow | undefined;
  if (!row) throw new AppFailure('not-found', 'That analysis run no longer exists.');
  return row;
}

/** The game an analysis run belongs to, so handlers can tell the right windows to refresh. */
export function gameOfRun(store: StoreContext, runId: string): string {
  return getRun(store, runId).game_id;
}

/** The run's edits in the order they were made. */
export function listTrackEdits(store: StoreContext, runId: string): TrackEdit[] {
  const rows = store.db
    .prepare(
      `SELECT 'merge' AS kind, merged_track_id AS a, kept_track_id AS b, 0 AS c, created_at, seq, id
         FROM track_merges WHERE run_id = ? AND deleted = 0
       UNION ALL
       SELECT 'split', track_id, at_frame, new_track_id, created_at, seq, id
         FROM track_splits WHERE run_id = ? AND deleted = 0
       ORDER BY created_at, seq, id`,
    )
    .all(runId, runId) as { kind: 'merge' | 'split'; a: number; b: number; c: number }[];
  return rows.map((r) =>
    r.kind === 'merge'
      ? { kind: 'merge', mergedTrackId: r.a, keptTrackId: r.b }
      : { kind: 'split', trackId: r.a, atFrame: r.b, newTrackId: r.c },
  );
}

/** Maps a stored (tracker) id at a frame to the id the analyst sees after merges and splits. */
export function createTrackIdResolver(store: StoreContext, runId: string): TrackIdResolver {
  return buildTrackIdResolver(listTrackEdits(store, runId));
}

/** A merged-away id no longer exists for the analyst; editing it would be invisible. */
function checkLive(store: StoreContext, runId: string, trackId: number): void {
  const merged = store.db
    .prepare('SELECT kept_track_id FROM track_merges WHERE run_id = ? AND merged_track_id = ? AND deleted = 0')
    .get(runId, trackId) as { kept_track_id: number } | undefined;
  if (merged) {
    // Name the track it lives on in now, following later merges (splits would depend on the frame).
    const merges = listTrackEdits(store, runId).filter((edit) => edit.kind === 'merge');
    const now = buildTrackIdResolver(merges)(trackId, 0);
    throw new AppFailure('conflict', `Track ${trackId} was merged into track ${now}.`);
  }
}

function nextSeq(store: StoreContext, runId: string): number {
  const row = store.db
    .prepare(
      `SELECT max(s) AS s FROM (SELECT max(seq) AS s FROM track_merges WHERE run_id = ?
                                UNION ALL SELECT max(seq) FROM track_splits WHERE run_id = ?)`,
    )
    .get(runId, runId) as { s: number | null };
  return (row.s ?? 0) + 1;
}

interface LinkRow {
  id: string;
  track_id: number;
  player_id: string | null;
}

function findLink(store: StoreContext, runId: string, trackId: number): LinkRow | undefined {
  return store.db
    .prepare('SELECT id, track_id, player_id FROM track_links WHERE run_id = ? AND track_id = ? AND deleted = 0')
    .get(runId, trackId) as LinkRow | undefined;
}

/** Writes a link row (keeping its id across re-links) and its outbox row; call inside a transaction. */
function writeLink(
  store: StoreContext,
  runId: string,
  trackId: number,
  playerId: string | null,
  deleted: boolean,
  now: string,
): void {
  const existing = store.db
    .prepare('SELECT id FROM track_links WHERE run_id = ? AND track_id = ?')
    .get(runId, trackId) as { id: string } | undefined;
  // Name-based for a new link: two devices linking the same track make one row, not two.
  const id = existing?.id ?? trackLinkId(runId, trackId);
  store.db
    .prepare(
      `INSERT INTO track_links (id, run_id, track_id, player_id, updated_at, device_id, deleted) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(run_id, track_id) DO UPDATE SET player_id = excluded.player_id, updated_at = excluded.updated_at,
         device_id = excluded.device_id, deleted = excluded.deleted`,
    )
    .run(id, runId, trackId, playerId, now, store.deviceId, deleted ? 1 : 0);
  recordChange(store.db, 'track_links', id, deleted ? 'delete' : 'upsert', now);
}

/** Links the track the analyst sees to a player, or unlinks it (playerId null). */
export function linkTrack(store: StoreContext, runId: string, trackId: number, playerId: string | null): TrackLink {
  getRun(store, runId);
  checkLive(store, runId, trackId);
  if (playerId !== null) {
    const player = store.db.prepare('SELECT 1 FROM players WHERE id = ? AND deleted = 0').get(playerId);
    if (!player) throw new AppFailure('not-found', 'That player is no longer on the roster.');
  }
  const now = store.now();
  transaction(store.db, () => writeLink(store, runId, trackId, playerId, false, now));
  return { runId, trackId, playerId };
}

/** Live links by the ids the analyst sees; a link to a player since deleted reads as unlinked. */
export function listTrackLinks(store: StoreContext, runId: string): Map<number, string | null> {
  const rows = store.db
    .prepare(
      `SELECT l.track_id, CASE WHEN p.deleted = 0 THEN l.player_id END AS player_id
       FROM track_links l LEFT JOIN players p ON p.id = l.player_id
       WHERE l.run_id = ? AND l.deleted = 0 ORDER BY l.track_id`,
    )
    .all(runId) as { track_id: number; player_id: string | null }[];
  return new Map(rows.map((r) => [r.track_id, r.player_id]));
}

/**
 * Merges one track into another. The link follows the merge: if only the merged track named a
 * player, the kept track now does; if both did, the kept track's player stays.
 */
export function mergeTracks(store: StoreContext, runId: string, keepTrackId: number, mergeTrackId: number): void {
  getRun(store, runId);
  if (keepTrackId === mergeTrackId) throw new AppFailure('invalid-args', 'A track cannot be merged into itself.');
  checkLive(store, runId, keepTrackId);
  checkLive(store, runId, mergeTrackId);
  const mergedLink = findLink(store, runId, mergeTrackId);
  const keptLink = findLink(store, runId, keepTrackId);
  const id = randomUUID();
  const now = store.now();
  transaction(store.db, () => {
    store.db
      .prepare(
        `INSERT INTO track_merges (id, seq, run_id, merged_track_id, kept_track_id, created_at, updated_at, device_id, deleted)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)`,
      )
      .run(id, nextSeq(store, runId), runId, mergeTrackId, keepTrackId, now, now, store.deviceId);
    recordChange(store.db, 'track_merges', id, 'upsert', now);
    if (mergedLink) {
      if (mergedLink.player_id !== null && (keptLink?.player_id ?? null) === null) {
        writeLink(store, runId, keepTrackId, mergedLink.player_id, false, now);
      }
      writeLink(store, runId, mergeTrackId, mergedLink.player_id, true, now);
    }
    // An affiliation correction follows the merge like a link: the kept track's own one wins.
    const corrections = listAffiliationCorrections(store.db, runId);
    const mergedCorrection = corrections.get(mergeTrackId);
    if (mergedCorrection) {
      if (!corrections.has(keepTrackId)) writeAffiliationCorrection(store, runId, keepTrackId, mergedCorrection, now);
      writeAffiliationCorrection(store, runId, mergeTrackId, null, now);
    }
  });
}

/** Statuses in which the tracker may still hand out new ids, which a split id could collide with. */
const TRACKER_ACTIVE = new Set(['queued', 'running', 'paused']);

/**
 * Splits a track at a frame: from atFrame on it is a new track, whose id is above every id the
 * run uses. The new piece is not linked: a split usually mends an identity switch, so it is
 * someone else.
 */
export function splitTrack(store: StoreContext, runId: string, trackId: number, atFrame: number): number {
  const run = getRun(store, runId);
  if (TRACKER_ACTIVE.has(run.status)) {
    throw new AppFailure('conflict', 'Tracks can be split once the analysis has finished or been cancelled.');
  }
  checkLive(store, runId, trackId);
  const row = store.db
    .prepare(
      `SELECT max(id) AS id FROM (
         SELECT max(track_id) AS id FROM track_summaries WHERE run_id = ?
         UNION ALL SELECT max(max(track_id, new_track_id)) FROM track_splits WHERE run_id = ?
         UNION ALL SELECT max(max(merged_track_id, kept_track_id)) FROM track_merges WHERE run_id = ?
         UNION ALL SELECT max(track_id) FROM track_links WHERE run_id = ?)`,
    )
    .get(runId, runId, runId, runId) as { id: number | null };
  const newTrackId = Math.max(row.id ?? -1, trackId) + 1;
  const id = randomUUID();
  const now = store.now();
  transaction(store.db, () => {
    store.db
      .prepare(
        `INSERT INTO track_splits (id, seq, run_id, track_id, at_frame, new_track_id, created_at, updated_at, device_id, deleted)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
      )
      .run(id, nextSeq(store, runId), runId, trackId, atFrame, newTrackId, now, now, store.deviceId);
    recordChange(store.db, 'track_splits', id, 'upsert', now);
  });
  return newTrackId;
}
