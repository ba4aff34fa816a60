// The gateway under Node: the same fetch handler behind node:http. `node gateway/node.ts` serves
// it on PORT (default 8000) with the configuration from the environment (gateway/README.md) and
// prints one line when it listens.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { configFromEnv } from './config.ts';
import { createGateway, type FetchHandler } from './handler.ts';

async function toRequest(incoming: IncomingMessage): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const url = new URL(incoming.url ?? '/', `http://${incoming.headers.host ?? '127.0.0.1'}`);
  const method = incoming.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers });
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return new Request(url, { method, headers, body: Buffer.concat(chunks) });
}

async function send(response: Response, outgoing: ServerResponse): Promise<void> {
  outgoing.writeHead(response.status, Object.fromEntries(response.headers));
  outgoing.end(Buffer.from(await response.arrayBuffer()));
}

/** Serves a fetch handler with node:http on the loopback address; resolves once it listens. */
export async function serveOnNode(handler: FetchHandler, port = 0, host = '127.0.0.1'): Promise<Server> {
  const server = createServer((incoming, outgoing) => {
    toRequest(incoming)
      .then(handler)
      .then((response) => send(response, outgoing))
      .catch((error: unknown) => {
        console.error(error);
        if (!outgoing.headersSent) outgoing.writeHead(500);
        outgoing.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return server;
}

if (import.meta.main) {
  const handler = createGateway(configFromEnv((name) => process.env[name]));
  const server = await serveOnNode(handler, Number(process.env.PORT ?? 8000), process.env.HOST ?? '127.0.0.1');
  console.log(JSON.stringify({ listening: (server.address() as AddressInfo).port, runtime: 'node' }));
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
