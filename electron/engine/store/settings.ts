import { randomUUID } from 'node:crypto';
import type { Database } from './db.ts';

export function getSetting(db: Database, key: string): string | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setSetting(db: Database, key: string, value: string): void {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}

/** This install's id, made once; it breaks last-writer-wins ties between laptops. */
export function deviceId(db: Database): string {
  const existing = getSetting(db, 'device_id');
  if (existing) return existing;
  const id = randomUUID();
  setSetting(db, 'device_id', id);
  return id;
}
