import type { AppError, EventName, Events, RinksideBridge } from '../../../electron/contract/index.ts';
import { CONNECTION_LOST, parseHostFrame, reconnectDelayMs } from './wire.ts';

/** The part of the DOM WebSocket we use, so tests can pass a fake. */
export interface SocketLike {
  readyState: number;
  /** 'arraybuffer' so binary replies arrive as ArrayBuffer, not Blob (set by the bridge). */
  binaryType: string;
  send(data: string): void;
  close(): void;
  // `never` parameters keep the DOM WebSocket assignable (its handlers take Event subtypes).
  onopen: ((event: never) => void) | null;
  onclose: ((event: never) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
}
export type SocketFactory = (url: string) => SocketLike;

interface Pending {
  frame: string;
  sent: boolean;
  resolve: (value: unknown) => void;
  reject: (error: AppError) => void;
}

const OPEN = 1;
/** Emitted to library.changed listeners after a reconnect so views refetch what they missed. */
const RESYNC: Events['library.changed'] = { gameId: null };

/**
 * The browser host's bridge: the same invoke/on API as the Electron preload, over one
 * WebSocket. Invokes made while connecting wait for the socket; when it closes, every waiting
 * invoke is rejected with "Connection to Rinkside lost" and the socket reconnects with backoff.
 */
export function createWebSocketBridge(url: string, openSocket: SocketFactory): RinksideBridge {
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: SocketLike;
  let attempt = 0;
  let everOpened = false;

  const emit = (name: EventName, payload: unknown) => {
    for (const listener of listeners.get(name) ?? []) {
      try {
        listener(payload);
      } catch (error) {
        console.error(`listener for ${name} threw`, error);
      }
    }
  };

  const flush = () => {
    for (const call of pending.values()) {
      if (call.sent) continue;
      socket.send(call.frame);
      call.sent = true;
    }
  };

  // Bulk replies (detection windows, thumbnails) come as one binary frame: [u32 LE invoke id][payload]
  // (electron/host/ws-binding.ts); a binary frame is always a successful reply.
  const resolveBinary = (data: ArrayBuffer) => {
    if (data.byteLength < 4) {
      console.warn('Ignoring a malformed binary frame from the host');
      return;
    }
    const id = new DataView(data).getUint32(0, true);
    const call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    call.resolve(data.slice(4));
  };

  const connect = () => {
    socket = openSocket(url);
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => {
      attempt = 0;
      flush();
      if (everOpened) emit('library.changed', RESYNC);
      everOpened = true;
    };
    socket.onmessage = (event) => {
      if (event.data instanceof ArrayBuffer) {
        resolveBinary(event.data);
        return;
      }
      const frame = typeof event.data === 'string' ? parseHostFrame(event.data) : null;
      if (!frame) {
        console.warn('Ignoring a malformed frame from the host');
        return;
      }
      if (frame.type === 'event') {
        emit(frame.name, frame.payload);
        return;
      }
      if (frame.type === 'invalid-message') {
        // The bridge only sends well-formed invokes: this is a bug worth seeing in the console.
        console.warn(`The host could not read a frame: ${frame.reason}`);
        return;
      }
      const call = pending.get(frame.id);
      if (!call) return;
      pending.delete(frame.id);
      if (frame.ok) call.resolve(frame.value);
      else call.reject(frame.error);
    };
    socket.onclose = () => {
      const lost = [...pending.values()];
      pending.clear();
      for (const call of lost) call.reject({ ...CONNECTION_LOST });
      setTimeout(connect, reconnectDelayMs(attempt));
      attempt += 1;
    };
  };
  connect();

  return {
    invoke(command, args) {
      const id = nextId++;
      const frame = JSON.stringify({ type: 'invoke', id, command, args });
      return new Promise((resolve, reject) => {
        const call: Pending = { frame, sent: false, resolve: resolve as (value: unknown) => void, reject };
        pending.set(id, call);
        if (socket.readyState === OPEN) {
          socket.send(frame);
          call.sent = true;
        }
      });
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => {
        set.delete(wrapped);
      };
    },
  };
}
