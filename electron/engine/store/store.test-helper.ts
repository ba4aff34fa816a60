import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { AppFailure } from '../../contract/errors.ts';
import { openDatabase } from './db.ts';
import type { StoreContext } from './games.ts';
import { deviceId } from './settings.ts';

/**
 * Real library files in temp folders for store tests, removed after each test. The clock ticks
 * one second per call so updated_at orders writes deterministically.
 */
export function useTempStores(prefix: string): () => StoreContext {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), `rinkside-${prefix}-`));
    dirs.push(dir);
    const db = openDatabase(join(dir, 'library.sqlite'));
    let tick = 0;
    return { db, deviceId: deviceId(db), now: () => new Date(Date.UTC(2026, 2, 1, 0, 0, tick++)).toISOString() };
  };
}

/** The AppFailure fn throws (fails the test when it throws something else or nothing). */
export function failure(fn: () => unknown): AppFailure {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
  throw new Error('expected an AppFailure');
}
