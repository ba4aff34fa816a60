// The sync.* commands through a real engine process (forked as the browser host forks it), with
// the session sealed through the shell-call bridge as Electron's main seals it with safeStorage,
// against the local cloud (real PostgreSQL + RLS, the PostgREST and GoTrue stand-ins).
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Game } from '../../../electron/contract/domain.ts';
import type { SyncStatus } from '../../../electron/contract/sync.ts';
import type { InvokeReply } from '../../../electron/contract/invoke.ts';
import { silentLogger } from '../../../electron/engine/log.ts';
import { testEngineConfig } from '../../../electron/engine/process/engine-config.test-helper.ts';
import { forkEngineChild } from '../../../electron/engine/process/fork-child.ts';
import type { ShellCalls } from '../../../electron/engine/process/protocol.ts';
import { startEngineSupervisor, type EngineSupervisor } from '../../../electron/engine/process/supervisor.ts';
import { startLocalApi, type LocalApi } from '../api/server.ts';
import { PASSWORD, addToTeam, newAnalyst, newTeam } from './cloud-users.ts';

/** The OS key store as main reaches it (safeStorage): a key only this test process holds. */
function keyStore(): ShellCalls & { calls: number } {
  const key = randomBytes(32);
  const box = {
    calls: 0,
    seal: async (plain: string) => {
      box.calls++;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open: async (sealed: string) => {
      box.calls++;
      const raw = Buffer.from(sealed, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
  return box;
}

interface RunningEngine {
  supervisor: EngineSupervisor;
  events: { name: string; payload: unknown }[];
  call<T>(command: string, args?: unknown): Promise<T>;
  fail(command: string, args?: unknown): Promise<{ kind: string; message: string }>;
  /** Waits for a sync.status event that passes the check (status is pushed, never polled). */
  statusWhere(check: (status: SyncStatus) => boolean, what: string, since?: number): Promise<SyncStatus>;
}

function startEngine(dataDir: string, shell: ShellCalls): RunningEngine {
  const events: { name: string; payload: unknown }[] = [];
  const supervisor = startEngineSupervisor({
    spawn: () => forkEngineChild(undefined, { ...process.env, RINKSIDE_SYNC_POLL_S: '3600' }),
    config: { ...testEngineConfig(dataDir), sessionStore: 'sealed' },
    shellCalls: shell,
    log: silentLogger,
    onEvent: (name, payload) => events.push({ name, payload }),
  });
  const invoke = (command: string, args: unknown = {}): Promise<InvokeReply> => supervisor.invoke(command, args);
  return {
    supervisor,
    events,
    async call<T>(command: string, args: unknown = {}) {
      const reply = await invoke(command, args);
      if (!reply.ok) throw new Error(`${command}: ${reply.error.kind} ${reply.error.message}`);
      return reply.value as T;
    },
    async fail(command, args = {}) {
      const reply = await invoke(command, args);
      if (reply.ok) throw new Error(`${command} succeeded`);
      return reply.error;
    },
    async statusWhere(check, what, since = 0) {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const found = events
          .slice(since)
          .filter((e) => e.name === 'sync.status')
          .map((e) => e.payload as SyncStatus);
        const hit = found.find(check);
        if (hit) return hit;
        if (Date.now() > deadline) throw new Error(`no sync.status ${what}; last: ${JSON.stringify(found.at(-1))}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

let api: LocalApi;
let port: number;
let running = false;
beforeAll(async () => {
  api = await startLocalApi({ signingAlg: 'HS256' });
  port = Number(new URL(api.url).port);
  running = true;
});
afterAll(async () => {
  if (running) await api.stop();
});

describe('sync commands in the engine process', () => {
  it('configure, sign in (sealed), share, sync status per game, remote changes, offline and Retry, restore, sign out', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rinkside-sync-cmds-'));
    const shell = keyStore();
    const owner = await newAnalyst(api, 'owner');
    const teammate = await newAnalyst(api, 'mate');
    const teamId = await newTeam(owner.client, 'Hawks');
    await addToTeam(owner.client, teamId, teammate.email);
    let engine = startEngine(dataDir, shell);
    try {
      expect(await engine.call<SyncStatus>('sync.status')).toMatchObject({ state: 'not-configured', account: null });
      expect(await engine.fail('sync.configure', { url: 'not a url', anonKey: api.anonKey })).toMatchObject({
        kind: 'invalid-args',
      });
      const configured = await engine.call<SyncStatus>('sync.configure', { url: `${api.url}/`, anonKey: api.anonKey });
      expect(configured).toMatchObject({ state: 'signed-out', project: { url: api.url, source: 'settings' } });
      expect(await engine.fail('sync.teams')).toMatchObject({ kind: 'not-signed-in' });

      expect(await engine.fail('sync.signIn', { email: owner.email, password: 'wrong' })).toMatchObject({
        kind: 'sign-in-failed',
      });
      const signedIn = await engine.call<SyncStatus>('sync.signIn', { email: owner.email, password: PASSWORD });
      expect(signedIn.account?.email).toBe(owner.email);
      // The session file holds only what the shell's key store sealed: no token in the clear.
      const sealedPath = join(dataDir, 'cloud-session.sealed');
      expect(readFileSync(sealedPath, 'utf8')).not.toMatch(/refresh_token|access_token|eyJ/);
      expect(existsSync(join(dataDir, 'cloud-session.json'))).toBe(false);
      expect(shell.calls).toBeGreaterThan(0);

      // A game made here is the analyst's own: no sync status, nothing waiting.
      const game = await engine.call<Game>('games.create', {
        title: 'Home opener',
        date: '2026-12-01',
        home: 'Hawks',
        away: 'Owls',
      });
      expect((await engine.call<SyncStatus>('sync.status')).games[game.id]).toBeUndefined();
      expect(await engine.call('sync.teams')).toEqual([{ id: teamId, name: 'Hawks', role: 'owner' }]);
      expect(await engine.fail('sync.shareGame', { gameId: game.id, teamId: randomUUID() })).toMatchObject({
        kind: 'not-found',
      });
      const shared = await engine.call<Game>('sync.shareGame', { gameId: game.id, teamId });
      expect(shared.teamId).toBe(teamId);
      await engine.statusWhere(
        (s) => s.games[game.id]?.state === 'synced' && s.state === 'synced',
        'synced after sharing',
      );
      const { data: onServer } = await teammate.client.from('games').select('title').eq('id', game.id);
      expect(onServer).toEqual([{ title: 'Home opener' }]);

      // A local edit waits (debounced), then syncs by itself.
      const before = engine.events.length;
      await engine.call('games.update', { id: game.id, patch: { title: 'Home opener (OT)' } });
      const waiting = await engine.statusWhere((s) => s.games[game.id]?.state === 'waiting', 'waiting after an edit');
      expect(waiting.games[game.id]).toEqual({ state: 'waiting', waiting: 1 });
      await engine.statusWhere(
        (s) => s.games[game.id]?.state === 'synced' && s.waiting === 0,
        'synced after the edit',
        before,
      );

      // The teammate renames the game; Retry (or the poll) pulls it and says which game changed.
      const later = new Date().toISOString();
      const { error } = await teammate.client
        .from('games')
        .update({ title: 'Renamed by a teammate', updated_at: later, device_id: 'mate-laptop' })
        .eq('id', game.id);
      expect(error).toBeNull();
      await engine.call<SyncStatus>('sync.retry');
      const remote = engine.events.filter((e) => e.name === 'sync.remoteChanges').map((e) => e.payload);
      expect(remote).toContainEqual({ gameIds: [game.id], beyondListed: false });
      expect((await engine.call<Game[]>('games.list')).find((g) => g.id === game.id)?.title).toBe(
        'Renamed by a teammate',
      );

      // The cloud goes down: an edit waits, the status says offline with the reason; Retry after it is back syncs.
      await api.stop();
      running = false;
      await engine.call('games.update', { id: game.id, patch: { title: 'Offline edit' } });
      const offline = await engine.call<SyncStatus>('sync.retry');
      expect(offline).toMatchObject({ state: 'offline', waiting: 1, problem: { kind: 'cloud-unreachable' } });
      expect(offline.games[game.id]).toEqual({ state: 'offline', waiting: 1 });
      expect(offline.nextAttemptAt).not.toBeNull();
      api = await startLocalApi({ signingAlg: 'HS256', port });
      running = true;
      const back = await engine.call<SyncStatus>('sync.retry');
      expect(back).toMatchObject({ state: 'synced', waiting: 0, problem: null });
      const { data: edited } = await teammate.client.from('games').select('title').eq('id', game.id);
      expect(edited).toEqual([{ title: 'Offline edit' }]);

      // The next launch finds the sealed session and is signed in without asking.
      await engine.supervisor.close();
      engine = startEngine(dataDir, shell);
      await engine.statusWhere((s) => s.account?.email === owner.email, 'signed in after a relaunch');

      const out = await engine.call<SyncStatus>('sync.signOut');
      expect(out).toMatchObject({ state: 'signed-out', account: null, problem: null });
      expect(existsSync(sealedPath)).toBe(false);
      expect((await engine.call<Game[]>('games.list')).map((g) => g.id)).toContain(game.id);
    } finally {
      await engine.supervisor.close();
    }
  });
});
