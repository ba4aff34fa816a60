// A small HTTP proxy in front of the local API that can fail requests on purpose, for the sync's
// fault tests: drop the connection (server down), answer a status of its choosing (429 with
// Retry-After, 500, 401), hang without answering (a timeout), or pass the request to the server
// and then withhold the answer (the server applied it; the client never hears so).
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  /** e.g. /rest/v1/events */
  path: string;
  search: URLSearchParams;
}

export type FaultAction =
  | { kind: 'pass' }
  | { kind: 'drop' }
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  | { kind: 'hang' }
  | { kind: 'withhold-answer'; onApplied?: () => void };

export interface FaultProxy {
  url: string;
  /** Every request that reached the proxy, in order. */
  seen: SeenRequest[];
  /** Decides each request's fate; pass-through by default. */
  rule: (request: SeenRequest, index: number) => FaultAction;
  close(): Promise<void>;
}

async function readAll(incoming: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function forward(
  target: URL,
  incoming: IncomingMessage,
  body: Buffer,
): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const out = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: target.host },
      },
      (answer) => {
        readAll(answer).then(
          (data) => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: data }),
          reject,
        );
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}

export async function startFaultProxy(targetUrl: string): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  const proxy: FaultProxy = { url: '', seen: [], rule: () => ({ kind: 'pass' }), close: async () => undefined };
  const handle = async (incoming: IncomingMessage, response: ServerResponse) => {
    const body = await readAll(incoming);
    const url = new URL(incoming.url ?? '/', 'http://proxy');
    const seen: SeenRequest = { method: incoming.method ?? 'GET', path: url.pathname, search: url.searchParams };
    const index = proxy.seen.push(seen) - 1;
    const action = proxy.rule(seen, index);
    switch (action.kind) {
      case 'drop':
        incoming.socket.destroy();
        return;
      case 'hang':
        return;
      case 'status':
        response.writeHead(action.status, { 'content-type': 'application/json', ...action.headers });
        response.end(JSON.stringify(action.body ?? { message: `injected ${action.status}` }));
        return;
      case 'withhold-answer':
        await forward(target, incoming, body);
        action.onApplied?.();
        return;
      case 'pass': {
        const answer = await forward(target, incoming, body);
        const headers = { ...answer.headers };
        delete headers['transfer-encoding'];
        headers['content-length'] = String(answer.body.length);
        response.writeHead(answer.status, headers);
        response.end(answer.body);
      }
    }
  };
  const server = createServer((incoming, response) => {
    handle(incoming, response).catch(() => incoming.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return proxy;
}

/** True for the push of a table (an upsert POST to /rest/v1/<table>). */
export const isUpsert = (r: SeenRequest, table: string) => r.method === 'POST' && r.path === `/rest/v1/${table}`;
/** True for a read of a table. */
export const isRead = (r: SeenRequest, table: string) => r.method === 'GET' && r.path === `/rest/v1/${table}`;
