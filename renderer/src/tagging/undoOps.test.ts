import { describe, expect, it } from 'vitest';
import type { Code, GameEvent } from '../../../electron/contract/index.ts';
import {
  codeDeleted,
  eventCreated,
  eventDeleted,
  eventUpdated,
  previousValues,
  resolveOp,
  trackLinked,
  trackSplit,
  withAlias,
} from './undoOps.ts';

const EVENT: GameEvent = {
  id: 'e1',
  gameId: 'g1',
  videoId: 'v1',
  codeId: 'c1',
  codeName: 'shot',
  startS: 1,
  endS: 3,
  startFrame: 25,
  endFrame: 75,
  descriptors: { period: '1' },
  note: 'wide',
  createdAt: '',
  updatedAt: '',
  deviceId: '',
  deleted: false,
};
const CODE: Code = {
  id: 'c1',
  name: 'shot',
  hotkey: 's',
  colour: '#ff0000',
  leadS: 5,
  lagS: 3,
  mode: 'instant',
  sortOrder: 0,
  updatedAt: '',
  deviceId: '',
  deleted: false,
};

describe('inverse commands', () => {
  it('create ↔ delete/restore, delete ↔ restore/delete (same id: deletes are soft)', () => {
    expect(eventCreated(EVENT)).toMatchObject({
      undo: [{ command: 'events.delete', args: { id: 'e1' } }],
      redo: [{ command: 'events.restore', args: { id: 'e1' } }],
    });
    expect(eventDeleted(EVENT)).toMatchObject({
      undo: [{ command: 'events.restore', args: { id: 'e1' } }],
      redo: [{ command: 'events.delete', args: { id: 'e1' } }],
    });
  });

  it('update ↔ update with exactly the previous values of the changed fields', () => {
    const patch = { endFrame: 76, endS: 3.04 };
    expect(previousValues(EVENT, patch)).toEqual({ endFrame: 75, endS: 3 });
    const entry = eventUpdated(EVENT, { descriptors: { period: '2', team: 'home' } });
    expect(entry.undo).toEqual([
      { command: 'events.update', args: { id: 'e1', patch: { descriptors: { period: '1' } } } },
    ]);
    expect(entry.redo).toEqual([
      { command: 'events.update', args: { id: 'e1', patch: { descriptors: { period: '2', team: 'home' } } } },
    ]);
  });

  it('a deleted code comes back as a new code, and later steps follow its new id', () => {
    const entry = codeDeleted(CODE);
    const undo = entry.undo[0]!;
    expect(undo).toMatchObject({
      command: 'codes.save',
      args: { code: { name: 'shot', hotkey: 's' } },
      recreates: { kind: 'row', id: 'c1' },
    });
    const aliases = withAlias({}, undo.recreates!, { id: 'c2' });
    expect(resolveOp(entry.redo[0]!, aliases)).toEqual({ command: 'codes.delete', args: { id: 'c2' } });
    // A second round trip chains: c1 → c2 → c3.
    const again = withAlias(aliases, undo.recreates!, { id: 'c3' });
    expect(resolveOp(entry.redo[0]!, again).args).toEqual({ id: 'c3' });
  });

  it('link ↔ link to the previous player (null = unlinked)', () => {
    expect(trackLinked('r1', 4, null, 'p1')).toMatchObject({
      label: 'link track 4',
      undo: [{ command: 'tracks.link', args: { runId: 'r1', trackId: 4, playerId: null } }],
      redo: [{ command: 'tracks.link', args: { runId: 'r1', trackId: 4, playerId: 'p1' } }],
    });
  });

  it('split ↔ merging the new piece back; a redone split’s new id replaces the old one', () => {
    const entry = trackSplit('r1', 4, 120, 9);
    expect(entry.undo).toEqual([{ command: 'tracks.merge', args: { runId: 'r1', keepTrackId: 4, mergeTrackId: 9 } }]);
    const redo = entry.redo[0]!;
    expect(redo).toMatchObject({ command: 'tracks.split', args: { runId: 'r1', trackId: 4, atFrame: 120 } });
    const aliases = withAlias({}, redo.recreates!, { newTrackId: 11 });
    expect(resolveOp(entry.undo[0]!, aliases).args).toEqual({ runId: 'r1', keepTrackId: 4, mergeTrackId: 11 });
  });

  it('leaves text that is not a recreated id alone', () => {
    const op = eventUpdated(EVENT, { note: 'c1' }).redo[0]!;
    expect(resolveOp(op, { c9: 'c10' })).toEqual(op);
  });
});
