import { closeSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { AppFailure } from '../../contract/errors.ts';
import { describeNonFile } from '../media/regular-file.ts';
import { checkSqliteAvailable } from './db.ts';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function notLibrary(file: string, why: string): AppFailure {
  return new AppFailure('invalid-args', `"${file}" is not a Rinkside library (${why}).`);
}

/**
 * Whether `file` may be opened as a library named on the command line: 'absent' (a new one will be
 * made there) or 'library'. Anything else is refused before SQLite sees it — opening runs the
 * migrations, which would turn an empty file or someone else's database into a library.
 */
export function checkLibraryFile(file: string): 'absent' | 'library' {
  // node:sqlite through the start-up check, not a static import (see db.ts), and first: a runtime
  // without it is told what to do before anything is said about the file.
  const { DatabaseSync: Sqlite } = checkSqliteAvailable();
  let info: Stats;
  try {
    info = statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw new AppFailure('unreadable', `"${file}" cannot be read.`, String(error));
  }
  if (!info.isFile()) throw notLibrary(file, `it is ${describeNonFile(info)}`);
  if (info.size === 0) throw notLibrary(file, 'it is an empty file');
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (!header.equals(SQLITE_HEADER)) throw notLibrary(file, 'not an SQLite database');
  let db: DatabaseSync | null = null;
  try {
    db = new Sqlite(file);
    const version = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
    const games = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'games'").get();
    if (version < 1 || !games) throw notLibrary(file, 'an SQLite database of another program');
  } catch (error) {
    if (error instanceof AppFailure) throw error;
    throw notLibrary(file, `SQLite cannot read it: ${(error as Error).message}`);
  } finally {
    db?.close();
  }
  return 'library';
}
