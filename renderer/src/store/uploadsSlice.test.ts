import { describe, expect, it } from 'vitest';
import type { CommandName, RinksideBridge } from '../../../electron/contract/index.ts';
import { createAppStore } from './createAppStore.ts';

/** A bridge whose setAutoUpload answer the test releases (or refuses) by hand. */
function slowBridge() {
  let answer: { resolve: (v: unknown) => void; reject: (e: unknown) => void } | null = null;
  const bridge: RinksideBridge = {
    invoke: ((command: CommandName, args: { enabled?: boolean }) => {
      if (command === 'videos.autoUploadSetting') return Promise.resolve({ enabled: false });
      if (command === 'videos.setAutoUpload')
        return new Promise((resolve, reject) => {
          answer = { resolve: () => resolve({ enabled: args.enabled } as never), reject };
        });
      return Promise.resolve([]);
    }) as RinksideBridge['invoke'],
    on: (() => () => undefined) as RinksideBridge['on'],
  };
  return { bridge, answer: () => answer! };
}

describe('uploads slice: the automatic-upload setting', () => {
  it('follows the click before the engine answers, and keeps the answer', async () => {
    const { bridge, answer } = slowBridge();
    const store = createAppStore(bridge);
    await store.getState().loadAutoUpload();
    expect(store.getState().autoUpload).toBe(false);
    const saving = store.getState().setAutoUpload(true);
    expect(store.getState().autoUpload).toBe(true);
    answer().resolve(undefined);
    await saving;
    expect(store.getState().autoUpload).toBe(true);
  });

  it('goes back to what it was when the engine refuses, and says why', async () => {
    const { bridge, answer } = slowBridge();
    const store = createAppStore(bridge);
    await store.getState().loadAutoUpload();
    const saving = store.getState().setAutoUpload(true);
    expect(store.getState().autoUpload).toBe(true);
    answer().reject({ kind: 'internal', message: 'The library is read-only.' });
    await saving;
    expect(store.getState().autoUpload).toBe(false);
    expect(JSON.stringify(store.getState())).toContain('The library is read-only.');
  });
});
