import type { RinksideBridge } from '../../../electron/contract/index.ts';
import { socketUrl } from './wire.ts';
import { createWebSocketBridge } from './wsBridge.ts';

declare global {
  interface Window {
    /** Exposed by the Electron preload (contextBridge); absent in the browser host. */
    rinkside?: RinksideBridge;
  }
}

let bridge: RinksideBridge | null = null;

/** The preload's bridge inside Electron, else the browser host's WebSocket bridge. One per page. */
export function getBridge(): RinksideBridge {
  if (bridge) return bridge;
  bridge = window.rinkside ?? createWebSocketBridge(socketUrl(window.location), (url) => new WebSocket(url));
  return bridge;
}
