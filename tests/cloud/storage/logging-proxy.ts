import { createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the proxy passed on: what the tests ask of the log. */
export interface ProxiedRequest {
  method: string;
  /** The path without the query (bucket/key). */
  path: string;
  partNumber: number | null;
  uploadId: string | null;
  /** Whether the query asked for an upload to be created (`?uploads`). */
  createsUpload: boolean;
  /** The server's status, or 0 when the proxy broke the connection on purpose. */
  status: number;
  bytes: number;
}

/** A fault to inject on the next requests that match. */
export interface Fault {
  method?: string;
  partNumber?: number;
  /** Answer with this status without passing the request on, or drop the connection mid-body. */
  action: { status: number } | 'drop';
  times: number;
}

export interface LoggingProxy {
  url: string;
  requests: ProxiedRequest[];
  clear(): void;
  inject(fault: Fault): void;
  stop(): Promise<void>;
}

const LOG_PATH = '/_proxy/log';

function describe(incoming: IncomingMessage): Omit<ProxiedRequest, 'status' | 'bytes'> {
  const url = new URL(incoming.url ?? '/', 'http://proxy');
  const partNumber = url.searchParams.get('partNumber');
  return {
    method: incoming.method ?? 'GET',
    path: decodeURIComponent(url.pathname),
    partNumber: partNumber === null ? null : Number(partNumber),
    uploadId: url.searchParams.get('uploadId'),
    createsUpload: url.searchParams.has('uploads'),
  };
}

/**
 * A thin proxy in front of a local S3 server that records every request (method, path, part
 * number, upload id, status) for the tests: it is how a test sees which parts were sent, and
 * how many times. Bytes stream through untouched, Host header included, so presigned signatures
 * made for the proxy's address verify at the server. `GET /_proxy/log` answers the log as JSON
 * (for a test in another process), `DELETE /_proxy/log` clears it.
 */
export async function startLoggingProxy(upstream: string): Promise<LoggingProxy> {
  const target = new URL(upstream);
  const requests: ProxiedRequest[] = [];
  const faults: Fault[] = [];

  const takeFault = (seen: ReturnType<typeof describe>): Fault | undefined => {
    const index = faults.findIndex(
      (f) =>
        (f.method === undefined || f.method === seen.method) &&
        (f.partNumber === undefined || f.partNumber === seen.partNumber),
    );
    if (index < 0) return undefined;
    const fault = faults[index]!;
    fault.times -= 1;
    if (fault.times <= 0) faults.splice(index, 1);
    return fault;
  };

  const handle = (incoming: IncomingMessage, outgoing: ServerResponse) => {
    if (incoming.url === LOG_PATH) {
      if (incoming.method === 'DELETE') requests.length = 0;
      outgoing.writeHead(200, { 'content-type': 'application/json' });
      outgoing.end(JSON.stringify(requests));
      return;
    }
    const seen = describe(incoming);
    const entry: ProxiedRequest = { ...seen, status: 0, bytes: 0 };
    requests.push(entry);
    incoming.on('data', (chunk: Buffer) => (entry.bytes += chunk.length));
    const fault = takeFault(seen);
    if (fault) {
      if (fault.action === 'drop') {
        // Mid-body for an upload (the client has sent some of the part), at once for a bodiless request.
        const hasBody = Number(incoming.headers['content-length'] ?? 0) > 0 || 'transfer-encoding' in incoming.headers;
        if (hasBody) incoming.once('data', () => incoming.socket.destroy());
        else incoming.socket.destroy();
        incoming.resume();
        return;
      }
      entry.status = fault.action.status;
      incoming.resume();
      incoming.once('end', () => {
        outgoing.writeHead(entry.status, { 'content-type': 'application/xml' });
        outgoing.end('<Error><Code>InjectedFault</Code></Error>');
      });
      return;
    }
    const upstreamRequest = forward(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        entry.status = answer.statusCode ?? 0;
        outgoing.writeHead(entry.status, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstreamRequest.on('error', () => outgoing.destroy());
    incoming.pipe(upstreamRequest);
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    clear: () => void (requests.length = 0),
    inject: (fault) => void faults.push({ ...fault }),
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
