import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayClient } from './gateway-client.ts';

/** A real HTTP server playing the gateway: each test queues the answers it wants, in order. */
let server: http.Server;
let url = '';
const answers: { status: number; body: string }[] = [];
const seen: { path: string; authorization: string | undefined; body: unknown }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      seen.push({ path: req.url ?? '', authorization: req.headers.authorization, body: JSON.parse(text) });
      const next = answers.shift() ?? { status: 500, body: '{}' };
      res.writeHead(next.status, { 'content-type': 'application/json' });
      res.end(next.body);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

const target = { kind: 'video' as const, videoId: '2b7e1a39-5a5e-4e53-9b07-1f8f1d3f5a11' };
const signal = () => new AbortController().signal;
const client = (baseUrl = url) =>
  createGatewayClient({
    baseUrl,
    accessToken: async () => 'the-token',
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
  });
const error = (kind: string, message: string, extra: object = {}) =>
  JSON.stringify({ error: { kind, message, ...extra } });

describe('the gateway client', () => {
  it("posts the route's JSON with the analyst's token and checks the answer against the contract", async () => {
    seen.length = 0;
    answers.push({ status: 200, body: JSON.stringify({ status: 'aborted' }) });
    await expect(client().abortUpload({ target, uploadId: 'u1' }, signal())).resolves.toEqual({ status: 'aborted' });
    expect(seen).toEqual([
      { path: '/uploads/abort', authorization: 'Bearer the-token', body: { target, uploadId: 'u1' } },
    ]);
    answers.push({ status: 200, body: JSON.stringify({ status: 'stored' }) });
    await expect(client().abortUpload({ target, uploadId: 'u1' }, signal())).rejects.toMatchObject({
      kind: 'cloud-error',
      message: expect.stringMatching(/not what Rinkside expects/),
    });
  });

  it('retries the storage failing behind the gateway, not a refusal', async () => {
    seen.length = 0;
    answers.push(
      { status: 502, body: error('storage-failed', 'R2 down') },
      { status: 502, body: error('storage-failed', 'R2 down') },
    );
    answers.push({ status: 200, body: JSON.stringify({ status: 'aborted' }) });
    await expect(client().abortUpload({ target, uploadId: 'u1' }, signal())).resolves.toEqual({ status: 'aborted' });
    expect(seen.length).toBe(3);
    seen.length = 0;
    answers.push({ status: 404, body: error('not-found', 'No such upload') });
    await expect(client().abortUpload({ target, uploadId: 'u1' }, signal())).rejects.toMatchObject({
      kind: 'not-found',
    });
    expect(seen.length).toBe(1);
  });

  it('words a full team storage with the numbers, and a refused token as "sign in again"', async () => {
    answers.push({
      status: 413,
      body: error('quota-exceeded', 'quota', { quota: { quotaBytes: 10e9, usedBytes: 9.5e9, requestedBytes: 3e9 } }),
    });
    const plan = { target, sha256: 'a'.repeat(64), size: 3e9, partSize: 8 * 1024 * 1024, partCount: 358 };
    await expect(client().createUpload(plan, signal())).rejects.toMatchObject({
      kind: 'cloud-error',
      message: "The team's storage is full. The team uses 9500 MB of 10000 MB; this needs 3000 MB.",
    });
    answers.push({ status: 401, body: error('unauthorized', 'JWT expired') });
    await expect(client().createUpload(plan, signal())).rejects.toMatchObject({ kind: 'not-signed-in' });
  });

  it('gives up with cloud-unreachable when nothing answers', async () => {
    const closed = http.createServer();
    await new Promise<void>((ok) => closed.listen(0, '127.0.0.1', ok));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((ok) => closed.close(() => ok()));
    await expect(
      client(`http://127.0.0.1:${port}`).abortUpload({ target, uploadId: 'u' }, signal()),
    ).rejects.toMatchObject({
      kind: 'cloud-unreachable',
    });
  });
});
