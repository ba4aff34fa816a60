// The logging proxy in front of a real fauxqs process: what it records, the log over HTTP for a
// test in another process, and the faults it injects for the uploader's retry tests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStorage, type LocalStorage } from './index.ts';

let storage: LocalStorage;

beforeAll(async () => {
  storage = await startLocalStorage('fauxqs');
});
afterAll(async () => {
  await storage?.stop();
});

const objectUrl = (key: string, query = '') => `${storage.proxy.url}/${storage.server.bucket}/${key}${query}`;

describe('the logging proxy', () => {
  it('passes requests through and records method, path, part number, upload id and status', async () => {
    storage.proxy.clear();
    const put = await fetch(objectUrl('a/b.bin'), { method: 'PUT', body: Buffer.alloc(1234, 1) });
    expect(put.status).toBe(200);
    const get = await fetch(objectUrl('a/b.bin'));
    expect(Buffer.from(await get.arrayBuffer()).equals(Buffer.alloc(1234, 1))).toBe(true);
    const part = await fetch(objectUrl('a/c.bin', '?partNumber=3&uploadId=no-such-upload'), {
      method: 'PUT',
      body: Buffer.alloc(10),
    });
    expect(part.status).toBe(404);
    expect(storage.proxy.requests).toEqual([
      {
        method: 'PUT',
        path: '/rinkside/a/b.bin',
        partNumber: null,
        uploadId: null,
        createsUpload: false,
        status: 200,
        bytes: 1234,
      },
      {
        method: 'GET',
        path: '/rinkside/a/b.bin',
        partNumber: null,
        uploadId: null,
        createsUpload: false,
        status: 200,
        bytes: 0,
      },
      {
        method: 'PUT',
        path: '/rinkside/a/c.bin',
        partNumber: 3,
        uploadId: 'no-such-upload',
        createsUpload: false,
        status: 404,
        bytes: 10,
      },
    ]);
  });

  it('serves its log as JSON and clears it on DELETE', async () => {
    storage.proxy.clear();
    await fetch(objectUrl('x'));
    const log = (await (await fetch(`${storage.proxy.url}/_proxy/log`)).json()) as { method: string }[];
    expect(log.map((r) => r.method)).toEqual(['GET']);
    await fetch(`${storage.proxy.url}/_proxy/log`, { method: 'DELETE' });
    expect(storage.proxy.requests).toEqual([]);
  });

  it('injects a failing status, then a dropped connection, then lets requests through again', async () => {
    storage.proxy.clear();
    storage.proxy.inject({ method: 'PUT', action: { status: 503 }, times: 1 });
    storage.proxy.inject({ method: 'PUT', action: 'drop', times: 1 });
    const body = Buffer.alloc(64 * 1024, 2);
    expect((await fetch(objectUrl('f.bin'), { method: 'PUT', body })).status).toBe(503);
    await expect(fetch(objectUrl('f.bin'), { method: 'PUT', body })).rejects.toThrow();
    expect((await fetch(objectUrl('f.bin'), { method: 'PUT', body })).status).toBe(200);
    storage.proxy.inject({ method: 'GET', action: 'drop', times: 1 });
    await expect(fetch(objectUrl('f.bin'))).rejects.toThrow();
    expect((await fetch(objectUrl('f.bin'))).status).toBe(200);
    expect(storage.proxy.requests.map((r) => r.status)).toEqual([503, 0, 200, 0, 200]);
  });
});
