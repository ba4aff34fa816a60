import { openDatabase } from './db.ts';
import type { StoreContext } from './games.ts';
import { acquireLibraryLock } from './library-lock.ts';
import { deviceId } from './settings.ts';

/** A library this process owns: its lock is held from before the first read until close. */
export interface OwnedLibrary {
  store: StoreContext;
  dbPath: string;
  close(): void;
}

/**
 * Takes the library's lock, then opens (and migrates) the database. Only the lock's owner writes
 * the library or calls its runs interrupted; a second owner gets `library-locked`.
 */
export function openOwnedLibrary(dbPath: string): OwnedLibrary {
  const lock = acquireLibraryLock(dbPath);
  try {
    const db = openDatabase(dbPath);
    const store: StoreContext = { db, deviceId: deviceId(db), now: () => new Date().toISOString() };
    let closed = false;
    return {
      store,
      dbPath,
      close() {
        if (closed) return;
        closed = true;
        try {
          db.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
