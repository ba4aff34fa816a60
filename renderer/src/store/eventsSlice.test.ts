import { describe, expect, it } from 'vitest';
import { fakeTaggingEngine, fakeVideo } from '../tagging/testing/fakeEngine.ts';
import { createAppStore } from './createAppStore.ts';

const GAME = 'game-1';
const frameTime = (k: number) => 0.04 + k / 25;

async function setup() {
  const engine = fakeTaggingEngine();
  const store = createAppStore(engine.bridge);
  await store
    .getState()
    .saveCode(null, { name: 'shot', hotkey: 'q', colour: '#ff0000', leadS: 2, lagS: 1, mode: 'instant', sortOrder: 0 });
  await store.getState().saveCode(null, {
    name: 'line change',
    hotkey: 'u',
    colour: '#00ff00',
    leadS: 0.2,
    lagS: 0.2,
    mode: 'span',
    sortOrder: 10,
  });
  store.setState({
    selectedGameId: GAME,
    videos: [fakeVideo(GAME)],
    currentVideoId: 'video-1',
    undoStack: [],
    redoStack: [],
  });
  const [shot, line] = store.getState().codes;
  return { engine, store, shot: shot!, line: line! };
}

describe('events slice', () => {
  it('tags an instant code at the presented frame ∓ lead/lag, and it becomes active', async () => {
    const { store, shot } = await setup();
    await store.getState().tagCode(shot.id, frameTime(100) + 0.001);
    const [event] = store.getState().events;
    expect(event).toMatchObject({
      codeName: 'shot',
      startFrame: 50,
      endFrame: 125,
      startS: frameTime(50),
      endS: frameTime(125),
    });
    expect(store.getState().activeEventId).toBe(event?.id);
    expect(store.getState().undoStack.map((e) => e.label)).toEqual(['tag shot']);
  });

  it('records a span between two presses, with lead and lag around it', async () => {
    const { store, line } = await setup();
    await store.getState().tagCode(line.id, frameTime(40));
    expect(Object.keys(store.getState().recording)).toEqual([line.id]);
    expect(store.getState().events).toEqual([]);
    await store.getState().tagCode(line.id, frameTime(90));
    expect(store.getState().recording).toEqual({});
    expect(store.getState().events[0]).toMatchObject({ startFrame: 35, endFrame: 95 });
  });

  it('nudges the end one frame, undoes and redoes it', async () => {
    const { store, engine, shot } = await setup();
    await store.getState().tagCode(shot.id, frameTime(100));
    const id = store.getState().events[0]!.id;
    await store.getState().nudgeEvent(id, 'end', 1);
    expect(engine.events.get(id)).toMatchObject({ endFrame: 126, endS: frameTime(126) });
    await store.getState().undo();
    expect(engine.events.get(id)).toMatchObject({ endFrame: 125, endS: frameTime(125) });
    expect(store.getState().events[0]?.endFrame).toBe(125);
    await store.getState().redo();
    expect(engine.events.get(id)?.endFrame).toBe(126);
  });

  it('deletes and undoes the delete (the same event comes back), and undoes a tag', async () => {
    const { store, engine, shot } = await setup();
    await store.getState().tagCode(shot.id, frameTime(100));
    const id = store.getState().events[0]!.id;
    await store.getState().deleteEvent(id);
    expect(store.getState().events).toEqual([]);
    await store.getState().undo();
    expect(store.getState().events.map((e) => e.id)).toEqual([id]);
    await store.getState().undo();
    expect(engine.events.get(id)?.deleted).toBe(true);
    expect(store.getState().events).toEqual([]);
    await store.getState().redo();
    expect(store.getState().events.map((e) => e.id)).toEqual([id]);
  });

  it('sets and clears descriptors; a new edit drops the redo branch', async () => {
    const { store, shot } = await setup();
    await store.getState().tagCode(shot.id, frameTime(100));
    const id = store.getState().events[0]!.id;
    await store.getState().setDescriptors(id, { period: '2', team: 'away' });
    await store.getState().setDescriptors(id, { team: undefined, strength: 'PP' });
    expect(store.getState().events[0]?.descriptors).toEqual({ period: '2', strength: 'PP' });
    await store.getState().undo();
    expect(store.getState().events[0]?.descriptors).toEqual({ period: '2', team: 'away' });
    expect(store.getState().redoStack).toHaveLength(1);
    await store.getState().updateEvent(id, { note: 'rebound' });
    expect(store.getState().redoStack).toEqual([]);
  });

  it('applies quick key presses in order, each on top of the last (no lost descriptor, undo in order)', async () => {
    const { store, shot } = await setup();
    await store.getState().tagCode(shot.id, frameTime(100));
    const id = store.getState().events[0]!.id;
    const presses = [
      store.getState().setDescriptors(id, { period: '2' }),
      store.getState().setDescriptors(id, { team: 'home' }),
      store.getState().nudgeEvent(id, 'end', 1),
      store.getState().nudgeEvent(id, 'end', 1),
      store.getState().undo(),
    ];
    await Promise.all(presses);
    expect(store.getState().events[0]).toMatchObject({ endFrame: 126, descriptors: { period: '2', team: 'home' } });
  });

  it('fills the track, its linked player and team from the picked box', async () => {
    const { store, shot } = await setup();
    await store.getState().saveTeam('away', 'Bears', '#000000');
    await store
      .getState()
      .savePlayer(null, { teamId: store.getState().roster.teams[0]!.id, name: 'Ola', number: 9, position: 'F' });
    const player = store.getState().roster.players[0]!;
    store.setState({ tracksRunId: 'run-1' });
    store.getState().pickTrack({ runId: 'run-1', trackId: 2 });
    await store.getState().linkTrack(player.id);
    await store.getState().tagCode(shot.id, frameTime(100));
    expect(store.getState().events[0]?.descriptors).toEqual({
      runId: 'run-1',
      trackId: 2,
      playerId: player.id,
      team: 'away',
    });
  });

  it('undoing a player delete points the events that named the player at the player again', async () => {
    const { store, engine, shot } = await setup();
    await store.getState().saveTeam('home', 'Lions', '#000000');
    await store
      .getState()
      .savePlayer(null, { teamId: store.getState().roster.teams[0]!.id, name: 'Aho', number: 20, position: 'F' });
    const player = store.getState().roster.players[0]!;
    await store.getState().tagCode(shot.id, frameTime(100));
    const id = store.getState().events[0]!.id;
    await store.getState().setDescriptors(id, { playerId: player.id, period: '3' });
    await store.getState().deletePlayer(player.id);
    await store.getState().undo();
    const back = store.getState().roster.players[0]!;
    expect(back.id).not.toBe(player.id);
    expect(engine.events.get(id)?.descriptors).toEqual({ playerId: back.id, period: '3' });
  });

  it('says why when no video is open', async () => {
    const { store, shot } = await setup();
    store.setState({ currentVideoId: null });
    await store.getState().tagCode(shot.id, 1);
    expect(store.getState().error?.message).toMatch(/Open a video first/);
  });
});
