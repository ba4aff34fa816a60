/**
 * The export commands end to end on a real SQLite library: events, roster, a finished analysis
 * run with a linked track; clips and a reel through the job runner with real ffmpeg; event data
 * out and back in; tracks as MOT.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandArgs, CommandResult, EngineCommandName } from '../../contract/commands.ts';
import type { ClipExportResult } from '../../contract/export.ts';
import type { JobFinished } from '../../contract/events.ts';
import type { EngineContext, HandlerGroup } from '../context.ts';
import { exportHandlers } from '../handlers/export.ts';
import { createJobRunner } from '../jobs/runner.ts';
import { silentLogger } from '../log.ts';
import { identityOf } from '../media/file-identity.ts';
import { probeVideo } from '../media/probe.ts';
import { createTools } from '../media/tools.ts';
import { nodeLauncher } from '../process/node-launcher.ts';
import { createRun, setRunStatus } from '../store/analysis-runs.ts';
import { listCodes } from '../store/codes.ts';
import { openDatabase } from '../store/db.ts';
import { commitChunk } from '../store/detections.ts';
import { createEvent, listEvents } from '../store/events.ts';
import { createGame, type StoreContext } from '../store/games.ts';
import { savePlayer, saveTeam } from '../store/roster.ts';
import { linkTrack } from '../store/track-edits.ts';
import { addVideo } from '../store/videos.ts';
import { frameIndices, listDir, media, tools } from './export.test-helper.ts';
import { parseMot } from './mot.ts';
import { notSignedIn } from '../sync/team-storage-access.ts';

let dir = '';
let store: StoreContext;
let ctx: EngineContext;
const finished: JobFinished[] = [];
const ids = { game: '', game2: '', video: '', video2: '', run: '', events: [] as string[] };

async function call<N extends EngineCommandName>(name: N, args: CommandArgs<N>): Promise<CommandResult<N>> {
  const handlers: HandlerGroup = exportHandlers(ctx);
  const handler = handlers[name] as ((a: CommandArgs<N>) => Promise<CommandResult<N>>) | undefined;
  if (!handler) throw new Error(`no handler for ${name}`);
  return handler(args);
}

async function jobResult(jobId: string): Promise<ClipExportResult> {
  const done = await ctx.jobs.finished(jobId);
  if (done.outcome !== 'done') throw new Error(JSON.stringify(done));
  return done.result as ClipExportResult;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rinkside-export-handlers-'));
  const db = openDatabase(path.join(dir, 'library.sqlite'));
  store = { db, deviceId: 'test-device', now: () => new Date().toISOString() };
  const jobs = createJobRunner({ onProgress: () => {}, onFinished: (f) => finished.push(f), log: silentLogger });
  ctx = {
    config: {
      dataDir: dir,
      appVersion: 'test',
      ffmpegPath: tools.ffmpeg,
      ffprobePath: tools.ffprobe,
      nativeDialogs: false,
      modelsDir: path.join(dir, 'models'),
    },
    store,
    tools: createTools({ ffmpegSetting: tools.ffmpeg, ffprobeSetting: tools.ffprobe }),
    media: {} as EngineContext['media'],
    jobs,
    launcher: nodeLauncher,
    log: silentLogger,
    emit: () => {},
    changed: () => {},
    teamStorage: notSignedIn,
  };
  const game = createGame(store, { title: 'Final', date: '2026-02-20', home: 'Oilers', away: 'Flames' });
  const game2 = createGame(store, { title: 'Rematch', date: '2026-02-22', home: 'Oilers', away: 'Flames' });
  const probe = await probeVideo(tools, media('people-10s.mp4'), { log: silentLogger });
  // As an import records it: exports read only the file whose identity the library holds.
  const identity = identityOf(statSync(media('people-10s.mp4'), { bigint: true }));
  const add = (gameId: string) =>
    addVideo(store, { gameId, path: media('people-10s.mp4'), sizeBytes: identity.size, sha256: 'x', probe, identity });
  const video = add(game.id);
  const video2 = add(game2.id);
  const team = saveTeam(store, undefined, { gameId: game.id, side: 'home', name: 'Oilers', colour: '#FF6600' });
  const player = savePlayer(store, undefined, { teamId: team.id, name: 'McDavid', number: 97, position: 'F' });
  const code = listCodes(store)[0];
  if (!code) throw new Error('no seeded codes');
  const run = createRun(store, {
    videoId: video.id,
    modelName: 'm',
    modelSha256: 's',
    options: { ep: 'cpu', threads: 1, score: 0.3, nms: 0.45 },
    framesTotal: 100,
  });
  const frames = Array.from({ length: 100 }, (_, i) => ({
    index: i,
    pts: i / 10,
    boxes: [{ x1: 300 + i, y1: 200, x2: 380 + i, y2: 400, score: 0.9, classId: 0, trackId: 4 }],
  }));
  commitChunk(db, run.id, frames, { framesDone: 100, nextFrame: 100, now: store.now() });
  setRunStatus(store, run.id, 'done');
  linkTrack(store, run.id, 4, player.id);
  const ev = (startS: number, endS: number, extra: object) =>
    createEvent(store, {
      gameId: game.id,
      videoId: video.id,
      codeId: code.id,
      startS,
      endS,
      startFrame: startS * 10,
      endFrame: endS * 10,
      descriptors: {},
      note: '',
      ...extra,
    }).id;
  ids.events = [
    ev(5, 6, { descriptors: { period: '2', team: 'home', playerId: player.id, strength: 'PP' }, note: 'one-timer' }),
    ev(1, 1.5, {}),
  ];
  Object.assign(ids, { game: game.id, game2: game2.id, video: video.id, video2: video2.id, run: run.id });
});

afterAll(async () => {
  await ctx.jobs.cancelAll();
  store.db.close();
  await rm(dir, { recursive: true, force: true });
});

describe('export handlers', () => {
  it('exports one annotated clip per event, named by code, period and clock', async () => {
    const out = path.join(dir, 'clips');
    mkdirSync(out);
    const { jobId } = await call('export.clips', {
      eventIds: ids.events,
      mode: 'clips',
      overlays: { boxes: true, ids: true, names: true, caption: true },
      outDir: out,
    });
    const result = await jobResult(jobId);
    expect(result.warnings).toEqual([]);
    expect(result.files.map((f) => path.basename(f))).toEqual([
      expect.stringMatching(/^01 .* P2 0-0\d\.\d\.mp4$/),
      expect.stringMatching(/^02 /),
    ]);
    expect(listDir(out)).toEqual(result.files.map((f) => path.basename(f)).sort());
    expect(await frameIndices(result.files[0] ?? '', 768, 576)).toEqual(Array.from({ length: 10 }, (_, k) => 50 + k));
  });

  it('exports a clean highlight reel of the events in the order given', async () => {
    const out = path.join(dir, 'reel');
    mkdirSync(out);
    const { jobId } = await call('export.clips', {
      eventIds: [ids.events[1] ?? '', ids.events[0] ?? ''],
      mode: 'reel',
      overlays: null,
      outDir: out,
    });
    const result = await jobResult(jobId);
    expect(result.files).toHaveLength(1);
    expect(await frameIndices(result.files[0] ?? '', 768, 576)).toEqual([
      ...Array.from({ length: 5 }, (_, k) => 10 + k),
      ...Array.from({ length: 10 }, (_, k) => 50 + k),
    ]);
    // One chapter per event, titled with its caption (code · period · clock).
    const chapters = JSON.parse(
      execFileSync(tools.ffprobe, ['-v', 'error', '-show_chapters', '-of', 'json', result.files[0] ?? '']).toString(),
    ) as { chapters: { start_time: string; end_time: string; tags: { title: string } }[] };
    const code = listCodes(store)[0]?.name ?? '';
    expect(chapters.chapters.map((c) => [Number(c.start_time), Number(c.end_time)])).toEqual([
      [0, 0.5],
      [0.5, 1.5],
    ]);
    expect(chapters.chapters.map((c) => c.tags.title)).toEqual([
      expect.stringMatching(new RegExp(`^${code} · 0:01\\.\\d$`)),
      expect.stringMatching(new RegExp(`^${code} · P2 · 0:0\\d\\.\\d$`)),
    ]);
  });

  it('cancels an export job: outcome cancelled, nothing left in the folder', async () => {
    const out = path.join(dir, 'cancelled');
    mkdirSync(out);
    const { jobId } = await call('export.clips', {
      eventIds: ids.events,
      mode: 'reel',
      overlays: { boxes: true, ids: true, names: true, caption: true },
      outDir: out,
    });
    // Let it reach ffmpeg (the stage names the clip), then cancel.
    for (let i = 0; i < 400 && !ctx.jobs.list().some((j) => j.jobId === jobId && j.stage.startsWith('reel')); i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    ctx.jobs.cancel(jobId);
    expect((await ctx.jobs.finished(jobId)).outcome).toBe('cancelled');
    expect(listDir(out)).toEqual([]);
  });

  it('refuses a folder that does not exist and an unknown event before starting a job', async () => {
    await expect(
      call('export.clips', { eventIds: ids.events, mode: 'clips', overlays: null, outDir: path.join(dir, 'nope') }),
    ).rejects.toMatchObject({ kind: 'not-found' });
    await expect(
      call('export.clips', {
        eventIds: ['00000000-0000-4000-8000-000000000000'],
        mode: 'clips',
        overlays: null,
        outDir: dir,
      }),
    ).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('writes CSV and JSON event data', async () => {
    const csv = await call('export.events', { gameId: ids.game, format: 'csv', path: path.join(dir, 'events.csv') });
    expect(csv.count).toBe(2);
    const text = readFileSync(csv.path, 'utf8');
    expect(text).toContain(',5,6,1,50,60,Oilers,home,97 McDavid,PP,,one-timer,people-10s.mp4,');
    const json = await call('export.events', { gameId: ids.game, format: 'json', path: path.join(dir, 'events.json') });
    const doc = JSON.parse(readFileSync(json.path, 'utf8')) as {
      game: { title: string };
      events: { startS: number }[];
    };
    expect(doc.game.title).toBe('Final');
    expect(doc.events.map((e) => e.startS)).toEqual([1, 5]);
  });

  it('round-trips Sportscode XML: re-import adds nothing, import into another game recreates the events', async () => {
    const file = path.join(dir, 'timeline.xml');
    const exported = await call('export.events', { gameId: ids.game, format: 'sportscode', path: file });
    expect(exported.count).toBe(2);
    expect(await call('import.sportscode', { gameId: ids.game, videoId: ids.video, path: file })).toMatchObject({
      imported: 0,
      skipped: 2,
    });
    const again = await call('import.sportscode', { gameId: ids.game2, videoId: ids.video2, path: file });
    expect(again).toMatchObject({ imported: 2, skipped: 0 });
    const events = listEvents(store, ids.game2);
    expect(events.map((e) => [e.startS, e.endS, e.startFrame])).toEqual([
      [1, 1.5, 10],
      [5, 6, 50],
    ]);
    // Game 2 has no roster: the player is kept in the note rather than lost.
    expect(events[1]?.descriptors).toMatchObject({ period: '2', team: 'home', strength: 'PP' });
    expect(events[1]?.note).toBe('one-timer\nPlayer: 97 McDavid');
    await expect(
      call('import.sportscode', { gameId: ids.game, videoId: ids.video, path: path.join(dir, 'missing.xml') }),
    ).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('refuses relative paths, FIFOs and symbolic links as export targets', async () => {
    const cwd = process.cwd();
    await expect(call('export.events', { gameId: ids.game, format: 'csv', path: 'events.csv' })).rejects.toMatchObject({
      kind: 'invalid-args',
    });
    await expect(
      call('export.clips', { eventIds: ids.events, mode: 'reel', overlays: null, outDir: 'clips' }),
    ).rejects.toMatchObject({ kind: 'invalid-args' });
    await expect(call('export.tracks', { runId: ids.run, path: 'tracks.txt' })).rejects.toMatchObject({
      kind: 'invalid-args',
    });
    expect(existsSync(path.join(cwd, 'events.csv'))).toBe(false);
    const fifo = path.join(dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    await expect(call('export.events', { gameId: ids.game, format: 'csv', path: fifo })).rejects.toMatchObject({
      kind: 'conflict',
    });
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    const target = path.join(dir, 'target.txt');
    writeFileSync(target, 'keep');
    const link = path.join(dir, 'link.txt');
    symlinkSync(target, link);
    await expect(call('export.tracks', { runId: ids.run, path: link })).rejects.toMatchObject({ kind: 'conflict' });
    expect(readFileSync(target, 'utf8')).toBe('keep');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('writes tracks as MOT text with 1-based frames', async () => {
    const file = path.join(dir, 'tracks.txt');
    const result = await call('export.tracks', { runId: ids.run, path: file });
    expect(result.rows).toBe(100);
    const rows = parseMot(readFileSync(file, 'utf8'));
    expect(rows[0]).toEqual({ frame: 1, id: 4, left: 300, top: 200, width: 80, height: 200, conf: 0.9 });
    expect(rows.at(-1)?.frame).toBe(100);
    expect(existsSync(file)).toBe(true);
    expect(listDir(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });
});
