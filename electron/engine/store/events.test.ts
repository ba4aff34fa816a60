import { describe, expect, it } from 'vitest';
import type { VideoProbe } from '../../contract/domain.ts';
import { EventInput } from '../../contract/tagging.ts';
import { deleteCode, listCodes, saveCode } from './codes.ts';
import { createEvent, deleteEvent, getEvent, listEvents, restoreEvent, updateEvent } from './events.ts';
import { createGame } from './games.ts';
import { pendingChanges } from './outbox.ts';
import { addVideo } from './videos.ts';
import { failure, useTempStores } from './store.test-helper.ts';

const tempStore = useTempStores('events');

const probe = { durationS: 10, width: 768, height: 576, fps: 10, frameCount: 100 } as VideoProbe;

function setup() {
  const store = tempStore();
  const game = createGame(store, { title: 'Final', date: '2026-02-20', home: 'Oilers', away: 'Flames' });
  const video = addVideo(store, { gameId: game.id, path: '/videos/final.mp4', sizeBytes: 1, sha256: 'x', probe });
  const codes = listCodes(store);
  const code = (name: string) => {
    const found = codes.find((c) => c.name === name);
    if (!found) throw new Error(`no code ${name}`);
    return found;
  };
  // Parsed like the command would be, so defaults (descriptors, note) apply.
  const input = (name: string, startS: number, extra: Record<string, unknown> = {}) =>
    EventInput.parse({
      gameId: game.id,
      videoId: video.id,
      codeId: code(name).id,
      startS,
      endS: startS + 4,
      startFrame: startS * 10,
      endFrame: startS * 10 + 40,
      ...extra,
    });
  return { store, game, video, code, input };
}

describe('events', () => {
  it('creates events with the code name copied and lists them by start time', () => {
    const { store, game, input } = setup();
    const goal = createEvent(
      store,
      input('goal', 6, { note: 'top shelf', descriptors: { period: '2', team: 'home' } }),
    );
    createEvent(store, input('shot', 1));
    createEvent(store, input('hit', 3));
    expect(goal).toMatchObject({ codeName: 'goal', note: 'top shelf', descriptors: { period: '2', team: 'home' } });
    expect(goal.createdAt).toBe(goal.updatedAt);
    expect(listEvents(store, game.id).map((e) => [e.codeName, e.startS])).toEqual([
      ['shot', 1],
      ['hit', 3],
      ['goal', 6],
    ]);
    expect(pendingChanges(store.db).filter((c) => c.table === 'events')).toHaveLength(3);
  });

  it('refuses references that do not exist with a clear not-found', () => {
    const { store, input, code } = setup();
    const unknownCode = failure(() =>
      createEvent(store, { ...input('shot', 1), codeId: 'c0de0000-0000-4000-8000-00000000ffff' }),
    );
    expect(unknownCode.kind).toBe('not-found');
    expect(unknownCode.message).toMatch(/code/);
    deleteCode(store, code('hit').id);
    expect(failure(() => createEvent(store, input('hit', 1))).kind).toBe('not-found');
    const unknownGame = failure(() =>
      createEvent(store, { ...input('shot', 1), gameId: '0b6c1f1e-9d1a-4c47-8a57-6b3f3c2b1a10' }),
    );
    expect(unknownGame).toMatchObject({ kind: 'not-found', message: expect.stringMatching(/game/) as unknown });
    const player = failure(() =>
      createEvent(store, input('shot', 1, { descriptors: { playerId: '0b6c1f1e-9d1a-4c47-8a57-6b3f3c2b1a10' } })),
    );
    expect(player).toMatchObject({ kind: 'not-found', message: expect.stringMatching(/player/) as unknown });
    expect(pendingChanges(store.db).filter((c) => c.table === 'events')).toEqual([]);
  });

  it('refuses a video of another game', () => {
    const { store, input } = setup();
    const other = createGame(store, { title: 'Other', date: '2026-02-21', home: 'A', away: 'B' });
    expect(failure(() => createEvent(store, { ...input('shot', 1), gameId: other.id })).kind).toBe('invalid-args');
  });

  it('updates fields; a new code brings its name, a renamed code leaves old events alone', () => {
    const { store, input, code } = setup();
    const event = createEvent(store, input('shot', 2));
    const saved = updateEvent(store, event.id, { codeId: code('shot on goal').id, note: 'glove save', endS: 9 });
    expect(saved).toMatchObject({ codeName: 'shot on goal', note: 'glove save', startS: 2, endS: 9 });
    expect(saved.updatedAt > event.updatedAt).toBe(true);
    saveCode(store, code('shot on goal').id, { ...code('shot on goal'), name: 'SOG' });
    expect(getEvent(store, event.id).codeName).toBe('shot on goal');
    const backwards = failure(() => updateEvent(store, event.id, { endS: 1 }));
    expect(backwards.kind).toBe('invalid-args');
    expect(getEvent(store, event.id).endS).toBe(9);
  });

  it('soft-deletes and restores an event as it was, each a synced write', () => {
    const { store, game, input } = setup();
    const event = createEvent(store, input('goal', 5, { note: 'pp goal' }));
    deleteEvent(store, event.id);
    expect(listEvents(store, game.id)).toEqual([]);
    expect(failure(() => getEvent(store, event.id)).kind).toBe('not-found');
    expect(failure(() => updateEvent(store, event.id, { note: 'x' })).kind).toBe('not-found');
    expect(store.db.prepare('SELECT deleted FROM events WHERE id = ?').get(event.id)).toEqual({ deleted: 1 });
    const restored = restoreEvent(store, event.id);
    expect(restored).toMatchObject({ id: event.id, note: 'pp goal', startS: 5, deleted: false });
    expect(restoreEvent(store, event.id)).toEqual(restored);
    expect(listEvents(store, game.id)).toHaveLength(1);
    const ops = pendingChanges(store.db).filter((c) => c.table === 'events');
    expect(ops.map((c) => [c.rowId, c.op])).toEqual([
      [event.id, 'upsert'],
      [event.id, 'delete'],
      [event.id, 'upsert'],
    ]);
    expect(failure(() => restoreEvent(store, '0b6c1f1e-9d1a-4c47-8a57-6b3f3c2b1a10')).kind).toBe('not-found');
  });

  it('writes nothing when the outbox row cannot be written (one transaction)', () => {
    const { store, game, input } = setup();
    store.db.exec("CREATE TRIGGER no_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox down'); END");
    expect(() => createEvent(store, input('shot', 1))).toThrow(/outbox down/);
    expect(listEvents(store, game.id)).toEqual([]);
  });
});
