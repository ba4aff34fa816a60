import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeFor, serveFile, type MediaResponse } from './serve-file.ts';

let dir: string;
let file: string;
let bytes: Buffer;

/** How many descriptors this process holds open on `path` (Linux /proc): proves files get closed. */
async function openCount(path: string): Promise<number> {
  let count = 0;
  for (const fd of await readdir('/proc/self/fd')) {
    const target = await readlink(`/proc/self/fd/${fd}`).catch(() => '');
    if (target === path) count++;
  }
  return count;
}

async function waitForClosed(path: string): Promise<number> {
  // Closing is asynchronous (the stream is destroyed, then the fd is closed): poll, no timing asserted.
  for (let i = 0; i < 200 && (await openCount(path)) > 0; i++) await new Promise((r) => setTimeout(r, 10));
  return openCount(path);
}

async function bodyOf(served: MediaResponse): Promise<Buffer> {
  if (!served.body) return Buffer.alloc(0);
  return Buffer.from(await new Response(served.body).arrayBuffer());
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rinkside-serve-'));
  file = join(dir, 'game.mp4');
  bytes = randomBytes(300_000);
  await writeFile(file, bytes);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const get = (headers: Record<string, string | undefined> = {}) => ({ method: 'GET', headers });

describe('serveFile', () => {
  it('serves the whole file with 200, its length, type and Accept-Ranges', async () => {
    const served = await serveFile(get(), file);
    expect(served.status).toBe(200);
    expect(served.headers).toMatchObject({
      'Accept-Ranges': 'bytes',
      'Content-Type': 'video/mp4',
      'Content-Length': String(bytes.length),
    });
    expect(served.headers['Content-Range']).toBeUndefined();
    expect(served.headers['ETag']).toMatch(/^W\/".+"$/);
    expect((await bodyOf(served)).equals(bytes)).toBe(true);
  });

  it('serves a closed range with 206 and Content-Range', async () => {
    const served = await serveFile(get({ range: 'bytes=1000-1999' }), file);
    expect(served.status).toBe(206);
    expect(served.headers['Content-Range']).toBe(`bytes 1000-1999/${bytes.length}`);
    expect(served.headers['Content-Length']).toBe('1000');
    expect((await bodyOf(served)).equals(bytes.subarray(1000, 2000))).toBe(true);
  });

  it('serves suffix, open and last-byte ranges; header names in any case', async () => {
    const suffix = await serveFile(get({ Range: 'bytes=-500' }), file);
    expect(suffix.headers['Content-Range']).toBe(`bytes ${bytes.length - 500}-${bytes.length - 1}/${bytes.length}`);
    expect((await bodyOf(suffix)).equals(bytes.subarray(-500))).toBe(true);
    const open = await serveFile(get({ range: 'bytes=299000-' }), file);
    expect((await bodyOf(open)).equals(bytes.subarray(299_000))).toBe(true);
    const last = await serveFile(get({ range: `bytes=${bytes.length - 1}-${bytes.length - 1}` }), file);
    expect(last.status).toBe(206);
    expect([...(await bodyOf(last))]).toEqual([bytes[bytes.length - 1]]);
  });

  it('answers 416 with bytes */size past the end, without a body', async () => {
    const served = await serveFile(get({ range: `bytes=${bytes.length}-` }), file);
    expect(served.status).toBe(416);
    expect(served.headers['Content-Range']).toBe(`bytes */${bytes.length}`);
    expect(served.body).toBeNull();
    expect(await openCount(file)).toBe(0);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const head = await serveFile({ method: 'HEAD', headers: { range: 'bytes=0-99' } }, file);
    expect(head.status).toBe(206);
    expect(head.headers['Content-Length']).toBe('100');
    expect(head.body).toBeNull();
    expect(await openCount(file)).toBe(0);
  });

  it('ignores Range when If-Range names another version of the file', async () => {
    const served = await serveFile(get({ range: 'bytes=0-9', 'if-range': 'W/"stale"' }), file);
    expect(served.status).toBe(200);
    await served.body?.cancel();
    const current = (await serveFile({ method: 'HEAD', headers: {} }, file)).headers['ETag'];
    const matched = await serveFile(get({ range: 'bytes=0-9', 'if-range': current }), file);
    expect(matched.status).toBe(206);
    await matched.body?.cancel();
  });

  it('refuses other methods, missing files and folders', async () => {
    expect((await serveFile({ method: 'POST', headers: {} }, file)).status).toBe(405);
    expect((await serveFile(get(), join(dir, 'missing.mp4'))).status).toBe(404);
    expect((await serveFile(get(), dir)).status).toBe(404);
  });

  it('closes the file when the consumer cancels the body mid-stream', async () => {
    const served = await serveFile(get(), file, { chunkSize: 4096 });
    const reader = served.body?.getReader();
    const first = await reader?.read();
    expect(first?.value?.length).toBeGreaterThan(0);
    expect(await openCount(file)).toBe(1);
    await reader?.cancel();
    expect(await waitForClosed(file)).toBe(0);
  });

  it('closes the file when the abort signal fires', async () => {
    const controller = new AbortController();
    const served = await serveFile(get(), file, { chunkSize: 4096, signal: controller.signal });
    const reader = served.body?.getReader();
    await reader?.read();
    controller.abort();
    expect(await waitForClosed(file)).toBe(0);
    await expect(reader?.closed).rejects.toBeDefined();
  });

  it('serves a committed fixture byte for byte', async () => {
    const fixture = fileURLToPath(new URL('../../../tests/fixtures/media/people-10s.mp4', import.meta.url));
    const served = await serveFile(get({ range: 'bytes=0-' }), fixture);
    expect(served.status).toBe(206);
    expect((await bodyOf(served)).equals(await readFile(fixture))).toBe(true);
  });

  it('maps extensions to content types', () => {
    expect(
      ['a.mp4', 'a.M4V', 'a.mov', 'a.webm', 'a.mkv', 'a.ts', 'a.avi', 'a.jpg', 'a.png', 'a.bin'].map(contentTypeFor),
    ).toEqual([
      'video/mp4',
      'video/mp4',
      'video/quicktime',
      'video/webm',
      'video/x-matroska',
      'video/mp2t',
      'video/x-msvideo',
      'image/jpeg',
      'image/png',
      'application/octet-stream',
    ]);
  });
});
