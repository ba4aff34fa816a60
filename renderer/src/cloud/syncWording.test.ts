import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../electron/contract/index.ts';
import { gameSyncText, overallSyncText, syncedAtText } from './syncWording.ts';

const now = new Date(2026, 11, 2, 15, 30);
const status = (patch: Partial<SyncStatus>): SyncStatus => ({
  project: { url: 'https://x.supabase.co', source: 'settings' },
  account: { userId: 'u', email: 'a@b.test' },
  state: 'synced',
  waiting: 0,
  lastSyncedAt: null,
  problem: null,
  nextAttemptAt: null,
  games: {},
  ...patch,
});

describe('sync wording', () => {
  it('says nothing for a game that never leaves the laptop', () => {
    expect(gameSyncText(undefined)).toBeNull();
    expect(gameSyncText({ state: 'local' })).toBeNull();
  });

  it('names the waiting changes, the sync in flight, the time of the last sync and the error', () => {
    expect(gameSyncText({ state: 'waiting', waiting: 1 })).toBe('1 change waiting');
    expect(gameSyncText({ state: 'offline', waiting: 3 })).toBe('offline · 3 changes waiting');
    expect(gameSyncText({ state: 'offline', waiting: 0 })).toBe('offline');
    expect(gameSyncText({ state: 'syncing', waiting: 2 })).toBe('syncing 2 changes…');
    const at = new Date(2026, 11, 2, 14, 5).toISOString();
    expect(gameSyncText({ state: 'synced', at }, now)).toBe(`synced ${syncedAtText(at, now)}`);
    expect(syncedAtText(at, now)).toMatch(/14.05|2.05/);
    expect(gameSyncText({ state: 'error', waiting: 1, reason: 'row refused' })).toBe('sync error: row refused');
  });

  it('shows the day for a sync that was not today', () => {
    const yesterday = new Date(2026, 11, 1, 9, 0).toISOString();
    expect(syncedAtText(yesterday, now)).not.toBe(syncedAtText(new Date(2026, 11, 2, 9, 0).toISOString(), now));
  });

  it('headlines the whole library', () => {
    expect(overallSyncText(status({ state: 'not-configured', account: null, project: null }))).toMatch(
      /stays on this laptop/,
    );
    expect(overallSyncText(status({ state: 'offline', waiting: 2 }))).toMatch(/^Offline: 2 changes waiting/);
    expect(overallSyncText(status({ state: 'waiting', waiting: 1 }))).toBe('1 change waiting to sync.');
    expect(overallSyncText(status({ state: 'error' }))).toBe('The last sync failed.');
  });
});
