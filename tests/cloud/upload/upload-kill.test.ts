import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/engine/store/db.ts';
import { acknowledgedParts, latestUploadFor } from '../../../electron/engine/store/uploads.ts';
import { randomFile, startLocalStorage, type LocalStorage } from './local-storage.ts';
import { serveStorage } from './serve-storage.ts';

const MiB = 1024 * 1024;
const FILE_BYTES = 6 * 8 * MiB + 5 * MiB + 3; // seven parts
const CHILD = path.join(import.meta.dirname, 'upload-child.ts');

let dir = '';
let local: LocalStorage;
let gateway: { url: string; close(): Promise<void> };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rinkside-upload-kill-'));
  local = await startLocalStorage();
  gateway = await serveStorage(local.storage);
});
afterAll(async () => {
  await gateway?.close();
  await local?.close();
  await rm(dir, { recursive: true, force: true });
});

function startChild(args: string[]): {
  child: ChildProcess;
  exit: Promise<{ code: number | null; signal: string | null; stdout: string }>;
} {
  const child = spawn(process.execPath, [CHILD, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  const exit = new Promise<{ code: number | null; signal: string | null; stdout: string }>((ok) =>
    child.on('exit', (code, signal) => ok({ code, signal, stdout })),
  );
  return { child, exit };
}

describe('an uploading process killed with SIGKILL', () => {
  it('resumes after a restart without sending any acknowledged part again, and stores the exact file', async () => {
    const file = path.join(dir, 'game.mp4');
    const sha = await randomFile(file, FILE_BYTES);
    const dbPath = path.join(dir, 'library.sqlite');
    const db = openDatabase(dbPath);
    const videoId = randomUUID();
    const args = [dbPath, file, gateway.url, JSON.stringify({ kind: 'video', videoId }), String(20 * MiB)];
    try {
      const first = startChild(args);
      // Kill it once two parts are acknowledged: the others are in flight or not started.
      const acked = await new Promise<number[]>((ok, fail) => {
        const timer = setInterval(() => {
          const row = latestUploadFor(db, 'video', videoId);
          const parts = row ? acknowledgedParts(db, row.id) : [];
          if (parts.length >= 2) {
            clearInterval(timer);
            first.child.kill('SIGKILL');
            ok(parts.map((p) => p.partNumber));
          }
        }, 5);
        void first.exit.then(() => {
          clearInterval(timer);
          fail(new Error('the child ended before it could be killed'));
        });
      });
      expect((await first.exit).signal).toBe('SIGKILL');
      const row = latestUploadFor(db, 'video', videoId)!;
      // What the library kept after the kill: at least the parts seen before it, none lost.
      const keptAfterKill = acknowledgedParts(db, row.id).map((p) => p.partNumber);
      expect(keptAfterKill).toEqual(expect.arrayContaining(acked));
      expect(keptAfterKill.length).toBeLessThan(7);
      const logBefore = local.proxy.log.length;

      const second = startChild(args);
      const ended = await second.exit;
      expect(ended.code).toBe(0);
      const finished = JSON.parse(ended.stdout.trim()) as {
        outcome: string;
        result: { key: string; partsResumed: number; partsSent: number };
      };
      expect(finished.result.partsResumed).toBe(keptAfterKill.length);
      expect(finished.result.partsSent).toBe(7 - keptAfterKill.length);
      expect(await local.storedSha256(finished.result.key)).toBe(sha);
      // The proxy saw every part PUT of the second process: none was a part acknowledged before.
      const resent = local.proxy.log
        .slice(logBefore)
        .filter((r) => r.method === 'PUT' && r.uploadId === row.storageUploadId && r.partNumber !== null);
      expect(resent.length).toBeGreaterThan(0);
      for (const r of resent) expect(keptAfterKill).not.toContain(r.partNumber);
      // …and across both processes every part was answered 200 at least once.
      const ok = new Set(
        local.proxy.log.filter((r) => r.uploadId === row.storageUploadId && r.status === 200).map((r) => r.partNumber),
      );
      expect([...ok].sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    } finally {
      db.close();
    }
  });
});
