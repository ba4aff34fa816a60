import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GATEWAY_ROUTES, type GatewayRouteName } from '../../../electron/contract/gateway.ts';
import type { StorageGateway } from '../../../electron/engine/sync/gateway-client.ts';

/**
 * Serves a StorageGateway on the gateway's wire (contract/gateway.ts routes, JSON bodies checked
 * by their schemas), so a child process can use the app's real HTTP gateway client against it.
 * It checks no token: sign-in is the gateway's own tests' business, not the uploader's.
 */
export async function serveStorage(storage: StorageGateway): Promise<{ url: string; close(): Promise<void> }> {
  const byPath = new Map<string, GatewayRouteName>(
    Object.entries(GATEWAY_ROUTES).map(([name, spec]) => [spec.path, name as GatewayRouteName]),
  );
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const route = byPath.get(new URL(req.url ?? '/', 'http://x').pathname);
        const reply = (status: number, body: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        if (!route || req.method !== 'POST')
          return reply(404, { error: { kind: 'not-found', message: 'no such route' } });
        const parsed = GATEWAY_ROUTES[route].request.safeParse(JSON.parse(Buffer.concat(chunks).toString() || '{}'));
        if (!parsed.success) return reply(400, { error: { kind: 'invalid-request', message: parsed.error.message } });
        try {
          const call = storage[route] as (r: unknown, s: AbortSignal) => Promise<unknown>;
          reply(200, await call(parsed.data, AbortSignal.timeout(30_000)));
        } catch (error) {
          reply(502, { error: { kind: 'storage-failed', message: (error as Error).message } });
        }
      })();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
