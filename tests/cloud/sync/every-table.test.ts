// Every synced table through the real schema: a game with a finished analysis (run, track
// summaries), a roster, track links / merges / splits, a custom code, events, a playlist and the
// jersey-team work (affiliation corrections, the home jersey, the drawn rink) is shared, pushed and
// pulled by a teammate; both laptops then hold the same rows, column for column, and the server
// holds them in the team (the code too).
import { describe, expect, it } from 'vitest';
import { AnalysisOptions } from '../../../electron/contract/analysis.ts';
import type { DetectionFrame } from '../../../electron/contract/detection.ts';
import {
  getHomeJersey,
  listAffiliationCorrections,
  setAffiliationCorrection,
  setHomeJersey,
  setRinkRegion,
} from '../../../electron/engine/store/affiliation.ts';
import { createRun, setRunProvider, setRunStatus } from '../../../electron/engine/store/analysis-runs.ts';
import { saveCode } from '../../../electron/engine/store/codes.ts';
import { commitChunk, writeTrackSummaries } from '../../../electron/engine/store/detections.ts';
import { createEvent } from '../../../electron/engine/store/events.ts';
import { getGame } from '../../../electron/engine/store/games.ts';
import { savePlaylist } from '../../../electron/engine/store/playlists.ts';
import { savePlayer, saveTeam } from '../../../electron/engine/store/roster.ts';
import { shareGame } from '../../../electron/engine/store/sharing.ts';
import { linkTrack, mergeTracks, splitTrack } from '../../../electron/engine/store/track-edits.ts';
import { toServerRow } from '../../../electron/engine/sync/row-mapping.ts';
import { SYNCED_TABLES } from '../../../electron/engine/sync/tables.ts';
import { makeGame, makeTeamOf, type Laptop } from './sync-world.ts';
import { syncSuite } from './sync-suite.ts';

const suite = syncSuite();

/** Tracks 1, 2 and 3 over ten frames. */
function frames(): DetectionFrame[] {
  return Array.from({ length: 10 }, (_, i) => ({
    index: i,
    pts: 0.0334 + i / 30,
    boxes: [1, 2, 3].map((trackId) => ({
      x1: 10 * trackId,
      y1: 20,
      x2: 10 * trackId + 40,
      y2: 120,
      score: 0.5 + trackId / 10,
      classId: 0,
      trackId,
    })),
  }));
}

/** The rows of one game in every synced table, as the server would store them (local-only columns left out). */
function gameRows(l: Laptop, gameId: string): Record<string, Record<string, unknown>[]> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const table of SYNCED_TABLES) {
    const where = table.gameJoin ? `${table.gameJoin} WHERE g.id = ?` : 'WHERE t.team_id IS NOT NULL';
    const rows = l.store.db
      .prepare(`SELECT t.* FROM ${table.local} t ${where} ORDER BY t.id`)
      .all(...(table.gameJoin ? [gameId] : [])) as Record<string, unknown>[];
    out[table.server] = rows.map((r) => toServerRow(table, r));
  }
  return out;
}

describe('every synced table', () => {
  it('round-trips laptop → server → teammate, column for column', async () => {
    const { teamId, users } = await makeTeamOf(suite.owner, 'every', 2);
    const a = await suite.laptop(users[0]!.email);
    const b = await suite.laptop(users[1]!.email);
    const { gameId, videoId } = makeGame(a.store);
    const run = createRun(a.store, {
      videoId,
      modelName: 'yolox_nano_416_coco',
      modelSha256: 'cd'.repeat(32),
      options: AnalysisOptions.parse({ stride: 2 }),
      framesTotal: 10,
    });
    setRunProvider(a.store, run.id, 'cpu', [{ ep: 'cpu', ok: true }]);
    commitChunk(a.store.db, run.id, frames(), { framesDone: 10, nextFrame: 10, now: a.store.now() });
    writeTrackSummaries(a.store, run.id);
    setRunStatus(a.store, run.id, 'done');
    const home = saveTeam(a.store, undefined, { gameId, side: 'home', name: 'Lions', colour: '#112233' });
    const player = savePlayer(a.store, undefined, { teamId: home.id, name: 'Aho', number: 20, position: 'F' });
    linkTrack(a.store, run.id, 1, player.id);
    mergeTracks(a.store, run.id, 1, 2);
    splitTrack(a.store, run.id, 3, 5);
    const code = saveCode(a.store, undefined, {
      name: 'forecheck',
      hotkey: 'q',
      colour: '#123456',
      leadS: 3,
      lagS: 2,
      mode: 'instant',
      sortOrder: 200,
    });
    const event = createEvent(a.store, {
      gameId,
      videoId,
      codeId: code.id,
      startS: 0.1,
      endS: 0.3,
      startFrame: 1,
      endFrame: 8,
      descriptors: { period: '2', team: 'home', playerId: player.id, runId: run.id, trackId: 1 },
      note: 'pressure',
    });
    savePlaylist(a.store, undefined, { gameId, name: 'Forechecks', eventIds: [event.id] });
    setAffiliationCorrection(a.store, run.id, 1, 'team-b');
    setAffiliationCorrection(a.store, run.id, 2, 'official');
    setHomeJersey(a.store, gameId, 'team-a');
    setRinkRegion(a.store, videoId, [
      { x: 0.05, y: 0.1 },
      { x: 0.95, y: 0.1 },
      { x: 0.95, y: 0.9 },
      { x: 0.05, y: 0.9 },
    ]);

    shareGame(a.store, gameId, teamId);
    const pushed = await a.sync.syncOnce();
    expect(pushed.error).toBeNull();
    expect(new Set(pushed.pushed.batches.map((x) => x.table))).toEqual(new Set(SYNCED_TABLES.map((t) => t.server)));
    const pulled = await b.sync.syncOnce();
    expect(pulled.error).toBeNull();
    expect(pulled.pulled.refused).toBe(0);

    const onA = gameRows(a, gameId);
    const onB = gameRows(b, gameId);
    expect(onA.track_summaries).toHaveLength(3);
    expect(onA.track_merges).toHaveLength(1);
    expect(onA.track_splits).toHaveLength(1);
    expect(onA.affiliation_corrections).toHaveLength(2);
    expect(onA.home_jerseys).toEqual([expect.objectContaining({ game_id: gameId, home_group: 'team-a' })]);
    expect(onA.rink_regions).toEqual([expect.objectContaining({ video_id: videoId })]);
    expect(onA.codes).toEqual([expect.objectContaining({ id: code.id, team_id: teamId })]);
    expect(onB).toEqual(onA);
    expect(getGame(b.store, gameId)).toMatchObject({ teamId, fromTeammate: true });
    // The video's file stays on laptop A.
    expect(b.store.db.prepare('SELECT path, proxy_path FROM videos WHERE id = ?').get(videoId)).toEqual({
      path: '',
      proxy_path: null,
    });
    for (const table of SYNCED_TABLES) {
      const { rows } = await suite.owner.query<{ n: number; teams: string[] }>(
        `SELECT count(*)::int AS n, array_agg(DISTINCT team_id::text) AS teams FROM public.${table.server}
         WHERE id = ANY($1::uuid[])`,
        [onA[table.server]!.map((r) => r.id)],
      );
      expect({ table: table.server, ...rows[0] }).toEqual({
        table: table.server,
        n: onA[table.server]!.length,
        teams: [teamId],
      });
    }
  });

  it('two laptops setting the same jersey-team fact make one row: the later write wins everywhere', async () => {
    const { teamId, users } = await makeTeamOf(suite.owner, 'jersey', 2);
    const a = await suite.laptop(users[0]!.email);
    const b = await suite.laptop(users[1]!.email);
    const { gameId, videoId } = makeGame(a.store);
    const run = createRun(a.store, {
      videoId,
      modelName: 'yolox_nano_416_coco',
      modelSha256: 'cd'.repeat(32),
      options: AnalysisOptions.parse({ stride: 2 }),
      framesTotal: 10,
    });
    shareGame(a.store, gameId, teamId);
    expect((await a.sync.syncOnce()).error).toBeNull();
    expect((await b.sync.syncOnce()).error).toBeNull();

    // Each corrects track 5 and picks the home jersey before seeing the other's choice.
    setAffiliationCorrection(a.store, run.id, 5, 'team-a');
    setHomeJersey(a.store, gameId, 'team-a');
    expect((await a.sync.syncOnce()).error).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 5)); // B writes later, whatever the clock's resolution
    setAffiliationCorrection(b.store, run.id, 5, 'official');
    setHomeJersey(b.store, gameId, 'team-b');
    const fromB = await b.sync.syncOnce();
    expect(fromB.error).toBeNull();
    expect(fromB.pulled.refused).toBe(0);
    const backToA = await a.sync.syncOnce();
    expect(backToA.error).toBeNull();
    expect(backToA.pulled.refused).toBe(0);

    for (const l of [a, b]) {
      expect(listAffiliationCorrections(l.store.db, run.id)).toEqual(new Map([[5, 'official']]));
      expect(getHomeJersey(l.store.db, gameId)).toBe('team-b');
    }
    const corrections = await suite.owner.query(
      'SELECT affiliation FROM public.affiliation_corrections WHERE run_id = $1',
      [run.id],
    );
    expect(corrections.rows).toEqual([{ affiliation: 'official' }]);
    const jerseys = await suite.owner.query('SELECT home_group FROM public.home_jerseys WHERE game_id = $1', [gameId]);
    expect(jerseys.rows).toEqual([{ home_group: 'team-b' }]);
  });
});
