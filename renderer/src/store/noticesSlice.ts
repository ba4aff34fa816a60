import type { StateCreator } from 'zustand';
import { describeError, isShownAsError } from '../lib/errorWording.ts';
import type { AppState, NoticesSlice } from './types.ts';

export const createNoticesSlice: StateCreator<AppState, [], [], NoticesSlice> = (set) => ({
  error: null,
  engine: { state: 'ready' },
  showError: (error, context) => {
    // Cancelling is the analyst's own choice, never an error (docs/architecture.md, Jobs).
    if (!isShownAsError(error)) return;
    set({ error: describeError(error, context) });
  },
  dismissError: () => set({ error: null }),
  setEngineStatus: (engine) => set({ engine }),
  keyNotice: null,
  setKeyNotice: (keyNotice) => set({ keyNotice }),
});
