import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../contract/errors.ts';
import type { Descriptors, EventInput, EventPatch, GameEvent } from '../../contract/tagging.ts';
import { getCode } from './codes.ts';
import { transaction } from './db.ts';
import { getGame, type StoreContext } from './games.ts';
import { recordChange } from './outbox.ts';
import { getVideo } from './videos.ts';

interface EventRow {
  id: string;
  game_id: string;
  video_id: string;
  code_id: string;
  code_name: string;
  start_s: number;
  end_s: number;
  start_frame: number;
  end_frame: number;
  descriptors_json: string;
  note: string;
  created_at: string;
  updated_at: string;
  device_id: string;
  deleted: number;
}

function toEvent(row: EventRow): GameEvent {
  return {
    id: row.id,
    gameId: row.game_id,
    videoId: row.video_id,
    codeId: row.code_id,
    codeName: row.code_name,
    startS: row.start_s,
    endS: row.end_s,
    startFrame: row.start_frame,
    endFrame: row.end_frame,
    descriptors: JSON.parse(row.descriptors_json) as Descriptors,
    note: row.note,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deviceId: row.device_id,
    deleted: row.deleted === 1,
  };
}

/** A game's live events in video order (ties: frame, then the order they were tagged). */
export function listEvents(store: StoreContext, gameId: string): GameEvent[] {
  const rows = store.db
    .prepare('SELECT * FROM events WHERE game_id = ? AND deleted = 0 ORDER BY start_s, start_frame, created_at, id')
    .all(gameId) as unknown as EventRow[];
  return rows.map(toEvent);
}

function findEvent(store: StoreContext, id: string): GameEvent | null {
  const row = store.db.prepare('SELECT * FROM events WHERE id = ?').get(id) as EventRow | undefined;
  return row ? toEvent(row) : null;
}

/** A live event; a deleted one is not-found (restoreEvent brings it back). */
export function getEvent(store: StoreContext, id: string): GameEvent {
  const event = findEvent(store, id);
  if (!event || event.deleted) throw new AppFailure('not-found', 'That event no longer exists.');
  return event;
}

/** The descriptors may point at a player or an analysis run; both must exist so exports can name them. */
function checkDescriptors(store: StoreContext, descriptors: Descriptors): void {
  if (descriptors.playerId !== undefined) {
    const player = store.db.prepare('SELECT 1 FROM players WHERE id = ? AND deleted = 0').get(descriptors.playerId);
    if (!player) throw new AppFailure('not-found', 'The player on this event is no longer on the roster.');
  }
  if (descriptors.runId !== undefined) {
    const run = store.db.prepare('SELECT 1 FROM analysis_runs WHERE id = ? AND deleted = 0').get(descriptors.runId);
    if (!run) throw new AppFailure('not-found', 'The analysis run on this event no longer exists.');
  }
}

function checkSpan(e: { startS: number; endS: number; startFrame: number; endFrame: number }): void {
  if (e.endS < e.startS || e.endFrame < e.startFrame) {
    throw new AppFailure('invalid-args', 'An event cannot end before it starts.');
  }
}

/** Tags an event; the code's name is copied so renaming or deleting the code keeps the event readable. */
export function createEvent(store: StoreContext, input: EventInput): GameEvent {
  getGame(store, input.gameId);
  const video = getVideo(store, input.videoId);
  if (video.gameId !== input.gameId) {
    throw new AppFailure('invalid-args', 'That video belongs to another game.');
  }
  const code = getCode(store, input.codeId);
  checkSpan(input);
  checkDescriptors(store, input.descriptors);
  const id = randomUUID();
  const now = store.now();
  transaction(store.db, () => {
    store.db
      .prepare(
        `INSERT INTO events (id, game_id, video_id, code_id, code_name, start_s, end_s, start_frame, end_frame,
                             descriptors_json, note, created_at, updated_at, device_id, deleted)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
      )
      .run(
        id,
        input.gameId,
        input.videoId,
        code.id,
        code.name,
        input.startS,
        input.endS,
        input.startFrame,
        input.endFrame,
        JSON.stringify(input.descriptors),
        input.note,
        now,
        now,
        store.deviceId,
      );
    recordChange(store.db, 'events', id, 'upsert', now);
  });
  return getEvent(store, id);
}

/** Changes some fields; a new code also brings its current name; descriptors are replaced whole. */
export function updateEvent(store: StoreContext, id: string, patch: EventPatch): GameEvent {
  const current = getEvent(store, id);
  const code = patch.codeId === undefined ? null : getCode(store, patch.codeId);
  const next = {
    ...current,
    ...patch,
    codeName: code ? code.name : current.codeName,
  };
  checkSpan(next);
  if (patch.descriptors) checkDescriptors(store, patch.descriptors);
  const now = store.now();
  transaction(store.db, () => {
    store.db
      .prepare(
        `UPDATE events SET code_id = ?, code_name = ?, start_s = ?, end_s = ?, start_frame = ?, end_frame = ?,
                           descriptors_json = ?, note = ?, updated_at = ?, device_id = ?
         WHERE id = ?`,
      )
      .run(
        next.codeId,
        next.codeName,
        next.startS,
        next.endS,
        next.startFrame,
        next.endFrame,
        JSON.stringify(next.descriptors),
        next.note,
        now,
        store.deviceId,
        id,
      );
    recordChange(store.db, 'events', id, 'upsert', now);
  });
  return getEvent(store, id);
}

function setDeleted(store: StoreContext, id: string, deleted: boolean): void {
  const now = store.now();
  transaction(store.db, () => {
    store.db
      .prepare('UPDATE events SET deleted = ?, updated_at = ?, device_id = ? WHERE id = ?')
      .run(deleted ? 1 : 0, now, store.deviceId, id);
    recordChange(store.db, 'events', id, deleted ? 'delete' : 'upsert', now);
  });
}

/** Soft delete: a write of deleted = 1 that syncs and can be undone with restoreEvent. */
export function deleteEvent(store: StoreContext, id: string): void {
  getEvent(store, id);
  setDeleted(store, id, true);
}

/**
 * Undo of a delete. Restoring a live event changes nothing (a double undo is harmless); an event
 * whose game or video was deleted since stays deleted, because it would point at nothing shown.
 */
export function restoreEvent(store: StoreContext, id: string): GameEvent {
  const event = findEvent(store, id);
  if (!event) throw new AppFailure('not-found', 'That event no longer exists.');
  if (!event.deleted) return event;
  getGame(store, event.gameId);
  getVideo(store, event.videoId);
  setDeleted(store, id, false);
  return getEvent(store, id);
}
