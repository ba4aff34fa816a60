import { describe, expect, it } from 'vitest';
import { createGame } from './games.ts';
import { pendingChanges } from './outbox.ts';
import { deletePlayer, getRoster, savePlayer, saveTeam } from './roster.ts';
import { failure, useTempStores } from './store.test-helper.ts';

const tempStore = useTempStores('roster');

function setup() {
  const store = tempStore();
  const game = createGame(store, { title: 'Final', date: '2026-02-20', home: 'Oilers', away: 'Flames' });
  return { store, game };
}

describe('roster', () => {
  it('saves both teams (home first) and their players by number', () => {
    const { store, game } = setup();
    const away = saveTeam(store, undefined, { gameId: game.id, side: 'away', name: 'Flames', colour: '#c8102e' });
    const home = saveTeam(store, undefined, { gameId: game.id, side: 'home', name: 'Oilers', colour: '#041e42' });
    const mcdavid = savePlayer(store, undefined, { teamId: home.id, name: 'McDavid', number: 97, position: 'F' });
    savePlayer(store, undefined, { teamId: home.id, name: 'Draisaitl', number: 29, position: 'F' });
    savePlayer(store, undefined, { teamId: home.id, name: 'Prospect', number: null, position: null });
    savePlayer(store, undefined, { teamId: away.id, name: 'Markstrom', number: 25, position: 'G' });
    const roster = getRoster(store, game.id);
    expect(roster.teams.map((t) => t.side)).toEqual(['home', 'away']);
    expect(roster.players.map((p) => p.name)).toEqual(['Draisaitl', 'McDavid', 'Prospect', 'Markstrom']);
    expect(mcdavid).toMatchObject({
      teamId: home.id,
      number: 97,
      position: 'F',
      deleted: false,
      deviceId: store.deviceId,
    });
    const tables = pendingChanges(store.db).map((c) => c.table);
    expect(tables).toEqual(['games', 'teams', 'teams', 'players', 'players', 'players', 'players']);
  });

  it('keeps one team per side: saving a new home team renames the existing one', () => {
    const { store, game } = setup();
    const first = saveTeam(store, undefined, { gameId: game.id, side: 'home', name: 'Oilers', colour: '#041e42' });
    const second = saveTeam(store, undefined, { gameId: game.id, side: 'home', name: 'Edmonton', colour: '#ff4c00' });
    expect(second.id).toBe(first.id);
    expect(getRoster(store, game.id).teams).toEqual([second]);
    const away = saveTeam(store, undefined, { gameId: game.id, side: 'away', name: 'Flames', colour: '#c8102e' });
    expect(
      failure(() => saveTeam(store, away.id, { gameId: game.id, side: 'home', name: 'x', colour: '#000000' })).kind,
    ).toBe('conflict');
  });

  it('updates and soft-deletes players; unknown teams, players and games are not-found', () => {
    const { store, game } = setup();
    const home = saveTeam(store, undefined, { gameId: game.id, side: 'home', name: 'Oilers', colour: '#041e42' });
    const player = savePlayer(store, undefined, { teamId: home.id, name: 'Hyman', number: 18, position: 'F' });
    const moved = savePlayer(store, player.id, { teamId: home.id, name: 'Zach Hyman', number: 18, position: 'F' });
    expect(moved).toMatchObject({ id: player.id, name: 'Zach Hyman' });
    deletePlayer(store, player.id);
    expect(getRoster(store, game.id).players).toEqual([]);
    expect(store.db.prepare('SELECT deleted FROM players WHERE id = ?').get(player.id)).toEqual({ deleted: 1 });
    expect(pendingChanges(store.db).at(-1)).toEqual({ table: 'players', rowId: player.id, op: 'delete' });
    const nobody = '0b6c1f1e-9d1a-4c47-8a57-6b3f3c2b1a10';
    expect(failure(() => deletePlayer(store, player.id)).kind).toBe('not-found');
    expect(
      failure(() => savePlayer(store, undefined, { teamId: nobody, name: 'x', number: 1, position: 'D' })).kind,
    ).toBe('not-found');
    expect(failure(() => getRoster(store, nobody)).kind).toBe('not-found');
    expect(
      failure(() => saveTeam(store, undefined, { gameId: nobody, side: 'home', name: 'x', colour: '#000000' })).kind,
    ).toBe('not-found');
  });

  it('does not move a player to another game', () => {
    const { store, game } = setup();
    const other = createGame(store, { title: 'Other', date: '2026-02-21', home: 'A', away: 'B' });
    const home = saveTeam(store, undefined, { gameId: game.id, side: 'home', name: 'Oilers', colour: '#041e42' });
    const elsewhere = saveTeam(store, undefined, { gameId: other.id, side: 'home', name: 'A', colour: '#000000' });
    const player = savePlayer(store, undefined, { teamId: home.id, name: 'Bouchard', number: 2, position: 'D' });
    expect(
      failure(() => savePlayer(store, player.id, { teamId: elsewhere.id, name: 'B', number: 2, position: 'D' })).kind,
    ).toBe('invalid-args');
  });
});
