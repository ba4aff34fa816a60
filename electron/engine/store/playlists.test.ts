import { describe, expect, it } from 'vitest';
import { createGame } from './games.ts';
import { pendingChanges } from './outbox.ts';
import { deletePlaylist, listPlaylists, savePlaylist } from './playlists.ts';
import { failure, useTempStores } from './store.test-helper.ts';

const tempStore = useTempStores('playlists');
const E1 = '11111111-1111-4111-8111-111111111111';
const E2 = '22222222-2222-4222-8222-222222222222';

describe('playlists', () => {
  it('saves, renames, lists by game and soft-deletes, each with an outbox row', () => {
    const store = tempStore();
    const game = createGame(store, { title: 'G', date: '2026-11-24', home: 'A', away: 'B' });
    const other = createGame(store, { title: 'H', date: '2026-11-25', home: 'A', away: 'B' });
    const hits = savePlaylist(store, undefined, { gameId: game.id, name: 'Hits', eventIds: [E2, E1] });
    savePlaylist(store, undefined, { gameId: other.id, name: 'Other', eventIds: [] });
    expect(listPlaylists(store, game.id).map((p) => [p.name, p.eventIds])).toEqual([['Hits', [E2, E1]]]);
    const renamed = savePlaylist(store, hits.id, { gameId: game.id, name: 'Big hits', eventIds: [E1] });
    expect(renamed).toMatchObject({ id: hits.id, name: 'Big hits', eventIds: [E1] });
    deletePlaylist(store, hits.id);
    expect(listPlaylists(store, game.id)).toEqual([]);
    expect(
      pendingChanges(store.db)
        .filter((c) => c.table === 'playlists')
        .map((c) => c.op),
    ).toEqual(['upsert', 'upsert', 'upsert', 'delete']);
  });

  it('refuses a playlist for an unknown game or an unknown id', () => {
    const store = tempStore();
    const game = createGame(store, { title: 'G', date: '2026-11-24', home: 'A', away: 'B' });
    expect(failure(() => savePlaylist(store, undefined, { gameId: E1, name: 'x', eventIds: [] })).kind).toBe(
      'not-found',
    );
    expect(failure(() => savePlaylist(store, E2, { gameId: game.id, name: 'x', eventIds: [] })).kind).toBe('not-found');
    expect(failure(() => deletePlaylist(store, E2)).kind).toBe('not-found');
  });
});
