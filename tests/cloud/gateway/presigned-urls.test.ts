// Presigned URLs as a store that checks signatures sees them: @20minutes/s3rver (a real S3 server
// process that verifies SigV4 presigned signatures and their expiry) behind the logging proxy,
// with the gateway on Node and on Deno handing out URLs that live 3 seconds.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StorageTarget } from '../../../electron/contract/gateway.ts';
import {
  localGatewayEnv,
  startGatewayProcess,
  startLocalStorage,
  type GatewayProcess,
  type LocalStorage,
} from '../storage/index.ts';
import { accessToken, addVideo, call, makeGatewayWorld, randomVideo, sha256, type GatewayWorld } from './world.ts';

const TTL_S = 3;

let world: GatewayWorld;
let storage: LocalStorage;

beforeAll(async () => {
  [world, storage] = await Promise.all([makeGatewayWorld(), startLocalStorage('s3rver')]);
});
afterAll(async () => {
  await storage?.stop();
  await world?.stop();
});

describe.each(['node', 'deno'] as const)('presigned URLs from the gateway on %s', (runtime) => {
  let gateway: GatewayProcess;
  let token: string;

  beforeAll(async () => {
    const ttl = { GATEWAY_PART_URL_TTL_S: String(TTL_S), GATEWAY_DOWNLOAD_URL_TTL_S: String(TTL_S) };
    gateway = await startGatewayProcess(runtime, localGatewayEnv(world.api, storage, ttl));
    token = await accessToken(world, world.teamA.member);
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  async function startUpload(bytes: Buffer): Promise<{ target: StorageTarget; uploadId: string }> {
    const target: StorageTarget = { kind: 'video', videoId: await addVideo(world, world.teamA, bytes) };
    const plan = { target, sha256: sha256(bytes), size: bytes.length, partSize: bytes.length, partCount: 1 };
    const created = await call(gateway.url, 'createUpload', plan, token);
    expect(created).toMatchObject({ status: 200, body: { status: 'created' } });
    return { target, uploadId: created.body.uploadId as string };
  }

  async function partUrl(target: StorageTarget, uploadId: string): Promise<string> {
    const signed = await call<{ parts: { url: string }[]; expiresAt: string }>(
      gateway.url,
      'signParts',
      { target, uploadId, partNumbers: [1] },
      token,
    );
    expect(signed.status).toBe(200);
    expect(Date.parse(signed.body.expiresAt) - Date.now()).toBeLessThanOrEqual(TTL_S * 1000);
    return signed.body.parts[0]!.url;
  }

  it('a part URL stops working after its expiry; a fresh one works', async () => {
    const bytes = randomVideo(4096);
    const { target, uploadId } = await startUpload(bytes);
    const stale = await partUrl(target, uploadId);
    await sleep((TTL_S + 1.5) * 1000);
    const late = await fetch(stale, { method: 'PUT', body: bytes });
    expect(late.status).toBe(403);
    expect(await late.text()).toMatch(/expired/i);

    const fresh = await fetch(await partUrl(target, uploadId), { method: 'PUT', body: bytes });
    expect(fresh.status).toBe(200);
    const etag = fresh.headers.get('etag')!;
    const completed = await call(
      gateway.url,
      'completeUpload',
      { target, uploadId, parts: [{ partNumber: 1, etag }] },
      token,
    );
    expect(completed).toMatchObject({ status: 200, body: { status: 'stored', size: bytes.length } });
  });

  it('a part URL is good for its part only: another length or another part number is refused', async () => {
    const bytes = randomVideo(2048);
    const { target, uploadId } = await startUpload(bytes);
    const url = await partUrl(target, uploadId);
    const shorter = await fetch(url, { method: 'PUT', body: bytes.subarray(1) });
    expect(shorter.status).toBe(403);
    expect(await shorter.text()).toMatch(/SignatureDoesNotMatch/);
    const otherPart = await fetch(url.replace('partNumber=1', 'partNumber=2'), { method: 'PUT', body: bytes });
    expect(otherPart.status).toBe(403);
    const exact = await fetch(url, { method: 'PUT', body: bytes });
    expect(exact.status).toBe(200);
    await call(gateway.url, 'abortUpload', { target, uploadId }, token);
  });

  it('a download URL serves ranges until its expiry, then is refused', async () => {
    const bytes = randomVideo(10_000);
    const { target, uploadId } = await startUpload(bytes);
    const put = await fetch(await partUrl(target, uploadId), { method: 'PUT', body: bytes });
    const parts = [{ partNumber: 1, etag: put.headers.get('etag')! }];
    expect(await call(gateway.url, 'completeUpload', { target, uploadId, parts }, token)).toMatchObject({
      status: 200,
    });

    const signed = await call<{ url: string }>(gateway.url, 'signDownload', { target }, token);
    const ranged = await fetch(signed.body.url, { headers: { range: 'bytes=100-199' } });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);
    await sleep((TTL_S + 1.5) * 1000);
    const late = await fetch(signed.body.url, { headers: { range: 'bytes=100-199' } });
    expect(late.status).toBe(403);
    // The proxy saw both GETs reach the store, which answered them.
    const gets = storage.proxy.requests.filter((r) => r.method === 'GET' && r.path.endsWith(sha256(bytes)));
    expect(gets.map((r) => r.status)).toEqual([206, 403]);
  });
});
