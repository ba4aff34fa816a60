import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Video } from '../../contract/domain.ts';
import { Affiliation } from '../../contract/affiliation.ts';
import { decodeDetectionsWindow } from '../../contract/detections-window.ts';
import { AffiliationLabels, scoreAffiliations, truthOfTracks } from '../affiliation/score.ts';
import { trackStyles } from '../export/event-clips.ts';
import { openDatabase } from '../store/db.ts';
import type { StoreContext } from '../store/games.ts';
import { engineHarness, fixtureMedia, type EngineHarness } from './engine-harness.test-helper.ts';

// One real analysis on the real model serves every test (2 shared cores): the tests that edit
// tracks come last.
let h: EngineHarness;
let video: Video;
let runId: string;
beforeAll(async () => {
  h = await engineHarness('affiliation');
  video = await h.importFixture('people-10s.mp4');
  const started = await h.call('analysis.start', { videoId: video.id, options: { ep: 'cpu', threads: 1 } });
  runId = started.runId;
  expect((await h.waitFinished(started.jobId)).outcome).toBe('done');
}, 240_000);
afterAll(() => h.close());

function samplesOf(runId: string) {
  const db = new DatabaseSync(join(h.dataDir, 'library.sqlite'), { readOnly: true });
  try {
    return db
      .prepare(
        'SELECT frame_index, pts, track_id, l, a, b, background, stripes, foot_x, foot_y FROM jersey_samples WHERE run_id = ? ORDER BY frame_index, track_id',
      )
      .all(runId);
  } finally {
    db.close();
  }
}

/** A second connection to the engine's library, as the export code reads it. */
function storeOf(): StoreContext {
  return { db: openDatabase(join(h.dataDir, 'library.sqlite')), deviceId: 'test', now: () => new Date().toISOString() };
}

function outboxTables(): string[] {
  const db = new DatabaseSync(join(h.dataDir, 'library.sqlite'), { readOnly: true });
  try {
    return (db.prepare('SELECT table_name FROM outbox ORDER BY seq').all() as { table_name: string }[]).map(
      (r) => r.table_name,
    );
  } finally {
    db.close();
  }
}

// Real analyses on the real model: a generous budget on 2 shared cores.
describe('team affiliation through the engine', { timeout: 120_000 }, () => {
  it('an analysis samples jerseys as it goes; re-sampling the stored run gives the same samples', async () => {
    const during = samplesOf(runId);
    // 10 s of video: about two samples a second for each person on screen.
    expect(during.length).toBeGreaterThan(20);
    const result = await h.call('tracks.affiliations', { runId });
    expect(result.sampled).toBe(true);
    const sampledTracks = new Set(during.map((r) => (r as { track_id: number }).track_id));
    expect(result.tracks.map((t) => t.trackId).sort((a, b) => a - b)).toEqual([...sampledTracks].sort((a, b) => a - b));
    for (const t of result.tracks) {
      expect(Affiliation.options).toContain(t.affiliation);
      expect(t.confidence).toBeGreaterThanOrEqual(0);
      expect(t.confidence).toBeLessThanOrEqual(1);
      expect(t.corrected).toBe(false);
    }
    for (const colour of Object.values(result.colours)) expect(colour).toMatch(/^#[0-9a-f]{6}$/);

    // The on-demand path (a run analysed before sampling existed) decodes the video again.
    const sample = await h.call('tracks.sampleJerseys', { runId });
    expect((await h.waitFinished(sample.jobId)).outcome).toBe('done');
    expect(samplesOf(runId)).toEqual(during);
  });

  it('people outside the drawn rink are off the ice; the home jersey is kept per game', async () => {
    // A rink far from everyone (a sliver at the top-left corner).
    const sliver = [
      { x: 0, y: 0 },
      { x: 0.05, y: 0 },
      { x: 0, y: 0.05 },
    ];
    await h.call('videos.setRinkRegion', { videoId: video.id, points: sliver });
    expect(await h.call('videos.rinkRegion', { videoId: video.id })).toEqual(sliver);
    const off = (await h.call('tracks.affiliations', { runId })).tracks;
    expect(off.length).toBeGreaterThan(0);
    expect(off.every((t) => t.affiliation === 'off-ice')).toBe(true);
    // Exports draw what the overlay draws: nobody off the ice.
    const exported = trackStyles(storeOf(), runId, { teams: [], players: [] } as never);
    expect([...exported.values()].every((style) => style.hidden)).toBe(true);
    await h.call('videos.setRinkRegion', { videoId: video.id, points: null });
    const onIce = await h.call('tracks.affiliations', { runId });
    const styles = trackStyles(storeOf(), runId, { teams: [], players: [] } as never);
    for (const t of onIce.tracks.filter((x) => x.affiliation === 'team-a' || x.affiliation === 'team-b')) {
      expect(styles.get(t.trackId)).toEqual({ colour: onIce.colours[t.affiliation as 'team-a'], hidden: false });
    }
    expect(await h.call('videos.rinkRegion', { videoId: video.id })).toBeNull();
    expect((await h.call('tracks.affiliations', { runId })).tracks.some((t) => t.affiliation !== 'off-ice')).toBe(true);

    expect((await h.call('tracks.affiliations', { runId })).homeGroup).toBeNull();
    await h.call('games.setHomeJersey', { gameId: video.gameId, homeGroup: 'team-b' });
    expect((await h.call('tracks.affiliations', { runId })).homeGroup).toBe('team-b');
    expect(outboxTables()).toEqual(expect.arrayContaining(['rink_regions', 'home_jerseys']));
    await expect(
      h.call('videos.setRinkRegion', { videoId: video.id, points: [{ x: 0, y: 0 }] as never }),
    ).rejects.toThrow();
  });
  it("the analyst's correction wins, follows a merge, stays on a split's first part, and can be taken back", async () => {
    const measured = (await h.call('tracks.affiliations', { runId })).tracks;
    expect(measured.length).toBeGreaterThanOrEqual(2);
    const [a, b] = measured;

    const corrected = await h.call('tracks.setAffiliation', { runId, trackId: a!.trackId, affiliation: 'official' });
    expect(corrected).toEqual({ trackId: a!.trackId, affiliation: 'official', confidence: 1, corrected: true });
    expect(outboxTables()).toContain('affiliation_corrections');

    // Merge the corrected track into an uncorrected one: the kept track carries the correction.
    await h.call('tracks.merge', { runId, keepTrackId: b!.trackId, mergeTrackId: a!.trackId });
    let now = (await h.call('tracks.affiliations', { runId })).tracks;
    expect(now.find((t) => t.trackId === a!.trackId)).toBeUndefined();
    expect(now.find((t) => t.trackId === b!.trackId)).toMatchObject({ affiliation: 'official', corrected: true });

    // Split it: the first part keeps the correction, the new piece is measured afresh.
    // At a frame with samples of the merged track on both sides, so both parts have a jersey.
    const frames = (samplesOf(runId) as { frame_index: number; track_id: number }[])
      .filter((r) => r.track_id === a!.trackId || r.track_id === b!.trackId)
      .map((r) => r.frame_index);
    const at = frames[frames.length >> 1]!;
    const { newTrackId } = await h.call('tracks.split', { runId, trackId: b!.trackId, atFrame: at });
    now = (await h.call('tracks.affiliations', { runId })).tracks;
    expect(now.find((t) => t.trackId === b!.trackId)).toMatchObject({ affiliation: 'official', corrected: true });
    expect(now.find((t) => t.trackId === newTrackId)).toMatchObject({ corrected: false });

    // A new run of the same video starts fresh: corrections belong to the run they were made on.
    const again = await h.call('analysis.start', { videoId: video.id, options: { ep: 'cpu', threads: 1 } });
    expect((await h.waitFinished(again.jobId)).outcome).toBe('done');
    expect(again.runId).not.toBe(runId);
    const fresh = (await h.call('tracks.affiliations', { runId: again.runId })).tracks;
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.some((t) => t.corrected)).toBe(false);
    expect((await h.call('tracks.affiliations', { runId })).tracks.some((t) => t.corrected)).toBe(true);

    // Undo: without the correction the measured affiliation shows again.
    await h.call('tracks.setAffiliation', { runId, trackId: b!.trackId, affiliation: null });
    now = (await h.call('tracks.affiliations', { runId })).tracks;
    expect(now.find((t) => t.trackId === b!.trackId)?.corrected).toBe(false);
  });
});

describe('the teams fixture: real people in two jerseys and stripes on a drawn rink', { timeout: 240_000 }, () => {
  it('the full analysis gives one signature per track and the right affiliations', async () => {
    const teams = await engineHarness('affiliation-teams');
    try {
      const clip = await teams.importFixture('teams-rink.mp4');
      const started = await teams.call('analysis.start', { videoId: clip.id, options: { ep: 'cpu', threads: 1 } });
      expect((await teams.waitFinished(started.jobId)).outcome).toBe('done');
      const window = await teams.call('detections.window', { runId: started.runId, fromS: 0, toS: 600 });
      const frames = decodeDetectionsWindow(window).frames;
      const labels = AffiliationLabels.parse(
        JSON.parse(readFileSync(join(fixtureMedia, 'teams-rink.labels.json'), 'utf8')),
      );
      const result = await teams.call('tracks.affiliations', { runId: started.runId });
      const truths = truthOfTracks(frames, labels, new Set([0]));
      const scores = scoreAffiliations(result.tracks, truths, labels.truths);
      for (const s of scores) {
        expect(s.tracks, `tracks wearing ${s.truth}`).toBeGreaterThan(0);
        expect(s.accuracy, `${s.truth}: ${s.correct}/${s.tracks}`).toBe(1);
      }
    } finally {
      await teams.close();
    }
  });
});
