import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../db.ts';
import { migrations } from './index.ts';
import { Id } from '../../../contract/domain.ts';
import { defaultCodeId } from './0003-tagging.ts';
import { trackSummaryId } from '../name-uuid.ts';

function schemaOf(db: DatabaseSync): string[] {
  const rows = db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all() as { type: string; name: string; sql: string }[];
  return rows.map((row) => `${row.type} ${row.name}: ${row.sql.replace(/\s+/g, ' ').trim()}`);
}

describe('migrations', () => {
  it('are numbered 1..n without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('0001 creates games, videos, settings and the outbox with sync columns', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db, migrations.slice(0, 1));
    expect(schemaVersion(db)).toBe(1);
    const columns = (table: string) =>
      (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    for (const table of ['games', 'videos']) {
      expect(columns(table)).toEqual(expect.arrayContaining(['id', 'updated_at', 'device_id', 'deleted']));
    }
    expect(columns('outbox')).toEqual(['seq', 'table_name', 'row_id', 'op', 'created_at']);
    expect(() => db.prepare("INSERT INTO games VALUES ('g', 't', 'd', 'h', 'a', 'c', 'u', 'dev', 2)").run()).toThrow(
      /CHECK/,
    );
  });

  it('is idempotent: migrating twice changes nothing', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db);
    const before = schemaOf(db);
    migrate(db);
    expect(schemaOf(db)).toEqual(before);
  });

  it('matches the schema snapshot (a schema change must come with a new migration)', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db);
    expect(schemaOf(db)).toMatchSnapshot();
  });
});

describe('0002 analysis', () => {
  it('adds runs, detection chunks and track summaries on top of 0001 data', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db, migrations.slice(0, 1));
    db.prepare("INSERT INTO games VALUES ('g', 't', '2026-01-01', 'h', 'a', 'c', 'u', 'dev', 0)").run();
    migrate(db, migrations.slice(0, 2));
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT count(*) AS n FROM games').get()).toEqual({ n: 1 });
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (t) => t.name,
    );
    expect(tables).toEqual(expect.arrayContaining(['analysis_runs', 'detection_chunks', 'track_summaries']));
    expect(() =>
      db
        .prepare(
          "INSERT INTO analysis_runs (id, video_id, model_name, model_sha256, params_json, status, created_at, updated_at, device_id) VALUES ('r', 'v', 'm', 's', '{}', 'exploded', 'c', 'u', 'd')",
        )
        .run(),
    ).toThrow(/CHECK/);
  });
});

describe('0003 tagging', () => {
  const tablesOf = (db: DatabaseSync) =>
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);

  it('adds codes, events, roster and track edits on top of 0002 data, with sync columns', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db, migrations.slice(0, 2));
    db.prepare("INSERT INTO games VALUES ('g', 't', '2026-01-01', 'h', 'a', 'c', 'u', 'dev', 0)").run();
    migrate(db, migrations.slice(0, 3));
    expect(schemaVersion(db)).toBe(3);
    expect(db.prepare('SELECT count(*) AS n FROM games').get()).toEqual({ n: 1 });
    expect(tablesOf(db)).toEqual(
      expect.arrayContaining(['codes', 'events', 'teams', 'players', 'track_links', 'track_merges', 'track_splits']),
    );
    const columns = (table: string) =>
      (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    for (const table of ['codes', 'events', 'teams', 'players', 'track_links', 'track_merges', 'track_splits']) {
      expect(columns(table)).toEqual(expect.arrayContaining(['id', 'updated_at', 'device_id', 'deleted']));
    }
    const pk = (db.prepare('PRAGMA table_info(track_links)').all() as { name: string; pk: number }[])
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    expect(pk).toEqual(['run_id', 'track_id']);
  });

  it('seeds the hockey default codes with fixed ids, unique hotkeys and colours, and no outbox rows', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db, migrations.slice(0, 3));
    const codes = db.prepare('SELECT * FROM codes ORDER BY sort_order').all() as {
      id: string;
      name: string;
      hotkey: string;
      colour: string;
      lead_s: number;
      lag_s: number;
      mode: string;
    }[];
    expect(codes.map((c) => c.name)).toEqual([
      'shot',
      'shot on goal',
      'goal',
      'save',
      'faceoff won',
      'faceoff lost',
      'hit',
      'takeaway',
      'giveaway',
      'zone entry',
      'zone exit',
      'dump-in',
      'penalty',
      'blocked shot',
      'line change',
    ]);
    expect(new Set(codes.map((c) => c.hotkey)).size).toBe(codes.length);
    // The player owns space, arrows, , . and J K L G; a code on them would never fire.
    for (const c of codes) expect(['j', 'k', 'l', 'g', 'J', 'K', 'L', 'G', ' ', ',', '.']).not.toContain(c.hotkey);
    for (const c of codes) expect(c.colour).toMatch(/^#[0-9a-f]{6}$/);
    expect(codes.find((c) => c.name === 'goal')).toMatchObject({ lead_s: 8, lag_s: 4, mode: 'instant' });
    expect(codes.find((c) => c.name === 'line change')).toMatchObject({ mode: 'span' });
    // Same ids on every install, so laptops of one team share one default set when they sync.
    expect(codes.map((c) => c.id)).toEqual(codes.map((_, i) => defaultCodeId(i)));
    expect(codes.every((c) => Id.safeParse(c.id).success)).toBe(true);
    // Identical seeds on every install: nothing to push until an analyst edits one.
    expect(db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
  });

  it('refuses an event that ends before it starts and an unknown team side', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db, migrations.slice(0, 3));
    expect(() =>
      db
        .prepare(
          "INSERT INTO events (id, game_id, video_id, code_id, code_name, start_s, end_s, start_frame, end_frame, created_at, updated_at, device_id) VALUES ('e', 'g', 'v', 'c', 'n', 5, 4, 50, 40, 'c', 'u', 'd')",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO teams (id, game_id, side, name, colour, updated_at, device_id) VALUES ('t', 'g', 'visitors', 'n', '#000000', 'u', 'd')",
        )
        .run(),
    ).toThrow(/CHECK/);
  });
});

describe('0004 playlists', () => {
  it('adds playlists with sync columns on top of 0003 data', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db, migrations.slice(0, 3));
    db.prepare("INSERT INTO games VALUES ('g', 't', '2026-01-01', 'h', 'a', 'c', 'u', 'dev', 0)").run();
    migrate(db, migrations.slice(0, 4));
    expect(schemaVersion(db)).toBe(4);
    const columns = (db.prepare('PRAGMA table_info(playlists)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(
      expect.arrayContaining(['id', 'game_id', 'name', 'event_ids_json', 'updated_at', 'device_id', 'deleted']),
    );
    expect(() =>
      db.prepare("INSERT INTO playlists VALUES ('p', 'no-such-game', 'n', '[]', 'c', 'u', 'd', 0)").run(),
    ).toThrow(/FOREIGN KEY/);
  });
});

describe('0006 video file identity', () => {
  it('adds device, inode and mtime to videos, NULL for videos imported before it', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db, migrations.slice(0, 5));
    db.prepare("INSERT INTO games VALUES ('g', 't', '2026-01-01', 'h', 'a', 'c', 'u', 'dev', 0)").run();
    db.prepare(
      "INSERT INTO videos (id, game_id, path, file_name, size_bytes, sha256, probe_json, imported_at, updated_at, device_id) VALUES ('v', 'g', '/v.mp4', 'v.mp4', 10, 's', '{}', 'i', 'u', 'd')",
    ).run();
    migrate(db, migrations.slice(0, 6));
    expect(schemaVersion(db)).toBe(6);
    expect(db.prepare('SELECT file_dev, file_ino, file_mtime_ns, size_bytes FROM videos').all()).toEqual([
      { file_dev: null, file_ino: null, file_mtime_ns: null, size_bytes: 10 },
    ]);
  });
});

describe('0007 sync', () => {
  it("gives existing track summaries name-based ids and their run's time; games and codes get a team", () => {
    const db = new DatabaseSync(':memory:');
    migrate(db, migrations.slice(0, 6));
    db.prepare("INSERT INTO games VALUES ('g', 't', '2026-01-01', 'h', 'a', 'c', 'u', 'dev', 0)").run();
    db.prepare(
      "INSERT INTO videos (id, game_id, path, file_name, size_bytes, sha256, probe_json, imported_at, updated_at, device_id) VALUES ('v', 'g', '/v.mp4', 'v.mp4', 10, 's', '{}', 'i', 'u', 'd')",
    ).run();
    db.prepare(
      "INSERT INTO analysis_runs (id, video_id, model_name, model_sha256, params_json, status, created_at, updated_at, device_id) VALUES ('r', 'v', 'm', 's', '{}', 'done', 'c', '2026-02-02T00:00:00.000Z', 'laptop')",
    ).run();
    db.prepare('INSERT INTO track_summaries VALUES (?, ?, 0, 0, 9, 0, 0.3, 10, 0.9)').run('r', 4);
    migrate(db, migrations.slice(0, 7));
    expect(schemaVersion(db)).toBe(7);
    expect(
      db.prepare('SELECT id, run_id, track_id, box_count, updated_at, device_id, deleted FROM track_summaries').all(),
    ).toEqual([
      {
        id: trackSummaryId('r', 4),
        run_id: 'r',
        track_id: 4,
        box_count: 10,
        updated_at: '2026-02-02T00:00:00.000Z',
        device_id: 'laptop',
        deleted: 0,
      },
    ]);
    expect(db.prepare('SELECT team_id, from_teammate FROM games').all()).toEqual([{ team_id: null, from_teammate: 0 }]);
    expect(db.prepare('SELECT count(*) AS n FROM codes WHERE team_id IS NULL').get()).toEqual({ n: 15 });
    expect(() => db.prepare('UPDATE games SET from_teammate = 2').run()).toThrow(/CHECK/);
  });
});

describe('0008 uploads', () => {
  it('adds uploads and their acknowledged parts; one open upload per target; parts go with their upload', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db);
    expect(schemaVersion(db)).toBe(8);
    db.exec('PRAGMA foreign_keys = ON');
    const insert = (id: string, status: string) =>
      db
        .prepare(
          `INSERT INTO uploads (id, target_kind, target_id, file_path, sha256, size_bytes, file_dev, file_ino, file_mtime_ns,
                                part_size, part_count, status, created_at, updated_at)
           VALUES (?, 'video', 'v', '/g.mp4', 's', 10, '1', '2', '3', 8, 2, ?, 'c', 'u')`,
        )
        .run(id, status);
    insert('u1', 'uploading');
    expect(() => insert('u2', 'paused')).toThrow(/UNIQUE/);
    insert('u3', 'done');
    expect(() => insert('u4', 'sent')).toThrow(/CHECK/);
    db.prepare("INSERT INTO upload_parts VALUES ('u1', 1, 8, '\"etag\"', 'a')").run();
    expect(() => db.prepare("INSERT INTO upload_parts VALUES ('u1', 0, 8, 'e', 'a')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO upload_parts VALUES ('nope', 1, 8, 'e', 'a')").run()).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM uploads WHERE id = 'u1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM upload_parts').get()).toEqual({ n: 0 });
    // Local state of this laptop: nothing for the sync.
    expect(db.prepare("SELECT count(*) AS n FROM outbox WHERE table_name LIKE 'upload%'").get()).toEqual({ n: 0 });
  });
});
