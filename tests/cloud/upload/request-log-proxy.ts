import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the proxy passed on: what it was and how the server answered. */
export interface LoggedRequest {
  method: string;
  path: string;
  /** The S3 multipart fields of the query, when present. */
  partNumber: number | null;
  uploadId: string | null;
  status: number;
  /** Request body bytes that reached the server. */
  bytesIn: number;
}

export interface RequestLogProxy {
  url: string;
  log: LoggedRequest[];
  /** Answers the next `count` requests matching `match` itself with `status` (a failing storage). */
  failNext(count: number, match: (req: { method: string; partNumber: number | null }) => boolean, status: number): void;
  /** Cuts the connection of the next `count` matching requests after `afterBytes` of their body. */
  dropNext(
    count: number,
    match: (req: { method: string; partNumber: number | null }) => boolean,
    afterBytes: number,
  ): void;
  close(): Promise<void>;
}

/**
 * A thin HTTP proxy in front of the local S3 server that logs every request (the tests read the
 * log to see which parts were sent), and can fail or cut chosen requests to play a bad network.
 */
export async function startRequestLogProxy(target: string): Promise<RequestLogProxy> {
  const upstream = new URL(target);
  const log: LoggedRequest[] = [];
  const faults: {
    count: number;
    match: (r: { method: string; partNumber: number | null }) => boolean;
    status?: number;
    afterBytes?: number;
  }[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const partText = url.searchParams.get('partNumber');
    const entry: LoggedRequest = {
      method: req.method ?? '',
      path: url.pathname,
      partNumber: partText === null ? null : Number(partText),
      uploadId: url.searchParams.get('uploadId'),
      status: 0,
      bytesIn: 0,
    };
    log.push(entry);
    const fault = faults.find((f) => f.count > 0 && f.match(entry));
    if (fault) fault.count--;
    if (fault?.status !== undefined) {
      req.resume();
      req.on('end', () => {
        entry.status = fault.status as number;
        res.writeHead(fault.status as number, { 'content-type': 'application/xml' });
        res.end('<Error><Code>InternalError</Code><Message>injected by the test proxy</Message></Error>');
      });
      return;
    }
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        entry.status = answer.statusCode ?? 0;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.on('data', (chunk: Buffer) => {
      entry.bytesIn += chunk.length;
      if (fault?.afterBytes !== undefined && entry.bytesIn >= fault.afterBytes) {
        entry.status = -1; // cut by the proxy
        forward.destroy();
        req.socket.destroy();
        return;
      }
      forward.write(chunk);
    });
    req.on('end', () => forward.end());
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    failNext: (count, match, status) => faults.push({ count, match, status }),
    dropNext: (count, match, afterBytes) => faults.push({ count, match, afterBytes }),
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
