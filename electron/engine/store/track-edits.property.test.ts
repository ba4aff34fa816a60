import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { VideoProbe } from '../../contract/domain.ts';
import { openDatabase } from './db.ts';
import { createGame, type StoreContext } from './games.ts';
import { deviceId } from './settings.ts';
import { buildTrackIdResolver, createTrackIdResolver, mergeTracks, splitTrack, type TrackEdit } from './track-edits.ts';
import { addVideo } from './videos.ts';
import { trackSummaryId } from './name-uuid.ts';

/**
 * A reference model: a table of what the analyst sees for every (tracker id, frame), rewritten
 * cell by cell by each edit. The resolver must agree with it everywhere.
 */
const RAW = [1, 2, 3, 4, 5];
const FRAMES = 120;

type Op = { kind: 'merge'; keep: number; merge: number } | { kind: 'split'; track: number; at: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('merge' as const), keep: fc.nat(50), merge: fc.nat(50) }),
  fc.record({ kind: fc.constant('split' as const), track: fc.nat(50), at: fc.integer({ min: 0, max: FRAMES - 1 }) }),
);

interface Model {
  cells: number[][]; // [raw index][frame] → shown id
  merged: Set<number>;
  split: Set<number>;
  edits: TrackEdit[];
}

/**
 * Applies ops the way the store accepts them (picking among live ids, skipping self merges);
 * `apply` gets each accepted edit and returns the split id the store chose (or the model's).
 */
function runModel(
  ops: readonly Op[],
  options: { noMergeIntoSplit?: boolean } = {},
  apply?: (edit: TrackEdit) => number | void,
): Model {
  const cells = RAW.map((id) => Array.from({ length: FRAMES }, () => id));
  const live = new Set(RAW);
  const merged = new Set<number>();
  const split = new Set<number>();
  const edits: TrackEdit[] = [];
  let nextId = Math.max(...RAW) + 1;
  for (const o of ops) {
    const ids = [...live].sort((a, b) => a - b);
    if (o.kind === 'merge') {
      const keep = ids[o.keep % ids.length] ?? 0;
      const gone = ids[o.merge % ids.length] ?? 0;
      if (keep === gone || (options.noMergeIntoSplit && split.has(keep))) continue;
      const edit: TrackEdit = { kind: 'merge', keptTrackId: keep, mergedTrackId: gone };
      apply?.(edit);
      edits.push(edit);
      for (const row of cells) row.forEach((v, f) => (row[f] = v === gone ? keep : v));
      live.delete(gone);
      merged.add(gone);
    } else {
      const track = ids[o.track % ids.length] ?? 0;
      const edit: TrackEdit = { kind: 'split', trackId: track, atFrame: o.at, newTrackId: nextId };
      const chosen = apply?.(edit);
      expect(chosen ?? nextId).toBe(nextId);
      edits.push(edit);
      for (const row of cells) row.forEach((v, f) => (row[f] = v === track && f >= o.at ? nextId : v));
      split.add(track);
      live.add(nextId);
      nextId += 1;
    }
  }
  return { cells, merged, split, edits };
}

function forEachCell(fn: (raw: number, frame: number, shown: number) => void, cells: number[][]): void {
  cells.forEach((row, i) => row.forEach((shown, frame) => fn(RAW[i] ?? -1, frame, shown)));
}

describe('track id resolver (properties)', () => {
  it('agrees with the cell-by-cell model for any sequence of merges and splits', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 14 }), (ops) => {
        const model = runModel(ops);
        const resolve = buildTrackIdResolver(model.edits);
        forEachCell((raw, frame, shown) => expect(resolve(raw, frame)).toBe(shown), model.cells);
      }),
      { numRuns: 300 },
    );
  });

  it('never shows a merged-away id', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 14 }), (ops) => {
        const model = runModel(ops);
        const resolve = buildTrackIdResolver(model.edits);
        forEachCell((raw, frame) => expect(model.merged.has(resolve(raw, frame))).toBe(false), model.cells);
      }),
      { numRuns: 300 },
    );
  });

  it('is idempotent unless a track is merged into one split earlier (see the unit test on identity switches)', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 14 }), (ops) => {
        const model = runModel(ops, { noMergeIntoSplit: true });
        const resolve = buildTrackIdResolver(model.edits);
        forEachCell((raw, frame) => {
          const once = resolve(raw, frame);
          expect(resolve(once, frame)).toBe(once);
        }, model.cells);
      }),
      { numRuns: 300 },
    );
  });
});

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function storeWithRun(): { store: StoreContext; runId: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rinkside-tracks-prop-'));
  dirs.push(dir);
  const db = openDatabase(join(dir, 'library.sqlite'));
  let tick = 0;
  const store = { db, deviceId: deviceId(db), now: () => new Date(Date.UTC(2026, 2, 1, 0, 0, tick++)).toISOString() };
  const game = createGame(store, { title: 'G', date: '2026-02-20', home: 'H', away: 'A' });
  const video = addVideo(store, {
    gameId: game.id,
    path: '/v.mp4',
    sizeBytes: 1,
    sha256: 'x',
    probe: {} as VideoProbe,
  });
  const runId = '5a1f0c7e-3b4d-4e8a-9c1f-2d3e4f5a6b7c';
  db.prepare(
    `INSERT INTO analysis_runs (id, video_id, model_name, model_sha256, params_json, status, created_at, updated_at, device_id)
     VALUES (?, ?, 'm', 's', '{}', 'done', 'c', 'u', 'd')`,
  ).run(runId, video.id);
  for (const id of RAW)
    db.prepare(
      `INSERT INTO track_summaries (id, run_id, track_id, class_id, first_frame, last_frame, first_pts, last_pts, box_count, mean_score, updated_at, device_id) VALUES (?, ?, ?, 0, 0, 119, 0, 4, 120, 0.9, 'u', 'd')`,
    ).run(trackSummaryId(runId, id), runId, id);
  return { store, runId };
}

describe('track edits through the store (property)', () => {
  it('stores edits so the resolver read back agrees with the model, split ids included', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 10 }), (ops) => {
        const { store, runId } = storeWithRun();
        try {
          const model = runModel(ops, {}, (edit) =>
            edit.kind === 'merge'
              ? mergeTracks(store, runId, edit.keptTrackId, edit.mergedTrackId)
              : splitTrack(store, runId, edit.trackId, edit.atFrame),
          );
          const resolve = createTrackIdResolver(store, runId);
          forEachCell((raw, frame, shown) => expect(resolve(raw, frame)).toBe(shown), model.cells);
        } finally {
          store.db.close();
        }
      }),
      { numRuns: 25 },
    );
  });
});
