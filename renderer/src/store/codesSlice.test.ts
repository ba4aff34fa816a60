import { describe, expect, it } from 'vitest';
import { fakeTaggingEngine } from '../tagging/testing/fakeEngine.ts';
import { createAppStore } from './createAppStore.ts';

const SHOT = {
  name: 'shot',
  hotkey: 'q',
  colour: '#ff0000',
  leadS: 2,
  lagS: 1,
  mode: 'instant' as const,
  sortOrder: 0,
};

describe('codes slice', () => {
  it('refuses a player key or another code’s key before asking the engine', async () => {
    const engine = fakeTaggingEngine();
    const store = createAppStore(engine.bridge);
    expect(await store.getState().saveCode(null, { ...SHOT, hotkey: 'j' })).toBe(false);
    expect(store.getState().error?.message).toMatch(/player key/);
    expect(await store.getState().saveCode(null, SHOT)).toBe(true);
    expect(await store.getState().saveCode(null, { ...SHOT, name: 'other' })).toBe(false);
    expect(store.getState().error?.message).toMatch(/already tags "shot"/);
    expect(engine.calls.filter(([c]) => c === 'codes.save')).toHaveLength(1);
  });

  it('undoes an edit back to the previous values', async () => {
    const engine = fakeTaggingEngine();
    const store = createAppStore(engine.bridge);
    await store.getState().saveCode(null, SHOT);
    const id = store.getState().codes[0]!.id;
    await store.getState().saveCode(id, { ...SHOT, leadS: 4, colour: '#00ff00' });
    await store.getState().undo();
    expect(engine.codes.get(id)).toMatchObject({ leadS: 2, colour: '#ff0000' });
    expect(store.getState().codes[0]).toMatchObject({ leadS: 2 });
  });

  it('undoes a delete as a new code, and redo deletes that new code', async () => {
    const engine = fakeTaggingEngine();
    const store = createAppStore(engine.bridge);
    await store.getState().saveCode(null, SHOT);
    const id = store.getState().codes[0]!.id;
    await store.getState().deleteCode(id);
    expect(store.getState().codes).toEqual([]);
    await store.getState().undo();
    const back = store.getState().codes[0]!;
    expect(back).toMatchObject({ name: 'shot', hotkey: 'q' });
    expect(back.id).not.toBe(id);
    await store.getState().redo();
    expect(engine.codes.get(back.id)?.deleted).toBe(true);
    expect(store.getState().codes).toEqual([]);
    // And undoing the very first step (the add) deletes whatever id the code has now.
    await store.getState().undo();
    await store.getState().undo();
    expect(store.getState().codes).toEqual([]);
    expect(store.getState().error).toBeNull();
  });
});
