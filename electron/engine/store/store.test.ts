import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import type { VideoProbe } from '../../contract/domain.ts';
import { migrate, openDatabase, schemaVersion, type Database } from './db.ts';
import { createGame, deleteGame, getGame, listGames, updateGame, type StoreContext } from './games.ts';
import { migrations } from './migrations/index.ts';
import { pendingChanges } from './outbox.ts';
import { deviceId } from './settings.ts';
import { addVideo, deleteVideo, listVideos, setProxyPath } from './videos.ts';

const dirs: string[] = [];
function tempDb(): { db: Database; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rinkside-store-'));
  dirs.push(dir);
  const path = join(dir, 'library.sqlite');
  return { db: openDatabase(path), path };
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function context(db: Database): StoreContext {
  let tick = 0;
  return { db, deviceId: deviceId(db), now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++)).toISOString() };
}

const probe: VideoProbe = {
  container: 'mov,mp4,m4a,3gp,3g2,mj2',
  durationS: 10,
  width: 768,
  height: 576,
  codec: 'h264',
  profile: 'High',
  pixelFormat: 'yuv420p',
  fps: 10,
  variableFrameRate: false,
  frameCount: 100,
  frameCountExact: true,
  firstFrameTimeS: 0,
  rotation: 0,
  audio: null,
  bitRate: 500000,
};

describe('library database', () => {
  it('opens a real file in WAL mode with a busy timeout and the newest schema', () => {
    const { db } = tempDb();
    const mode = db.prepare('PRAGMA journal_mode').get() as { journal_mode: string };
    const timeout = db.prepare('PRAGMA busy_timeout').get() as Record<string, number>;
    expect(mode.journal_mode).toBe('wal');
    expect(Object.values(timeout)[0]).toBe(5000);
    expect(schemaVersion(db)).toBe(migrations.at(-1)?.version);
  });

  it('refuses a library written by a newer schema instead of corrupting it', () => {
    const { db, path } = tempDb();
    db.exec('PRAGMA user_version = 999');
    db.close();
    expect(() => openDatabase(path)).toThrow(/newer Rinkside/);
  });

  it('rolls a failing migration back and leaves the version unchanged', () => {
    const db = new DatabaseSync(':memory:');
    const broken = [
      ...migrations,
      {
        version: migrations.length + 1,
        name: 'broken',
        up: (d: DatabaseSync) => {
          d.exec('CREATE TABLE half_done (x)');
          d.exec('THIS IS NOT SQL');
        },
      },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(migrations.length);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").all();
    expect(tables).toEqual([]);
  });

  it('keeps a stable device id across reopen', () => {
    const { db, path } = tempDb();
    const first = deviceId(db);
    db.close();
    expect(deviceId(openDatabase(path))).toBe(first);
  });
});

describe('games and videos', () => {
  it('creates, updates and soft-deletes a game, writing an outbox row in each transaction', () => {
    const { db } = tempDb();
    const ctx = context(db);
    const game = createGame(ctx, { title: 'RPI vs Union', date: '2026-11-20', home: 'RPI', away: 'Union' });
    expect(game.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(game.deviceId).toBe(ctx.deviceId);
    const renamed = updateGame(ctx, game.id, { title: 'RPI vs Union (P1)' });
    expect(renamed.title).toBe('RPI vs Union (P1)');
    expect(renamed.updatedAt > game.updatedAt).toBe(true);
    deleteGame(ctx, game.id);
    expect(listGames(ctx)).toEqual([]);
    expect(() => getGame(ctx, game.id)).toThrow(/no longer exists/);
    const row = db.prepare('SELECT deleted FROM games WHERE id = ?').get(game.id) as { deleted: number };
    expect(row.deleted).toBe(1);
    expect(pendingChanges(db).map((c) => c.op)).toEqual(['upsert', 'upsert', 'delete']);
  });

  it('stores a video with its probe and proxy path, and lists only live videos of the game', () => {
    const { db } = tempDb();
    const ctx = context(db);
    const game = createGame(ctx, { title: 'G', date: '2026-11-20', home: 'A', away: 'B' });
    const other = createGame(ctx, { title: 'H', date: '2026-11-21', home: 'A', away: 'B' });
    const video = addVideo(ctx, { gameId: game.id, path: '/v/cam1.mp4', sizeBytes: 42, sha256: 'ab', probe });
    addVideo(ctx, { gameId: other.id, path: '/v/cam2.mp4', sizeBytes: 1, sha256: 'cd', probe });
    expect(video.fileName).toBe('cam1.mp4');
    expect(listVideos(ctx, game.id).map((v) => v.probe)).toEqual([probe]);
    expect(setProxyPath(ctx, video.id, '/cache/p.mp4').proxyPath).toBe('/cache/p.mp4');
    deleteVideo(ctx, video.id);
    expect(listVideos(ctx, game.id)).toEqual([]);
  });

  it('rejects a video for a game that does not exist (foreign key)', () => {
    const { db } = tempDb();
    const ctx = context(db);
    expect(() =>
      addVideo(ctx, {
        gameId: '00000000-0000-4000-8000-000000000000',
        path: '/x.mp4',
        sizeBytes: 1,
        sha256: 'a',
        probe,
      }),
    ).toThrow(/FOREIGN KEY/);
    expect(pendingChanges(db)).toEqual([]);
  });
});
