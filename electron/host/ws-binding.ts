import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../engine/log.ts';
import type { CommandRelay } from '../engine/process/relay.ts';
import { originAllowed, tokenMatches } from './access.ts';

/**
 * Binds the command relay to a WebSocket: the browser host's twin of Electron's ipcMain relay.
 * Wire format (JSON text frames): {type:'invoke', id, command, args} → {type:'reply', id, ok, …};
 * events go out as {type:'event', name, payload}. A successful reply whose value is an
 * ArrayBuffer goes out as a binary frame instead: [u32 LE invoke id][payload].
 */
export function createWsBinding(options: { relay: CommandRelay; token: string; ownOrigin: () => string; log: Logger }) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const clients = new Set<WebSocket>();

  wss.on('connection', (socket: WebSocket) => {
    clients.add(socket);
    socket.on('close', () => clients.delete(socket));
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      let message: { type?: unknown; id?: unknown; command?: unknown; args?: unknown };
      try {
        message = JSON.parse(String(data)) as typeof message;
      } catch {
        return;
      }
      if (message.type !== 'invoke' || typeof message.id !== 'number') return;
      const id = message.id;
      void options.relay.invoke(message.command, message.args).then((reply) => {
        if (socket.readyState !== socket.OPEN) return;
        if (reply.ok && reply.value instanceof ArrayBuffer) {
          // Bulk binary (detection windows, thumbnails) travels as one binary frame, never JSON:
          // [u32 LE invoke id][payload bytes].
          const frame = new Uint8Array(4 + reply.value.byteLength);
          new DataView(frame.buffer).setUint32(0, id, true);
          frame.set(new Uint8Array(reply.value), 4);
          socket.send(frame, { binary: true });
          return;
        }
        socket.send(JSON.stringify({ type: 'reply', id, ...reply }));
      });
    });
  });

  return {
    /** Accepts the upgrade only with the per-launch token and our own Origin. */
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const refuse = (status: number, reason: string) => {
        options.log.warn('websocket refused', { reason, origin: request.headers.origin });
        socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\n\r\n`);
      };
      if (url.pathname !== '/ws') return refuse(404, 'Not Found');
      if (!tokenMatches(options.token, url.searchParams.get('token'))) return refuse(403, 'Forbidden');
      if (!originAllowed(request.headers.origin, options.ownOrigin())) return refuse(403, 'Forbidden');
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    },
    broadcast(name: string, payload: unknown): void {
      const text = JSON.stringify({ type: 'event', name, payload });
      for (const client of clients) if (client.readyState === client.OPEN) client.send(text);
    },
    close(): void {
      for (const client of clients) client.terminate();
      wss.close();
    },
  };
}
