import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { mkdtemp, readFile, readdir, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../log.ts';
import { startMediaServer, type MediaServer } from './http-server.ts';
import { createMediaRegistry, mediaIdFor } from './media-registry.ts';

const FIXTURE = fileURLToPath(new URL('../../../tests/fixtures/media/people-10s.mp4', import.meta.url));
const TOKEN = randomBytes(24).toString('hex');

let dir: string;
let big: string;
let server: MediaServer;
let fixtureBytes: Buffer;
const registry = createMediaRegistry();
const GAME = mediaIdFor('4b1e6c1e-8f0a-4c53-9d7e-2a51f1f0c001', 'original');
const BIG = 'big.original';

async function openCount(path: string): Promise<number> {
  let count = 0;
  for (const fd of await readdir('/proc/self/fd')) {
    if ((await readlink(`/proc/self/fd/${fd}`).catch(() => '')) === path) count++;
  }
  return count;
}

async function waitForOpenCount(path: string, wanted: number): Promise<number> {
  // The server closes the file asynchronously after the socket goes away: poll, no timing asserted.
  for (let i = 0; i < 500 && (await openCount(path)) !== wanted; i++) await new Promise((r) => setTimeout(r, 10));
  return openCount(path);
}

/** A raw request, for targets fetch() would normalise (dot segments) before sending. */
function rawGet(path: string): Promise<number> {
  const { port } = new URL(server.origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rinkside-media-http-'));
  big = join(dir, 'big.mp4');
  // Large enough that a response cannot finish inside socket and stream buffers before the abort.
  await writeFile(big, randomBytes(48 * 1024 * 1024));
  fixtureBytes = await readFile(FIXTURE);
  registry.register(GAME, FIXTURE);
  registry.register(BIG, big);
  server = await startMediaServer({ registry, token: TOKEN, host: '127.0.0.1', port: 0, log: silentLogger });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('media server over loopback HTTP', () => {
  it('listens on 127.0.0.1 and builds token URLs', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url(GAME)).toBe(`${server.origin}/media/${GAME}?token=${TOKEN}`);
  });

  it('200 for the whole file, byte for byte', async () => {
    const res = await fetch(server.url(GAME));
    expect(res.status).toBe(200);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(res.headers.get('content-length')).toBe(String(fixtureBytes.length));
    expect(Buffer.from(await res.arrayBuffer()).equals(fixtureBytes)).toBe(true);
  });

  it('206 for a range, a suffix range and the last byte', async () => {
    const size = fixtureBytes.length;
    const range = await fetch(server.url(GAME), { headers: { Range: 'bytes=100-199' } });
    expect(range.status).toBe(206);
    expect(range.headers.get('content-range')).toBe(`bytes 100-199/${size}`);
    expect(Buffer.from(await range.arrayBuffer()).equals(fixtureBytes.subarray(100, 200))).toBe(true);
    const suffix = await fetch(server.url(GAME), { headers: { Range: 'bytes=-1000' } });
    expect(suffix.headers.get('content-range')).toBe(`bytes ${size - 1000}-${size - 1}/${size}`);
    expect(Buffer.from(await suffix.arrayBuffer()).equals(fixtureBytes.subarray(-1000))).toBe(true);
    const last = await fetch(server.url(GAME), { headers: { Range: `bytes=${size - 1}-` } });
    expect(last.status).toBe(206);
    expect([...new Uint8Array(await last.arrayBuffer())]).toEqual([fixtureBytes[size - 1]]);
  });

  it('416 past the end, with bytes */size', async () => {
    const res = await fetch(server.url(GAME), { headers: { Range: `bytes=${fixtureBytes.length}-` } });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe(`bytes */${fixtureBytes.length}`);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it('HEAD gives the headers and no body', async () => {
    const res = await fetch(server.url(GAME), { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(fixtureBytes.length));
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it('a <video>-style sequence of ranges reassembles the exact file', async () => {
    const size = fixtureBytes.length;
    const assembled = Buffer.alloc(size);
    const covered = new Uint8Array(size);
    // Open-ended probe cut short, a seek near the end, the moov-style tail, then the gaps.
    const plan = [`bytes=0-`, `bytes=${size - 65536}-`, `bytes=700000-`, `bytes=65536-699999`];
    const store = async (header: string, limit: number) => {
      const controller = new AbortController();
      const res = await fetch(server.url(GAME), { headers: { Range: header }, signal: controller.signal });
      expect(res.status).toBe(206);
      const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(res.headers.get('content-range') ?? '');
      expect(match?.[3]).toBe(String(size));
      let offset = Number(match?.[1]);
      const reader = res.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const take = Math.min(value.length, limit - (offset - Number(match?.[1])));
        assembled.set(value.subarray(0, take), offset);
        covered.fill(1, offset, offset + take);
        offset += take;
        if (take < value.length || offset - Number(match?.[1]) >= limit) {
          controller.abort();
          break;
        }
      }
    };
    await store(plan[0]!, 65536);
    await store(plan[1]!, Infinity);
    await store(plan[2]!, Infinity);
    await store(plan[3]!, Infinity);
    expect(covered.every((c) => c === 1)).toBe(true);
    expect(assembled.equals(fixtureBytes)).toBe(true);
  });

  it('closes the file when the client aborts a range request mid-stream', async () => {
    expect(await openCount(big)).toBe(0);
    const controller = new AbortController();
    const res = await fetch(server.url(BIG), { headers: { Range: 'bytes=1000-' }, signal: controller.signal });
    expect(res.status).toBe(206);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.value?.length).toBeGreaterThan(0);
    // The server is still streaming: the file is open.
    expect(await openCount(big)).toBe(1);
    controller.abort();
    await reader.closed.catch(() => undefined);
    expect(await waitForOpenCount(big, 0)).toBe(0);
  });

  it('404 for ids that are not registered, and no path gets through', async () => {
    const token = `?token=${TOKEN}`;
    expect((await fetch(server.url('unknown.original'))).status).toBe(404);
    expect((await fetch(`${server.origin}/media/..%2F..%2Fetc%2Fpasswd${token}`)).status).toBe(404);
    expect((await fetch(`${server.origin}/media/%2Fetc%2Fpasswd${token}`)).status).toBe(404);
    expect((await fetch(`${server.origin}/media/${encodeURIComponent(FIXTURE)}${token}`)).status).toBe(404);
    expect((await fetch(`${server.origin}/media/%E0%A4%A${token}`)).status).toBe(404);
    expect((await fetch(`${server.origin}/media/__proto__${token}`)).status).toBe(404);
    expect((await fetch(`${server.origin}/media/${GAME}/extra${token}`)).status).toBe(404);
    expect((await fetch(`${server.origin}/other${token}`)).status).toBe(404);
    expect(await rawGet(`/media/../../etc/passwd${token}`)).toBe(404);
    expect(await rawGet(`/media/%2e%2e/%2e%2e/etc/passwd${token}`)).toBe(404);
  });

  it('403 without the token or with a wrong one, even for a registered id', async () => {
    expect((await fetch(`${server.origin}/media/${GAME}`)).status).toBe(403);
    expect((await fetch(`${server.origin}/media/${GAME}?token=`)).status).toBe(403);
    // One hex digit changed (to another digit: a token that ends in 0 must not be 'changed' to itself).
    const wrongLast = TOKEN.endsWith('0') ? '1' : '0';
    expect((await fetch(`${server.origin}/media/${GAME}?token=${TOKEN.slice(0, -1)}${wrongLast}`)).status).toBe(403);
    expect((await fetch(`${server.origin}/media/${GAME}?token=${TOKEN}x`)).status).toBe(403);
    expect((await fetch(`${server.origin}/media/..%2F..%2Fetc%2Fpasswd`)).status).toBe(403);
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await fetch(server.url(GAME), { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('refuses to bind anywhere but loopback', async () => {
    await expect(
      startMediaServer({ registry, token: TOKEN, host: '0.0.0.0' as '127.0.0.1', log: silentLogger }),
    ).rejects.toThrow(/loopback/);
  });
});

describe('media registry', () => {
  it('resolves only registered, well-formed ids to absolute paths', () => {
    const local = createMediaRegistry();
    local.register('v1.proxy', '/data/v1.proxy.mp4');
    expect(local.resolve('v1.proxy')).toBe('/data/v1.proxy.mp4');
    expect(local.resolve('v1.original')).toBeNull();
    expect(local.resolve('../v1.proxy')).toBeNull();
    expect(local.resolve('constructor')).toBeNull();
    expect(() => local.register('a/b', '/x.mp4')).toThrow(/media id/);
    expect(() => local.register('..', '/x.mp4')).toThrow(/media id/);
    expect(() => local.register('v2', 'relative.mp4')).toThrow(/absolute/);
    expect(local.unregister('v1.proxy')).toBe(true);
    expect(local.resolve('v1.proxy')).toBeNull();
    expect(() => mediaIdFor('a/b', 'proxy')).toThrow(/media id/);
  });
});
