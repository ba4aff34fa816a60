import type { IpcMainInvokeEvent } from 'electron';
import type { InvokeReply } from '../contract/invoke.ts';
import type { Logger } from '../engine/log.ts';
import type { CommandRelay } from '../engine/process/relay.ts';

/**
 * The ipcMain side of the relay, kept free of Electron runtime imports so the same code is
 * tested under plain Node against the WebSocket binding (tests/unit/bindings-parity.test.ts).
 */
export function createIpcInvokeHandler(
  relay: CommandRelay,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
  log: Logger,
): (event: IpcMainInvokeEvent, command: unknown, args: unknown) => Promise<InvokeReply> {
  return async (event, command, args) => {
    if (!isTrustedSender(event)) {
      log.warn('refused IPC from an unknown sender', { url: event.senderFrame?.url });
      return { ok: false, error: { kind: 'internal', message: 'Refused: unknown sender' } };
    }
    return relay.invoke(command, args);
  };
}
