import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../contract/errors.ts';
import type { CodeInput } from '../../contract/tagging.ts';
import { deleteCode, getCode, listCodes, saveCode } from './codes.ts';
import { pendingChanges } from './outbox.ts';
import { failure, useTempStores } from './store.test-helper.ts';

const tempStore = useTempStores('codes');

const icing: CodeInput = {
  name: 'icing',
  hotkey: 'i',
  colour: '#123456',
  leadS: 4,
  lagS: 2,
  mode: 'instant',
  sortOrder: 5,
};

describe('codes', () => {
  it('starts with the hockey defaults in code-window order', () => {
    const store = tempStore();
    const codes = listCodes(store);
    expect(codes).toHaveLength(15);
    expect(codes[0]).toMatchObject({ name: 'shot', hotkey: 's', mode: 'instant', deleted: false });
    expect(codes.find((c) => c.name === 'goal')).toMatchObject({ leadS: 8, lagS: 4 });
    expect(codes.at(-1)).toMatchObject({ name: 'line change', mode: 'span' });
  });

  it('creates a code with a fresh id, sorted by sortOrder, and records it in the outbox', () => {
    const store = tempStore();
    const code = saveCode(store, undefined, icing);
    expect(code).toMatchObject({ ...icing, deviceId: store.deviceId, deleted: false });
    expect(
      listCodes(store)
        .map((c) => c.name)
        .indexOf('icing'),
    ).toBe(1); // shot is 0, icing 5, then 10…
    expect(pendingChanges(store.db)).toEqual([{ table: 'codes', rowId: code.id, op: 'upsert' }]);
  });

  it('updates a code in place, default ones included', () => {
    const store = tempStore();
    const goal = listCodes(store).find((c) => c.name === 'goal');
    if (!goal) throw new Error('no goal code');
    const updated = saveCode(store, goal.id, { ...goal, name: 'GOAL', leadS: 10, hotkey: 'n' });
    expect(updated).toMatchObject({ id: goal.id, name: 'GOAL', leadS: 10, hotkey: 'n' });
    expect(updated.updatedAt > goal.updatedAt).toBe(true);
    expect(updated.deviceId).toBe(store.deviceId);
    expect(listCodes(store)).toHaveLength(15);
    expect(pendingChanges(store.db)).toEqual([{ table: 'codes', rowId: goal.id, op: 'upsert' }]);
  });

  it('refuses a hotkey another live code has, and an unknown id', () => {
    const store = tempStore();
    const clash = failure(() => saveCode(store, undefined, { ...icing, hotkey: 's' }));
    expect(clash.kind).toBe('conflict');
    expect(clash.message).toContain('"shot"');
    const missing = failure(() => saveCode(store, '7f8c3c35-7c2a-4a3e-9d37-2f0b7c8f0a11', icing));
    expect(missing.kind).toBe('not-found');
    expect(pendingChanges(store.db)).toEqual([]);
  });

  it('soft-deletes: the row stays with deleted = 1, the hotkey is free again', () => {
    const store = tempStore();
    const shot = listCodes(store)[0];
    if (!shot) throw new Error('no codes');
    deleteCode(store, shot.id);
    expect(listCodes(store).map((c) => c.name)).not.toContain('shot');
    expect(() => getCode(store, shot.id)).toThrow(AppFailure);
    expect(store.db.prepare('SELECT deleted FROM codes WHERE id = ?').get(shot.id)).toEqual({ deleted: 1 });
    expect(pendingChanges(store.db)).toEqual([{ table: 'codes', rowId: shot.id, op: 'delete' }]);
    expect(saveCode(store, undefined, { ...icing, hotkey: 's' }).hotkey).toBe('s');
    expect(failure(() => deleteCode(store, shot.id)).kind).toBe('not-found');
  });

  it('writes nothing when the outbox row cannot be written (one transaction)', () => {
    const store = tempStore();
    store.db.exec("CREATE TRIGGER no_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox down'); END");
    expect(() => saveCode(store, undefined, icing)).toThrow(/outbox down/);
    expect(listCodes(store).map((c) => c.name)).not.toContain('icing');
  });
});
