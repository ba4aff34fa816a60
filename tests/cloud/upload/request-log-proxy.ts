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
  /** The Range header asked for, if any. */
  range: string | null;
}

export interface RequestLogProxy {
  url: string;
  log: LoggedRequest[];
  /** Answers the next `count` requests matching `match` itself with `status` (a failing storage). */
  failNext(count: number, match: (req: { method: string; partNumber: number | null }) => boolean, status: number): void;
  /** Cuts the connection of the next `count` matching requests after `afterBytes` of the answer's body. */
  dropNextResponse(
    count: number,
    match: (req: { method: string; partNumber: number | null }) => boolean,
    afterBytes: number,
  ): void;
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
    afterAnswerBytes?: number;
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
      range: typeof req.headers.range === 'string' ? req.headers.range : null,
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
        const cutAt = fault?.afterAnswerBytes;
        if (cutAt === undefined) return void answer.pipe(res);
        let sent = 0;
        answer.on('data', (chunk: Buffer) => {
          if (sent + chunk.length >= cutAt) {
            res.write(chunk.subarray(0, Math.max(0, cutAt - sent)));
            sent = cutAt;
            answer.destroy();
            res.socket?.destroy();
            return;
          }
          sent += chunk.length;
          res.write(chunk);
        });
        answer.on('end', () => res.end());
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
    dropNextResponse: (count, match, afterAnswerBytes) => faults.push({ count, match, afterAnswerBytes }),
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
