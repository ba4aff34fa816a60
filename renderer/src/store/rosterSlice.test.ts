import { describe, expect, it } from 'vitest';
import { fakeTaggingEngine } from '../tagging/testing/fakeEngine.ts';
import { createAppStore } from './createAppStore.ts';

async function setup() {
  const engine = fakeTaggingEngine();
  const store = createAppStore(engine.bridge);
  store.setState({ selectedGameId: 'game-1', tracksRunId: 'run-1' });
  await store.getState().saveTeam('home', 'Lions', '#1e88e5');
  const teamId = store.getState().roster.teams[0]!.id;
  await store.getState().savePlayer(null, { teamId, name: 'Aho', number: 20, position: 'F' });
  return { engine, store, player: store.getState().roster.players[0]! };
}

describe('roster slice', () => {
  it('adds a team once per side and edits it back with undo', async () => {
    const { store } = await setup();
    expect(store.getState().undoStack.map((e) => e.label)).toEqual(['add player Aho']);
    await store.getState().saveTeam('home', 'Lions II', '#000000');
    expect(store.getState().roster.teams).toHaveLength(1);
    await store.getState().undo();
    expect(store.getState().roster.teams[0]).toMatchObject({ name: 'Lions', colour: '#1e88e5' });
  });

  it("offers the game's own teams: a player for a side not on the roster adds that team first", async () => {
    const { store } = await setup();
    store.setState({
      games: [
        {
          id: 'game-1',
          title: 'Lions vs Bears',
          date: '2026-12-01',
          home: 'Lions',
          away: 'Bears',
          createdAt: '',
          updatedAt: '',
          deviceId: 'd',
          deleted: false,
          teamId: null,
          fromTeammate: false,
        },
      ],
    });
    const home = store.getState().roster.teams.find((t) => t.side === 'home')!;
    expect(await store.getState().teamFor('home')).toBe(home.id);
    const away = await store.getState().teamFor('away');
    expect(store.getState().roster.teams.find((t) => t.id === away)).toMatchObject({
      side: 'away',
      name: 'Bears',
      colour: '#e53935',
    });
    expect(await store.getState().teamFor('away')).toBe(away);
    expect(store.getState().roster.teams).toHaveLength(2);
  });

  it('links the picked track, undoes to unlinked, redoes', async () => {
    const { store, engine, player } = await setup();
    store.getState().pickTrack({ runId: 'run-1', trackId: 3 });
    await store.getState().linkTrack(player.id);
    expect(store.getState().tracks.find((t) => t.trackId === 3)?.playerId).toBe(player.id);
    await store.getState().undo();
    expect(engine.links.get('run-1#3')).toBeNull();
    await store.getState().redo();
    expect(engine.links.get('run-1#3')).toBe(player.id);
  });

  it('undoes a player delete: the player comes back (new id) with the tracks re-linked', async () => {
    const { store, engine, player } = await setup();
    store.getState().pickTrack({ runId: 'run-1', trackId: 1 });
    await store.getState().linkTrack(player.id);
    await store.getState().deletePlayer(player.id);
    expect(store.getState().roster.players).toEqual([]);
    await store.getState().undo();
    const back = store.getState().roster.players[0]!;
    expect(back).toMatchObject({ name: 'Aho', number: 20 });
    expect(engine.links.get('run-1#1')).toBe(back.id);
    expect(engine.calls.filter(([c]) => c === 'events.update')).toEqual([]);
    // Undoing the link that came before the delete now unlinks from the player's new id.
    await store.getState().undo();
    expect(engine.links.get('run-1#1')).toBeNull();
    await store.getState().redo();
    expect(engine.links.get('run-1#1')).toBe(back.id);
  });

  it('undoes a split by merging the new piece back; redo splits again and follows the new id', async () => {
    const { store, engine } = await setup();
    store.getState().pickTrack({ runId: 'run-1', trackId: 2 });
    await store.getState().splitPicked(40);
    await store.getState().undo();
    await store.getState().redo();
    await store.getState().undo();
    expect(engine.edits).toEqual(['split run-1#2@40', 'merge run-1#101→2', 'split run-1#2@40', 'merge run-1#103→2']);
  });

  it('merges without an undo step (the contract has no unmerge)', async () => {
    const { store, engine } = await setup();
    store.getState().pickTrack({ runId: 'run-1', trackId: 1 });
    const depth = store.getState().undoStack.length;
    await store.getState().mergeIntoPicked(3);
    expect(engine.edits).toEqual(['merge run-1#3→1']);
    expect(store.getState().undoStack).toHaveLength(depth);
  });
});
