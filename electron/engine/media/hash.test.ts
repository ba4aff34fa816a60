import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../contract/errors.ts';
import type { HashProgress } from './hash.ts';
import { sha256File } from './hash.ts';

let dir = '';
let file = '';
let content: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rinkside-hash-'));
  file = path.join(dir, 'game.bin');
  content = randomBytes(5 * 1024 * 1024 + 123);
  await writeFile(file, content);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sha256File', () => {
  it('matches a one-shot SHA-256 of the same bytes', async () => {
    expect(await sha256File(file)).toBe(createHash('sha256').update(content).digest('hex'));
  });

  it('hashes an empty file', async () => {
    const empty = path.join(dir, 'empty.bin');
    await writeFile(empty, '');
    expect(await sha256File(empty)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('reports progress in order and always ends at the total', async () => {
    const seen: HashProgress[] = [];
    await sha256File(file, { chunkBytes: 64 * 1024, progressIntervalMs: 0, onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(2);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.doneBytes).toBeGreaterThan(seen[i - 1]!.doneBytes);
    expect(seen.at(-1)).toEqual({ doneBytes: content.length, totalBytes: content.length });
  });

  it('throttles progress calls', async () => {
    const seen: HashProgress[] = [];
    // An interval longer than any test run: only the first chunk and the final call get through.
    await sha256File(file, { chunkBytes: 64 * 1024, progressIntervalMs: 3_600_000, onProgress: (p) => seen.push(p) });
    expect(seen).toEqual([
      { doneBytes: 64 * 1024, totalBytes: content.length },
      { doneBytes: content.length, totalBytes: content.length },
    ]);
  });

  it('stops with cancelled when aborted part-way', async () => {
    const controller = new AbortController();
    const error = await sha256File(file, {
      chunkBytes: 64 * 1024,
      progressIntervalMs: 0,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.doneBytes >= 1024 * 1024) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).kind).toBe('cancelled');
  });

  it('rejects a missing file with not-found naming it', async () => {
    const missing = path.join(dir, 'nope.mp4');
    const error = await sha256File(missing).catch((e: unknown) => e);
    expect((error as AppFailure).kind).toBe('not-found');
    expect((error as AppFailure).message).toContain(missing);
  });
});
