import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../db.ts';
import { migrations } from './index.ts';

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
    expect(() =>
      db.prepare("INSERT INTO games VALUES ('g', 't', 'd', 'h', 'a', 'c', 'u', 'dev', 2)").run(),
    ).toThrow(/CHECK/);
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
