import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandArgs, CommandName, CommandResult } from '../../contract/commands.ts';
import type { Video } from '../../contract/domain.ts';
import type { JobFinished } from '../../contract/events.ts';
import { validateCommand } from '../../contract/invoke.ts';
import { createLogger } from '../log.ts';
import { createEngine } from '../engine.ts';
import { testEngineConfig } from '../process/engine-config.test-helper.ts';
import { trackSummaryId } from '../store/name-uuid.ts';

const media = resolve(import.meta.dirname, '../../../tests/fixtures/media');
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function harness() {
  const dataDir = mkdtempSync(join(tmpdir(), 'rinkside-tagging-'));
  const changed: (string | null)[] = [];
  const finished: JobFinished[] = [];
  const commandLines: string[] = [];
  // Silent, but keeps the logged command lines so the test can count ffmpeg runs.
  const log = createLogger((record) => {
    if (record.message.includes('image2pipe')) commandLines.push(record.message);
  });
  const engine = await createEngine({
    config: testEngineConfig(dataDir),
    log,
    emit: (name, payload) => {
      if (name === 'library.changed') changed.push((payload as { gameId: string | null }).gameId);
      if (name === 'job.finished') finished.push(payload as JobFinished);
    },
  });
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  cleanups.push(() => engine.close());
  /** Through validateCommand, as every binding does: defaults applied, bad input refused. */
  const call = async <N extends CommandName>(name: N, args: CommandArgs<N>) => {
    const checked = validateCommand(name, args);
    if (!checked.ok) throw new Error(`${checked.error.message}: ${checked.error.detail ?? ''}`);
    return (await engine.handle(checked.command, checked.args)) as CommandResult<N>;
  };
  const importVideo = async (gameId: string, file: string): Promise<Video> => {
    const { jobId } = await call('videos.import', { gameId, path: join(media, file) });
    for (;;) {
      const done = finished.find((f) => f.jobId === jobId);
      if (done?.outcome === 'done') return done.result as Video;
      if (done) throw new Error(JSON.stringify(done));
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { dataDir, changed, commandLines, call, importVideo, engine };
}

describe('tagging handlers through the engine', () => {
  it('tags a game: codes, events, roster, a track link and thumbnails', async () => {
    const h = await harness();
    const game = await h.call('games.create', { title: 'Final', date: '2026-02-20', home: 'Oilers', away: 'Flames' });
    const video = await h.importVideo(game.id, 'people-10s.mp4');

    const codes = await h.call('codes.list', {});
    expect(codes.map((c) => c.name)).toContain('goal');
    const byName = (name: string) => {
      const code = codes.find((c) => c.name === name);
      if (!code) throw new Error(name);
      return code;
    };
    const icing = await h.call('codes.save', {
      code: { name: 'icing', hotkey: 'i', colour: '#00ff00', leadS: 3, lagS: 3, mode: 'instant', sortOrder: 200 },
    });
    expect((await h.call('codes.list', {})).at(-1)?.name).toBe('icing');
    await h.call('codes.delete', { id: icing.id });
    // Codes are global: every window refreshes.
    expect(h.changed.slice(-2)).toEqual([null, null]);

    h.changed.length = 0;
    const at = (s: number) => ({
      gameId: game.id,
      videoId: video.id,
      startS: s,
      endS: s + 2,
      startFrame: s * 10,
      endFrame: s * 10 + 20,
    });
    const goal = await h.call('events.create', { ...at(7), codeId: byName('goal').id });
    const shot = await h.call('events.create', { ...at(2), codeId: byName('shot').id, descriptors: { period: '1' } });
    await h.call('events.create', { ...at(4), codeId: byName('hit').id, note: 'big one' });
    expect(h.changed).toEqual([game.id, game.id, game.id]);
    expect(goal).toMatchObject({ codeName: 'goal', descriptors: {}, note: '' });
    expect((await h.call('events.list', { gameId: game.id })).map((e) => e.codeName)).toEqual(['shot', 'hit', 'goal']);

    const updated = await h.call('events.update', {
      id: shot.id,
      patch: { codeId: byName('shot on goal').id, note: 'wrister' },
    });
    expect(updated).toMatchObject({ codeName: 'shot on goal', note: 'wrister', descriptors: { period: '1' } });
    await h.call('events.delete', { id: goal.id });
    expect(await h.call('events.list', { gameId: game.id })).toHaveLength(2);
    expect(await h.call('events.restore', { id: goal.id })).toMatchObject({
      id: goal.id,
      codeName: 'goal',
      deleted: false,
    });
    expect(await h.call('events.list', { gameId: game.id })).toHaveLength(3);
    await expect(
      h.call('events.create', { ...at(1), codeId: 'c0de0000-0000-4000-8000-00000000ffff' }),
    ).rejects.toMatchObject({ kind: 'not-found' });

    const home = await h.call('roster.saveTeam', {
      team: { gameId: game.id, side: 'home', name: 'Oilers', colour: '#041e42' },
    });
    await h.call('roster.saveTeam', { team: { gameId: game.id, side: 'away', name: 'Flames', colour: '#c8102e' } });
    const p97 = await h.call('roster.savePlayer', {
      player: { teamId: home.id, name: 'McDavid', number: 97, position: 'F' },
    });
    const extra = await h.call('roster.savePlayer', {
      player: { teamId: home.id, name: 'Extra', number: null, position: null },
    });
    await h.call('roster.deletePlayer', { id: extra.id });
    const roster = await h.call('roster.get', { gameId: game.id });
    expect(roster.teams.map((t) => t.name)).toEqual(['Oilers', 'Flames']);
    expect(roster.players.map((p) => p.name)).toEqual(['McDavid']);

    // A finished run with tracks 1..3, written as the analysis job would (its own connection).
    const runId = '5a1f0c7e-3b4d-4e8a-9c1f-2d3e4f5a6b7c';
    const db = new DatabaseSync(join(h.dataDir, 'library.sqlite'));
    db.exec('PRAGMA busy_timeout = 5000');
    db.prepare(
      `INSERT INTO analysis_runs (id, video_id, model_name, model_sha256, params_json, status, created_at, updated_at, device_id)
       VALUES (?, ?, 'm', 's', '{}', 'done', 'c', 'u', 'd')`,
    ).run(runId, video.id);
    for (const id of [1, 2, 3])
      db.prepare(
        `INSERT INTO track_summaries (id, run_id, track_id, class_id, first_frame, last_frame, first_pts, last_pts, box_count, mean_score, updated_at, device_id) VALUES (?, ?, ?, 0, 0, 99, 0, 9.9, 100, 0.9, 'u', 'd')`,
      ).run(trackSummaryId(runId, id), runId, id);
    db.close();
    h.changed.length = 0;
    expect(await h.call('tracks.link', { runId, trackId: 2, playerId: p97.id })).toEqual({
      runId,
      trackId: 2,
      playerId: p97.id,
    });
    await h.call('tracks.merge', { runId, keepTrackId: 1, mergeTrackId: 2 });
    expect(await h.call('tracks.split', { runId, trackId: 1, atFrame: 50 })).toEqual({ newTrackId: 4 });
    expect(h.changed).toEqual([game.id, game.id, game.id]);

    const jpeg = new Uint8Array(await h.call('thumbnails.get', { videoId: video.id, timeS: 3.35 }));
    expect([jpeg[0], jpeg[1]]).toEqual([0xff, 0xd8]);
    expect(existsSync(join(h.dataDir, 'thumbnails', video.id, '160', '335.jpg'))).toBe(true);
    const cached = new Uint8Array(await h.call('thumbnails.get', { videoId: video.id, timeS: 3.35, width: 160 }));
    expect(cached).toEqual(jpeg);
    expect(h.commandLines).toHaveLength(1);
    await expect(
      h.call('thumbnails.get', { videoId: '0b6c1f1e-9d1a-4c47-8a57-6b3f3c2b1a10', timeS: 1 }),
    ).rejects.toMatchObject({ kind: 'not-found' });
  });
});
