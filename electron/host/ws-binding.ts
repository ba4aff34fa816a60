import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { isUtf8 } from 'node:buffer';
import { WebSocket, WebSocketServer } from 'ws';
import { MAX_FRAME_BYTES, type HostFrame } from '../contract/host-wire.ts';
import type { Logger } from '../engine/log.ts';
import type { CommandRelay } from '../engine/process/relay.ts';
import { originAllowed, tokenMatches } from './access.ts';

/** Close codes (RFC 6455) the host closes a socket with, and the reason text that goes along. */
const CLOSE_REASONS: Record<number, string> = {
  1002: 'protocol error',
  1007: 'text frame is not valid UTF-8',
  1009: `frame over ${MAX_FRAME_BYTES / (1024 * 1024)} MiB`,
};

/**
 * ws closes a socket that sends a bad frame (over-size, broken framing) itself, with the code
 * only; this adds the reason text, so the client learns why.
 */
class HostSocket extends WebSocket {
  override close(code?: number, reason?: string | Buffer): void {
    super.close(code, reason ?? (code === undefined ? undefined : CLOSE_REASONS[code]));
  }
}

type Frame = Record<string, unknown>;

/** Why a frame is not an invoke, or null when it is one. */
function invalidReason(frame: unknown): string | null {
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) return 'the frame is not a JSON object';
  const f = frame as Frame;
  if (f['type'] !== 'invoke') return 'only {"type":"invoke"} frames are accepted';
  if (typeof f['id'] !== 'number' || !Number.isInteger(f['id']) || f['id'] < 0 || f['id'] > 0xffffffff) {
    return 'an invoke needs an "id" that is a whole number 0–4294967295';
  }
  return null;
}

/**
 * Binds the command relay to a WebSocket: the browser host's twin of Electron's ipcMain relay.
 * The wire is electron/contract/host-wire.ts. One bad frame affects only its own socket: a frame
 * that is not an invoke gets an `invalid-message` reply; an over-size frame, broken framing or
 * invalid UTF-8 closes that socket with a reason; the host keeps serving everyone else.
 */
export function createWsBinding(options: { relay: CommandRelay; token: string; ownOrigin: () => string; log: Logger }) {
  const { log } = options;
  // UTF-8 is checked below rather than by ws, so that the close carries its reason.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    skipUTF8Validation: true,
    WebSocket: HostSocket,
  });
  const clients = new Set<WebSocket>();

  wss.on('connection', (socket: WebSocket) => {
    clients.add(socket);
    const send = (frame: HostFrame) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
    };
    socket.on('close', () => clients.delete(socket));
    // Without a listener, a bad frame's error event would crash the whole host.
    socket.on('error', (error: Error & { code?: string }) => {
      log.warn('websocket closed after a bad frame', { code: error.code, error: error.message });
    });
    socket.on('message', (data, isBinary) => {
      if (isBinary) return send({ type: 'invalid-message', reason: 'binary frames are not accepted' });
      const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
      if (!isUtf8(bytes)) {
        log.warn('websocket closed: a text frame was not valid UTF-8');
        return socket.close(1007);
      }
      let message: unknown;
      try {
        message = JSON.parse(bytes.toString('utf8'));
      } catch {
        return send({ type: 'invalid-message', reason: 'the frame is not valid JSON' });
      }
      const reason = invalidReason(message);
      if (reason) return send({ type: 'invalid-message', reason });
      const { id, command, args } = message as Frame & { id: number };
      void options.relay.invoke(command, args).then((reply) => {
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
        send({ type: 'reply', id, ...reply });
      });
    });
  });

  return {
    /** Accepts the upgrade only with the per-launch token and our own Origin. */
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const refuse = (status: number, reason: string) => {
        log.warn('websocket refused', { reason, origin: request.headers.origin });
        socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\n\r\n`);
      };
      // A socket that fails before the upgrade completes (reset, garbage) must not crash the host.
      socket.on('error', (error) => log.warn('websocket upgrade failed', { error: String(error) }));
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
