import type { GameSyncState, SyncStatus } from '../../../electron/contract/index.ts';

/** "12:04" today, "3 Dec 12:04" another day: when a game last synced, in the analyst's local time. */
export function syncedAtText(at: string | null, now = new Date()): string {
  if (!at) return '';
  const when = new Date(at);
  const time = when.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  if (when.toDateString() === now.toDateString()) return time;
  return `${when.toLocaleDateString([], { day: 'numeric', month: 'short' })} ${time}`;
}

const changes = (n: number) => (n === 1 ? '1 change' : `${n} changes`);

/** One game's status in a few words for the game list; null for a game that never leaves the laptop. */
export function gameSyncText(state: GameSyncState | undefined, now = new Date()): string | null {
  if (!state || state.state === 'local') return null;
  switch (state.state) {
    case 'offline':
      return state.waiting > 0 ? `offline · ${changes(state.waiting)} waiting` : 'offline';
    case 'waiting':
      return `${changes(state.waiting)} waiting`;
    case 'syncing':
      return `syncing ${changes(state.waiting)}…`;
    case 'synced':
      return state.at ? `synced ${syncedAtText(state.at, now)}` : 'synced';
    case 'error':
      return `sync error: ${state.reason}`;
  }
}

/** The Cloud panel's headline for the whole library. */
export function overallSyncText(status: SyncStatus, now = new Date()): string {
  switch (status.state) {
    case 'not-configured':
      return 'No team cloud set up: everything stays on this laptop.';
    case 'signed-out':
      return 'Signed out: shared games wait here until you sign in.';
    case 'offline':
      return status.waiting > 0
        ? `Offline: ${changes(status.waiting)} waiting, kept here until the team cloud is back.`
        : 'Offline: the team cloud cannot be reached.';
    case 'waiting':
      return `${changes(status.waiting)} waiting to sync.`;
    case 'syncing':
      return 'Syncing…';
    case 'synced':
      return status.lastSyncedAt ? `Synced ${syncedAtText(status.lastSyncedAt, now)}.` : 'Synced.';
    case 'error':
      return 'The last sync failed.';
  }
}
