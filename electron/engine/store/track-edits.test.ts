import { describe, expect, it } from 'vitest';
import type { VideoProbe } from '../../contract/domain.ts';
import { createGame } from './games.ts';
import { pendingChanges } from './outbox.ts';
import { deletePlayer, savePlayer, saveTeam } from './roster.ts';
import { createTrackIdResolver, gameOfRun, linkTrack, listTrackLinks, mergeTracks, splitTrack } from './track-edits.ts';
import { addVideo } from './videos.ts';
import { failure, useTempStores } from './store.test-helper.ts';
import { trackSummaryId } from './name-uuid.ts';

const tempStore = useTempStores('tracks');

const RUN = '5a1f0c7e-3b4d-4e8a-9c1f-2d3e4f5a6b7c';
const NOBODY = '0b6c1f1e-9d1a-4c47-8a57-6b3f3c2b1a10';

/** A game, a video, a finished run whose tracker made tracks 1..5, and two players. */
function setup(status = 'done') {
  const store = tempStore();
  const game = createGame(store, { title: 'Final', date: '2026-02-20', home: 'Oilers', away: 'Flames' });
  const video = addVideo(store, {
    gameId: game.id,
    path: '/v.mp4',
    sizeBytes: 1,
    sha256: 'x',
    probe: {} as VideoProbe,
  });
  store.db
    .prepare(
      `INSERT INTO analysis_runs (id, video_id, model_name, model_sha256, params_json, status, created_at, updated_at, device_id)
       VALUES (?, ?, 'yolox', 'sha', '{}', ?, 'c', 'u', 'd')`,
    )
    .run(RUN, video.id, status);
  for (let id = 1; id <= 5; id++) {
    store.db
      .prepare(
        `INSERT INTO track_summaries (id, run_id, track_id, class_id, first_frame, last_frame, first_pts, last_pts, box_count, mean_score, updated_at, device_id) VALUES (?, ?, ?, 0, ?, ?, ?, ?, 10, 0.8, 'u', 'd')`,
      )
      .run(trackSummaryId(RUN, id), RUN, id, id * 10, id * 10 + 100, id, id + 10);
  }
  const team = saveTeam(store, undefined, { gameId: game.id, side: 'home', name: 'Oilers', colour: '#041e42' });
  const p97 = savePlayer(store, undefined, { teamId: team.id, name: 'McDavid', number: 97, position: 'F' }).id;
  const p29 = savePlayer(store, undefined, { teamId: team.id, name: 'Draisaitl', number: 29, position: 'F' }).id;
  return { store, game, p97, p29, resolve: () => createTrackIdResolver(store, RUN) };
}

describe('track links', () => {
  it('links, relinks and unlinks a track, keeping one synced row', () => {
    const { store, p97, p29 } = setup();
    expect(linkTrack(store, RUN, 3, p97)).toEqual({ runId: RUN, trackId: 3, playerId: p97 });
    linkTrack(store, RUN, 3, p29);
    linkTrack(store, RUN, 4, p97);
    linkTrack(store, RUN, 4, null);
    expect(listTrackLinks(store, RUN)).toEqual(
      new Map([
        [3, p29],
        [4, null],
      ]),
    );
    const links = pendingChanges(store.db).filter((c) => c.table === 'track_links');
    expect(links).toHaveLength(4);
    expect(new Set(links.map((c) => c.rowId)).size).toBe(2);
  });

  it('reads a link to a deleted player as unlinked; refuses unknown players and runs', () => {
    const { store, p97 } = setup();
    linkTrack(store, RUN, 1, p97);
    deletePlayer(store, p97);
    expect(listTrackLinks(store, RUN).get(1)).toBeNull();
    expect(failure(() => linkTrack(store, RUN, 2, p97)).kind).toBe('not-found');
    expect(failure(() => linkTrack(store, NOBODY, 2, null)).kind).toBe('not-found');
    expect(failure(() => gameOfRun(store, NOBODY)).kind).toBe('not-found');
  });
});

describe('merges and splits', () => {
  it('resolves merge chains transitively and leaves other tracks alone', () => {
    const { store, resolve } = setup();
    mergeTracks(store, RUN, 1, 2);
    mergeTracks(store, RUN, 3, 1);
    const r = resolve();
    expect([r(1, 0), r(2, 0), r(3, 0), r(4, 0), r(-1, 0)]).toEqual([3, 3, 3, 4, -1]);
    const merges = pendingChanges(store.db).filter((c) => c.table === 'track_merges');
    expect(merges.map((c) => c.op)).toEqual(['upsert', 'upsert']);
  });

  it('refuses merging a track into itself or touching a merged-away track', () => {
    const { store, p97 } = setup();
    expect(failure(() => mergeTracks(store, RUN, 1, 1)).kind).toBe('invalid-args');
    mergeTracks(store, RUN, 1, 2);
    mergeTracks(store, RUN, 3, 1);
    const gone = failure(() => mergeTracks(store, RUN, 2, 4));
    expect(gone.kind).toBe('conflict');
    expect(gone.message).toBe('Track 2 was merged into track 3.');
    expect(failure(() => splitTrack(store, RUN, 1, 50)).kind).toBe('conflict');
    expect(failure(() => linkTrack(store, RUN, 2, p97)).kind).toBe('conflict');
  });

  it('splits at a frame into a fresh id above every id in the run', () => {
    const { store, resolve } = setup();
    expect(splitTrack(store, RUN, 1, 50)).toBe(6);
    expect(splitTrack(store, RUN, 6, 80)).toBe(7);
    expect(splitTrack(store, RUN, 1, 30)).toBe(8);
    const r = resolve();
    // 1 until 29, 8 for 30..49 (the second split of 1 acts on what was still 1), 6 for 50..79, then 7.
    expect([0, 29, 30, 49, 50, 79, 80, 500].map((f) => r(1, f))).toEqual([1, 1, 8, 8, 6, 6, 7, 7]);
    expect(pendingChanges(store.db).filter((c) => c.table === 'track_splits')).toHaveLength(3);
  });

  it('split then merge: the split-off piece joins the kept track', () => {
    const { store, resolve } = setup();
    const piece = splitTrack(store, RUN, 1, 50);
    mergeTracks(store, RUN, 2, piece);
    const r = resolve();
    expect([r(1, 10), r(1, 60), r(2, 60)]).toEqual([1, 2, 2]);
  });

  it('merge then split: the merged frames split with the track they joined', () => {
    const { store, resolve } = setup();
    mergeTracks(store, RUN, 1, 2);
    const piece = splitTrack(store, RUN, 1, 50);
    const r = resolve();
    expect([r(2, 10), r(2, 60), r(1, 60)]).toEqual([1, piece, piece]);
  });

  it('a track merged into a split track joins the piece that kept the id (identity-switch repair)', () => {
    // Track 1 followed McDavid until frame 50, then switched to someone else: split it. McDavid
    // reappears as track 4; merging 4 into 1 must show 4's later frames as 1, not as the new piece.
    const { store, resolve } = setup();
    const other = splitTrack(store, RUN, 1, 50);
    mergeTracks(store, RUN, 1, 4);
    const r = resolve();
    expect([r(1, 60), r(4, 60), r(4, 10)]).toEqual([other, 1, 1]);
  });

  it('the link follows a merge: only the merged track was linked, so the kept one is now', () => {
    const { store, p97, p29 } = setup();
    linkTrack(store, RUN, 2, p97);
    mergeTracks(store, RUN, 1, 2);
    expect(listTrackLinks(store, RUN)).toEqual(new Map([[1, p97]]));
    linkTrack(store, RUN, 3, p29);
    mergeTracks(store, RUN, 1, 3); // both linked: the kept track's player stays
    expect(listTrackLinks(store, RUN)).toEqual(new Map([[1, p97]]));
    const ops = pendingChanges(store.db)
      .filter((c) => c.table === 'track_links')
      .map((c) => c.op);
    expect(ops).toEqual(['upsert', 'upsert', 'delete', 'upsert', 'delete']);
  });

  it('refuses a split while the tracker may still hand out ids', () => {
    for (const status of ['queued', 'running', 'paused']) {
      const { store } = setup(status);
      expect(failure(() => splitTrack(store, RUN, 1, 50)).kind).toBe('conflict');
    }
  });

  it('writes nothing when the outbox row cannot be written (one transaction)', () => {
    const { store, p97, resolve } = setup();
    linkTrack(store, RUN, 2, p97);
    store.db.exec("CREATE TRIGGER no_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox down'); END");
    expect(() => mergeTracks(store, RUN, 1, 2)).toThrow(/outbox down/);
    expect(resolve()(2, 0)).toBe(2);
    expect(listTrackLinks(store, RUN)).toEqual(new Map([[2, p97]]));
  });
});
