import type { Affiliation, JerseyGroup, RinkPolygon } from '../../contract/affiliation.ts';
import { AppFailure } from '../../contract/errors.ts';
import type { JerseySampleRow } from '../affiliation/sampler.ts';
import { transaction, type Database } from './db.ts';
import type { StoreContext } from './games.ts';
import { affiliationCorrectionId, homeJerseyId, rinkRegionId } from './name-uuid.ts';
import { recordChange } from './outbox.ts';

/** Call inside the chunk's transaction, so samples and detections are committed together. */
export function insertJerseySamples(db: Database, runId: string, rows: readonly JerseySampleRow[]): void {
  if (rows.length === 0) return;
  const insert = db.prepare(
    `INSERT OR REPLACE INTO jersey_samples (run_id, frame_index, pts, track_id, l, a, b, background, stripes, foot_x, foot_y)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of rows) {
    insert.run(runId, r.frameIndex, r.pts, r.trackId, r.L, r.a, r.b, r.background, r.stripes, r.footX, r.footY);
  }
}

export function replaceJerseySamples(db: Database, runId: string, rows: readonly JerseySampleRow[]): void {
  transaction(db, () => {
    db.prepare('DELETE FROM jersey_samples WHERE run_id = ?').run(runId);
    insertJerseySamples(db, runId, rows);
  });
}

/** The tracks a run has samples of (a resumed analysis samples only the others on model frames). */
export function sampledTrackIds(db: Database, runId: string): number[] {
  const rows = db.prepare('SELECT DISTINCT track_id FROM jersey_samples WHERE run_id = ?').all(runId) as {
    track_id: number;
  }[];
  return rows.map((r) => r.track_id);
}

export function hasJerseySamples(db: Database, runId: string): boolean {
  return db.prepare('SELECT 1 FROM jersey_samples WHERE run_id = ? LIMIT 1').get(runId) !== undefined;
}

export function readJerseySamples(db: Database, runId: string): JerseySampleRow[] {
  const rows = db
    .prepare('SELECT * FROM jersey_samples WHERE run_id = ? ORDER BY frame_index, track_id')
    .all(runId) as {
    frame_index: number;
    pts: number;
    track_id: number;
    l: number;
    a: number;
    b: number;
    background: number;
    stripes: number;
    foot_x: number;
    foot_y: number;
  }[];
  return rows.map((r) => ({
    frameIndex: r.frame_index,
    pts: r.pts,
    trackId: r.track_id,
    L: r.l,
    a: r.a,
    b: r.b,
    background: r.background,
    stripes: r.stripes,
    footX: r.foot_x,
    footY: r.foot_y,
  }));
}

/** The analyst's corrections by the track ids the analyst sees. */
export function listAffiliationCorrections(db: Database, runId: string): Map<number, Affiliation> {
  const rows = db
    .prepare('SELECT track_id, affiliation FROM affiliation_corrections WHERE run_id = ? AND deleted = 0')
    .all(runId) as { track_id: number; affiliation: Affiliation }[];
  return new Map(rows.map((r) => [r.track_id, r.affiliation]));
}

/** Writes (or, with null, deletes) a correction and its outbox row; call inside a transaction. */
export function writeAffiliationCorrection(
  store: StoreContext,
  runId: string,
  trackId: number,
  affiliation: Affiliation | null,
  now: string,
): void {
  const existing = store.db
    .prepare('SELECT id, affiliation FROM affiliation_corrections WHERE run_id = ? AND track_id = ?')
    .get(runId, trackId) as { id: string; affiliation: Affiliation } | undefined;
  if (!existing && affiliation === null) return;
  // Two devices correcting the same track make the same row (rows made before this keep their id).
  const id = existing?.id ?? affiliationCorrectionId(runId, trackId);
  store.db
    .prepare(
      `INSERT INTO affiliation_corrections (id, run_id, track_id, affiliation, updated_at, device_id, deleted)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(run_id, track_id) DO UPDATE SET affiliation = excluded.affiliation, updated_at = excluded.updated_at,
         device_id = excluded.device_id, deleted = excluded.deleted`,
    )
    .run(id, runId, trackId, affiliation ?? existing!.affiliation, now, store.deviceId, affiliation === null ? 1 : 0);
  recordChange(store.db, 'affiliation_corrections', id, affiliation === null ? 'delete' : 'upsert', now);
}

export function setAffiliationCorrection(
  store: StoreContext,
  runId: string,
  trackId: number,
  affiliation: Affiliation | null,
): void {
  const now = store.now();
  transaction(store.db, () => writeAffiliationCorrection(store, runId, trackId, affiliation, now));
}

export function getHomeJersey(db: Database, gameId: string): JerseyGroup | null {
  const row = db.prepare('SELECT home_group FROM home_jerseys WHERE game_id = ? AND deleted = 0').get(gameId) as
    { home_group: JerseyGroup } | undefined;
  return row?.home_group ?? null;
}

/**
 * A row per game (or video) keyed by its id; its own UUID names it in the outbox like every synced
 * row, a name-based one of the key so two devices setting it make the same row.
 */
function upsertKeyed(
  store: StoreContext,
  table: 'home_jerseys' | 'rink_regions',
  keyColumn: 'game_id' | 'video_id',
  valueColumn: 'home_group' | 'points_json',
  key: string,
  value: string | null,
): void {
  const now = store.now();
  transaction(store.db, () => {
    const existing = store.db
      .prepare(`SELECT id, ${valueColumn} AS v FROM ${table} WHERE ${keyColumn} = ?`)
      .get(key) as { id: string; v: string } | undefined;
    if (!existing && value === null) return;
    const id = existing?.id ?? (table === 'home_jerseys' ? homeJerseyId(key) : rinkRegionId(key));
    store.db
      .prepare(
        `INSERT INTO ${table} (id, ${keyColumn}, ${valueColumn}, updated_at, device_id, deleted) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(${keyColumn}) DO UPDATE SET ${valueColumn} = excluded.${valueColumn},
           updated_at = excluded.updated_at, device_id = excluded.device_id, deleted = excluded.deleted`,
      )
      .run(id, key, value ?? existing!.v, now, store.deviceId, value === null ? 1 : 0);
    recordChange(store.db, table, id, value === null ? 'delete' : 'upsert', now);
  });
}

export function setHomeJersey(store: StoreContext, gameId: string, group: JerseyGroup | null): void {
  if (!store.db.prepare('SELECT 1 FROM games WHERE id = ? AND deleted = 0').get(gameId)) {
    throw new AppFailure('not-found', 'That game no longer exists.');
  }
  upsertKeyed(store, 'home_jerseys', 'game_id', 'home_group', gameId, group);
}

export function getRinkRegion(db: Database, videoId: string): RinkPolygon | null {
  const row = db.prepare('SELECT points_json FROM rink_regions WHERE video_id = ? AND deleted = 0').get(videoId) as
    { points_json: string } | undefined;
  return row ? (JSON.parse(row.points_json) as RinkPolygon) : null;
}

export function setRinkRegion(store: StoreContext, videoId: string, points: RinkPolygon | null): void {
  if (!store.db.prepare('SELECT 1 FROM videos WHERE id = ? AND deleted = 0').get(videoId)) {
    throw new AppFailure('not-found', 'That video is no longer in the library.');
  }
  upsertKeyed(store, 'rink_regions', 'video_id', 'points_json', videoId, points ? JSON.stringify(points) : null);
}
