import type * as SqliteModule from 'node:sqlite';
import type { DatabaseSync } from 'node:sqlite';
import { AppFailure } from '../../contract/errors.ts';
import { migrations, type Migration } from './migrations/index.ts';

export type Database = DatabaseSync;

type Sqlite = typeof SqliteModule;
/** How node:sqlite is reached: the runtime's own module, or (in a test) one that fails. */
export type SqliteLoader = () => Sqlite | undefined;

// Looked up at run time, not imported: on a runtime without node:sqlite a static import fails
// while this module loads, with Node's bare "No such built-in module" and no hint what to do.
const builtinSqlite: SqliteLoader = () => process.getBuiltinModule('node:sqlite');

function runtimeName(): string {
  const electron = process.versions['electron'];
  return electron ? `Electron ${electron} (Node ${process.versions.node})` : `Node ${process.versions.node}`;
}

/**
 * Fails fast, with what to do, when node:sqlite is missing or does not answer (an older Node, or
 * an Electron without it); returns the module. Called where the engine and the CLI start, before
 * anything else is touched, and by openDatabase.
 */
export function checkSqliteAvailable(load: SqliteLoader = builtinSqlite): Sqlite {
  const runtime = runtimeName();
  const fix = 'Run Rinkside with Node 24 or later, or with the Electron it ships with.';
  const fail = (problem: string, error?: unknown): never => {
    throw new AppFailure(
      'internal',
      `The library database needs node:sqlite, ${problem}. ${fix}`,
      error === undefined ? undefined : String(error),
    );
  };
  let sqlite: Sqlite | undefined;
  try {
    sqlite = load();
  } catch (error) {
    fail(`and ${runtime} could not load it`, error);
  }
  if (!sqlite) return fail(`which ${runtime} does not have`);
  try {
    const probe = new sqlite.DatabaseSync(':memory:');
    const row = probe.prepare('select sqlite_version() as v').get() as { v?: unknown } | undefined;
    probe.close();
    if (typeof row?.v !== 'string' || !row.v) throw new Error('no answer to select sqlite_version()');
  } catch (error) {
    fail(`and it does not work on ${runtime}`, error);
  }
  return sqlite;
}

/**
 * Opens (creating if needed) the library database: WAL so the analysis job process can write
 * while the engine reads, busy_timeout so short write transactions wait instead of failing,
 * and numbered migrations tracked in PRAGMA user_version.
 */
export function openDatabase(path: string, list: readonly Migration[] = migrations): Database {
  const { DatabaseSync } = checkSqliteAvailable();
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
