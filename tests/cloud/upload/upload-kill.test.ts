// kill -9 of a real uploading process, against the real gateway (a Node process) of the local
// cloud: the member signs in with supabase-js against the GoTrue stand-in, the gateway checks the
// token and the video's team in Postgres, and fauxqs behind the logging proxy stores the parts.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/engine/store/db.ts';
import { acknowledgedParts, latestUploadFor } from '../../../electron/engine/store/uploads.ts';
import { createGatewayClient } from '../../../electron/engine/sync/gateway-client.ts';
import { addMember } from '../team-fixtures.ts';
import { addVideo, makeGatewayWorld, type GatewayWorld } from '../gateway/world.ts';
import { startStorageCloud, type StorageCloud } from '../storage/index.ts';
import { randomFile } from './local-storage.ts';

const MiB = 1024 * 1024;
const FILE_BYTES = 6 * 8 * MiB + 5 * MiB + 3; // seven parts
const CHILD = path.join(import.meta.dirname, 'upload-child.ts');

let dir = '';
let world: GatewayWorld;
let cloud: StorageCloud;
let token = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rinkside-upload-kill-'));
  world = await makeGatewayWorld();
  cloud = await startStorageCloud(world.api, { runtime: 'node' });
  // An analyst of team A signs up and in as the app does; the team's owner adds them.
  const email = `uploader-${randomUUID().slice(0, 8)}@example.test`;
  const supabase = createClient(world.api.url, world.api.anonKey, { auth: { persistSession: false } });
  const signedUp = await supabase.auth.signUp({ email, password: 'rink-side-42' });
  expect(signedUp.error).toBeNull();
  await addMember(world.owner, world.teamA.owner, world.teamA.rows.teamId, email);
  const signedIn = await supabase.auth.signInWithPassword({ email, password: 'rink-side-42' });
  expect(signedIn.error).toBeNull();
  token = signedIn.data.session!.access_token;
});
afterAll(async () => {
  await cloud?.stop();
  await world?.stop();
  await rm(dir, { recursive: true, force: true });
});

function startChild(args: string[]): {
  child: ChildProcess;
  exit: Promise<{ code: number | null; signal: string | null; stdout: string }>;
} {
  const child = spawn(process.execPath, [CHILD, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, RINKSIDE_TEST_ACCESS_TOKEN: token },
  });
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
    // The video's row on the server, as the row sync pushes it.
    const videoId = await addVideo(world, world.teamA, await readFile(file));
    const dbPath = path.join(dir, 'library.sqlite');
    const db = openDatabase(dbPath);
    const target = { kind: 'video' as const, videoId };
    const args = [dbPath, file, cloud.gateway.url, JSON.stringify(target), String(20 * MiB)];
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
      const logBefore = cloud.storage.proxy.requests.length;

      const second = startChild(args);
      const ended = await second.exit;
      expect(ended.code).toBe(0);
      const finished = JSON.parse(ended.stdout.trim()) as {
        outcome: string;
        result: { key: string; partsResumed: number; partsSent: number };
      };
      expect(finished.result.partsResumed).toBe(keptAfterKill.length);
      expect(finished.result.partsSent).toBe(7 - keptAfterKill.length);
      // The proxy saw every part PUT of the second process: none was a part acknowledged before.
      const resent = cloud.storage.proxy.requests
        .slice(logBefore)
        .filter((r) => r.method === 'PUT' && r.uploadId === row.storageUploadId && r.partNumber !== null);
      expect(resent.length).toBe(7 - keptAfterKill.length);
      for (const r of resent) expect(keptAfterKill).not.toContain(r.partNumber);
      // The stored object, read back through a signed download, is the file.
      const client = createGatewayClient({ baseUrl: cloud.gateway.url, accessToken: async () => token });
      const signed = await client.signDownload({ target }, AbortSignal.timeout(10_000));
      expect(signed).toMatchObject({ sha256: sha, size: FILE_BYTES });
      const stored = Buffer.from(await (await fetch(signed.url)).arrayBuffer());
      expect(createHash('sha256').update(stored).digest('hex')).toBe(sha);
    } finally {
      db.close();
    }
  });
});
