// kill -9 of a real process running the sync, mid-push and mid-pull, then a fresh process
// finishes: nothing is lost, nothing is applied twice, and the outbox lost only the rows whose
// batch the server had acknowledged.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/engine/store/db.ts';
import { createEvent } from '../../../electron/engine/store/events.ts';
import type { StoreContext } from '../../../electron/engine/store/games.ts';
import { defaultCodeId } from '../../../electron/engine/store/migrations/0003-tagging.ts';
import { deviceId } from '../../../electron/engine/store/settings.ts';
import { shareGame } from '../../../electron/engine/store/sharing.ts';
import { pullCursor } from '../../../electron/engine/store/sync-state.ts';
import type { SyncReport } from '../../../electron/engine/sync/row-sync.ts';
import { startLocalApi, type LocalApi } from '../api/server.ts';
import { isRead, isUpsert, startFaultProxy, type FaultProxy } from './fault-proxy.ts';
import { PASSWORD, makeGame, makeTeamOf, ownerConnection } from './sync-world.ts';

const CHILD = join(import.meta.dirname, 'sync-child.ts');
const EVENTS = 1500;
const BATCH = 500;

let api: LocalApi;
let owner: pg.Client;
let proxy: FaultProxy;
const dirs: string[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  api = await startLocalApi();
  owner = await ownerConnection();
  proxy = await startFaultProxy(api.url);
});
afterEach(() => {
  proxy.rule = () => ({ kind: 'pass' });
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
afterAll(async () => {
  await proxy?.close();
  await owner?.end();
  await api?.stop();
});

function library(): { dbPath: string; open: () => StoreContext } {
  const dir = mkdtempSync(join(tmpdir(), 'rinkside-sync-kill-'));
  dirs.push(dir);
  const dbPath = join(dir, 'library.sqlite');
  return {
    dbPath,
    open: () => {
      const db = openDatabase(dbPath);
      return { db, deviceId: deviceId(db), now: () => new Date().toISOString() };
    },
  };
}

interface Child {
  process: ChildProcess;
  /** The report line, or null when the process was killed. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; report: SyncReport | null }>;
}

function startChild(config: Record<string, unknown>): Child {
  const child = spawn(
    process.execPath,
    [CHILD, JSON.stringify({ url: proxy.url, anonKey: api.anonKey, password: PASSWORD, ...config })],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; report: SyncReport | null }>(
    (resolve) =>
      child.on('exit', (code, signal) => {
        const line = out.trim().split('\n').at(-1) ?? '';
        if (code !== 0 && signal === null) process.stderr.write(`sync child failed (${code}): ${err}\n`);
        resolve({ code, signal, report: line.startsWith('{') ? (JSON.parse(line) as SyncReport) : null });
      }),
  );
  return { process: child, done };
}

const count = (store: StoreContext, sql: string, ...params: string[]) =>
  (store.db.prepare(sql).get(...params) as { n: number }).n;

/** A laptop library with a shared game of EVENTS events, nothing synced yet. */
async function preparedLaptop(teamId: string) {
  const lib = library();
  const store = lib.open();
  const { gameId, videoId } = makeGame(store);
  for (let i = 0; i < EVENTS; i++) {
    createEvent(store, {
      gameId,
      videoId,
      codeId: defaultCodeId(i % 15),
      startS: i,
      endS: i,
      startFrame: i * 30,
      endFrame: i * 30,
      descriptors: {},
      note: `#${i}`,
    });
  }
  shareGame(store, gameId, teamId);
  store.db.close();
  return { ...lib, gameId };
}

describe('kill -9 of the sync process', () => {
  it('mid-push: only acknowledged batches leave the outbox; a fresh process pushes the rest once', async () => {
    const { teamId, users } = await makeTeamOf(owner, 'kpush', 1);
    const laptop = await preparedLaptop(teamId);
    // The second events batch reaches the server and commits there, but its answer never comes.
    let eventBatches = 0;
    const running: { child?: Child } = {};
    proxy.rule = (r) =>
      isUpsert(r, 'events') && ++eventBatches === 2
        ? { kind: 'withhold-answer', onApplied: () => running.child?.process.kill('SIGKILL') }
        : { kind: 'pass' };
    running.child = startChild({ dbPath: laptop.dbPath, email: users[0]!.email, pushBatchRows: BATCH });
    const killed = await running.child.done;
    expect(killed.signal).toBe('SIGKILL');

    const server = async () =>
      (
        await owner.query<{ id: string; server_seq: string }>(
          'SELECT id, server_seq FROM public.events WHERE game_id = $1',
          [laptop.gameId],
        )
      ).rows;
    const afterKill = await server();
    expect(afterKill).toHaveLength(2 * BATCH); // batch 2 committed on the server, unacknowledged
    let store = laptop.open();
    // The game, the video and the first batch were acknowledged; batches 2 and 3 still wait.
    expect(count(store, "SELECT count(DISTINCT row_id) AS n FROM outbox WHERE table_name = 'events'")).toBe(2 * BATCH);
    expect(count(store, "SELECT count(*) AS n FROM outbox WHERE table_name IN ('games', 'videos')")).toBe(0);
    store.db.close();

    proxy.rule = () => ({ kind: 'pass' });
    const second = startChild({ dbPath: laptop.dbPath, email: users[0]!.email, pushBatchRows: BATCH });
    const finished = await second.done;
    expect(finished.code).toBe(0);
    expect(finished.report!.pushed.rows).toBe(2 * BATCH);
    const final = await server();
    expect(final).toHaveLength(EVENTS);
    // Batch 2 arrived twice; the second time changed nothing (no new change number).
    const seqBefore = new Map(afterKill.map((r) => [r.id, r.server_seq]));
    const retried = final.filter((r) => seqBefore.has(r.id));
    expect(retried.every((r) => r.server_seq === seqBefore.get(r.id))).toBe(true);
    store = laptop.open();
    expect(count(store, 'SELECT count(*) AS n FROM outbox')).toBe(0);
    store.db.close();
  }, 120_000);

  it('mid-pull: the applied pages and their cursor stay; a fresh process resumes from it, applying each row once', async () => {
    const { teamId, users } = await makeTeamOf(owner, 'kpull', 2);
    const pusher = await preparedLaptop(teamId);
    const push = startChild({ dbPath: pusher.dbPath, email: users[0]!.email });
    expect((await push.done).code).toBe(0);

    const puller = library();
    puller.open().db.close();
    const PAGE = 400;
    let eventPages = 0;
    const running: { child?: Child } = {};
    proxy.rule = (r) =>
      isRead(r, 'events') && ++eventPages === 3
        ? { kind: 'withhold-answer', onApplied: () => running.child?.process.kill('SIGKILL') }
        : { kind: 'pass' };
    running.child = startChild({ dbPath: puller.dbPath, email: users[1]!.email, pullPageRows: PAGE });
    expect((await running.child.done).signal).toBe('SIGKILL');

    let store = puller.open();
    expect(count(store, 'SELECT count(*) AS n FROM events')).toBe(2 * PAGE);
    const cursor = pullCursor(store.db, 'events', teamId);
    const lastApplied = (
      await owner.query(
        'SELECT server_seq FROM public.events WHERE game_id = $1 ORDER BY server_seq OFFSET $2 LIMIT 1',
        [pusher.gameId, 2 * PAGE - 1],
      )
    ).rows[0].server_seq;
    expect(cursor).toBe(Number(lastApplied));
    expect(count(store, 'SELECT count(*) AS n FROM outbox')).toBe(0);
    store.db.close();

    proxy.rule = () => ({ kind: 'pass' });
    const seenBefore = proxy.seen.length;
    const second = startChild({ dbPath: puller.dbPath, email: users[1]!.email, pullPageRows: PAGE });
    const finished = await second.done;
    expect(finished.code).toBe(0);
    const firstEventsRead = proxy.seen.slice(seenBefore).find((r) => isRead(r, 'events'))!;
    expect(firstEventsRead.search.get('server_seq')).toBe(`gt.${cursor}`);
    // Only the rows after the cursor were fetched and applied: each row once, none kept as a repeat.
    expect(finished.report!.pulled).toMatchObject({ applied: EVENTS - 2 * PAGE, kept: 0, rows: EVENTS - 2 * PAGE });
    store = puller.open();
    expect(count(store, 'SELECT count(*) AS n FROM events WHERE game_id = ?', pusher.gameId)).toBe(EVENTS);
    store.db.close();
  }, 120_000);
});
