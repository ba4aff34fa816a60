import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { getBridge } from '../bridge/getBridge.ts';
import { connectEvents, createAppStore } from './createAppStore.ts';
import type { AppState } from './types.ts';

const bridge = getBridge();
/** The page's one store. */
export const appStore = createAppStore(bridge);
connectEvents(appStore, bridge);

/** Select several fields at once; re-renders only when one of them changes (useShallow). */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, useShallow(selector));
}
