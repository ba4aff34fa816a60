import { describe, expect, it } from 'vitest';
import type {
  CommandName,
  EventName,
  Events,
  Game,
  RinksideBridge,
  SyncStatus,
} from '../../../electron/contract/index.ts';
import { connectEvents, createAppStore } from './createAppStore.ts';

const GAME: Game = {
  id: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
  title: 'Final',
  date: '2026-03-01',
  home: 'Lions',
  away: 'Bears',
  createdAt: '2026-03-01T10:00:00Z',
  updatedAt: '2026-03-01T10:00:00Z',
  teamId: null,
  fromTeammate: false,
  deviceId: 'd',
  deleted: false,
};
const TEAM = { id: '1f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f', name: 'Hawks', role: 'member' };
const status = (patch: Partial<SyncStatus> = {}): SyncStatus => ({
  project: { url: 'https://team.supabase.co', source: 'settings' },
  account: { userId: 'u1', email: 'coach@hawks.test' },
  state: 'synced',
  waiting: 0,
  lastSyncedAt: null,
  problem: null,
  nextAttemptAt: null,
  games: {},
  ...patch,
});

/** A scripted bridge, as the other store tests use: answers by command name, events fired by hand. */
function fakeBridge(answers: Partial<Record<CommandName, (args: unknown) => unknown>>) {
  const calls: string[] = [];
  const listeners = new Map<string, ((payload: unknown) => void)[]>();
  const bridge: RinksideBridge = {
    invoke: (async (command: CommandName, args: unknown) => {
      calls.push(command);
      const answer = answers[command];
      if (!answer) return [];
      return answer(args);
    }) as RinksideBridge['invoke'],
    on: ((event: string, listener: (payload: unknown) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return () => undefined;
    }) as RinksideBridge['on'],
  };
  const fire = <E extends EventName>(event: E, payload: Events[E]) => listeners.get(event)?.forEach((l) => l(payload));
  return { bridge, calls, fire };
}
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('sync slice', () => {
  it('keeps a wrong password next to the form and stays signed out; a right one loads the teams', async () => {
    let attempt = 0;
    const { bridge } = fakeBridge({
      'sync.signIn': () => {
        attempt++;
        if (attempt === 1) throw { kind: 'sign-in-failed', message: 'Wrong email or password.' };
        return status();
      },
      'sync.teams': () => [TEAM],
    });
    const store = createAppStore(bridge);
    expect(await store.getState().signIn({ email: 'coach@hawks.test', password: 'nope' })).toBe(false);
    expect(store.getState()).toMatchObject({
      syncError: { kind: 'sign-in-failed' },
      sync: null,
      teams: [],
      syncBusy: false,
    });
    expect(await store.getState().signIn({ email: 'coach@hawks.test', password: 'right' })).toBe(true);
    expect(store.getState()).toMatchObject({ syncError: null, teams: [TEAM] });
    expect(store.getState().sync?.account?.email).toBe('coach@hawks.test');
  });

  it('follows the engine’s status events: a sign-in elsewhere loads the teams, a sign-out clears them', async () => {
    const { bridge, fire, calls } = fakeBridge({ 'sync.teams': () => [TEAM] });
    const store = createAppStore(bridge);
    connectEvents(store, bridge);
    fire('sync.status', status({ state: 'syncing' }));
    await flush();
    expect(store.getState().sync?.state).toBe('syncing');
    expect(store.getState().teams).toEqual([TEAM]);
    fire('sync.status', status({ state: 'synced' }));
    await flush();
    expect(calls.filter((c) => c === 'sync.teams')).toHaveLength(1);
    fire('sync.status', status({ state: 'signed-out', account: null }));
    expect(store.getState().teams).toEqual([]);
  });

  it('reloads what the open game shows when a teammate’s rows arrive for it, only the game list otherwise', async () => {
    const { bridge, fire, calls } = fakeBridge({ 'games.list': () => [GAME], 'videos.list': () => [] });
    const store = createAppStore(bridge);
    connectEvents(store, bridge);
    await store.getState().loadGames();
    await store.getState().selectGame(GAME.id);
    calls.length = 0;
    const reloads = ['games.list', 'videos.list', 'events.list', 'roster.get', 'codes.list', 'playlists.list'];
    fire('sync.remoteChanges', { gameIds: ['00000000-0000-4000-8000-000000000000'], beyondListed: false });
    await flush();
    expect(calls).toEqual(['games.list']);
    calls.length = 0;
    fire('sync.remoteChanges', { gameIds: [GAME.id], beyondListed: false });
    await flush();
    for (const command of reloads) expect(calls).toContain(command);
    // A teammate's code or track edit names no game: the open game reloads all the same.
    calls.length = 0;
    fire('sync.remoteChanges', { gameIds: [], beyondListed: true });
    await flush();
    for (const command of reloads) expect(calls).toContain(command);
  });

  it('shows a shared game as shared at once (the answer replaces it in the list)', async () => {
    const { bridge } = fakeBridge({
      'games.list': () => [GAME],
      'sync.shareGame': () => ({ ...GAME, teamId: TEAM.id }),
    });
    const store = createAppStore(bridge);
    await store.getState().loadGames();
    expect(await store.getState().shareGame(GAME.id, TEAM.id)).toBe(true);
    expect(store.getState().games[0]?.teamId).toBe(TEAM.id);
  });
});
