import { DatabaseSync } from 'node:sqlite';
import { AppFailure } from '../../contract/errors.ts';
import { migrations, type Migration } from './migrations/index.ts';

export type Database = DatabaseSync;

/**
 * Opens (creating if needed) the library database: WAL so the analysis job process can write
 * while the engine reads, busy_timeout so short write transactions wait instead of failing,
 * and numbered migrations tracked in PRAGMA user_version.
 */
export function openDatabase(path: string, list: readonly Migration[] = migrations): Database {
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(path);
  } catch (error) {
    throw new AppFailure('internal', `Cannot open the library database at ${path}`, String(error));
  }
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA busy_timeout = 5000');
  db.exec('PRAGMA foreign_keys = ON');
  db.exec('PRAGMA synchronous = NORMAL');
  migrate(db, list);
  return db;
}

export function schemaVersion(db: Database): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  return row.user_version;
}

/** Applies every migration above the stored version, each in its own transaction. */
export function migrate(db: Database, list: readonly Migration[] = migrations): void {
  const current = schemaVersion(db);
  const newest = list.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new AppFailure(
      'conflict',
      `This library was written by a newer Rinkside (schema ${current}, this build knows ${newest}). Update Rinkside to open it.`,
    );
  }
  for (const migration of list) {
    if (migration.version <= current) continue;
    transaction(db, () => {
      migration.up(db);
      // PRAGMA does not take bound parameters; the version is a trusted integer from code.
      db.exec(`PRAGMA user_version = ${Math.trunc(migration.version)}`);
    });
  }
}

/** Runs fn in one IMMEDIATE transaction (takes the write lock up front: no upgrade deadlocks). */
export function transaction<T>(db: Database, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

/** Fails fast with a clear message when node:sqlite is missing (wrong Node/Electron). */
export function checkSqliteAvailable(): void {
  const probe = new DatabaseSync(':memory:');
  const row = probe.prepare('select sqlite_version() as v').get() as { v: string } | undefined;
  probe.close();
  if (!row?.v) throw new AppFailure('internal', 'node:sqlite did not answer a version query');
}
