import type { StateCreator } from 'zustand';
import type { Code, CodeInput, RinksideBridge } from '../../../electron/contract/index.ts';
import { asAppError } from '../lib/errorWording.ts';
import { hotkeyProblem } from '../tagging/hotkeys.ts';
import { codeCreated, codeDeleted, codeUpdated } from '../tagging/undoOps.ts';
import type { AppState } from './types.ts';

export interface CodesSlice {
  /** The code window's buttons, in the analyst's order (codes are shared by every game). */
  codes: Code[];
  loadCodes: () => Promise<void>;
  /** Adds (id null) or changes a code; resolves false when refused (the banner says why). */
  saveCode: (id: string | null, input: CodeInput) => Promise<boolean>;
  deleteCode: (id: string) => Promise<void>;
}

export function createCodesSlice(bridge: RinksideBridge): StateCreator<AppState, [], [], CodesSlice> {
  return (set, get) => ({
    codes: [],

    loadCodes: async () => {
      try {
        set({ codes: await bridge.invoke('codes.list', {}) });
      } catch (error) {
        get().showError(asAppError(error), 'Loading the codes');
      }
    },

    saveCode: (id, input) =>
      get().serialize(async () => {
        const before = id === null ? null : (get().codes.find((c) => c.id === id) ?? null);
        // The engine refuses another code's key; the player's and tagging keys only we know.
        const problem = input.hotkey === null ? null : hotkeyProblem(input.hotkey, get().codes, id);
        if (problem) {
          get().showError({ kind: 'invalid-args', message: problem }, `Hotkey for ${input.name}`);
          return false;
        }
        try {
          const saved = await bridge.invoke('codes.save', id === null ? { code: input } : { id, code: input });
          set((state) => ({
            codes: [...state.codes.filter((c) => c.id !== saved.id), saved].sort((a, b) => a.sortOrder - b.sortOrder),
          }));
          get().recordUndo(before ? codeUpdated(before, input) : codeCreated(saved));
          return true;
        } catch (error) {
          get().showError(asAppError(error), `Saving the code ${input.name}`);
          return false;
        }
      }),

    deleteCode: (id) =>
      get().serialize(async () => {
        const code = get().codes.find((c) => c.id === id);
        if (!code) return;
        try {
          await bridge.invoke('codes.delete', { id });
          set((state) => ({ codes: state.codes.filter((c) => c.id !== id) }));
          get().recordUndo(codeDeleted(code));
        } catch (error) {
          get().showError(asAppError(error), `Deleting the code ${code.name}`);
        }
      }),
  });
}
