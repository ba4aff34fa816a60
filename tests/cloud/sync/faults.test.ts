// The sync under faults, through a fault-injecting proxy in front of the real local API: each
// failure is retried with backoff (the waits are recorded by an injected clock), reported with a
// clear kind when it lasts, and nothing leaves the outbox until the server acknowledged it.
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEvent } from '../../../electron/engine/store/events.ts';
import { defaultCodeId } from '../../../electron/engine/store/migrations/0003-tagging.ts';
import { shareGame } from '../../../electron/engine/store/sharing.ts';
import {
  createRowSync,
  createSyncClient,
  createSyncTransport,
  type BackoffPolicy,
  type Clock,
} from '../../../electron/engine/sync/row-sync.ts';
import { startLocalApi, type LocalApi } from '../api/server.ts';
import { isUpsert, startFaultProxy, type FaultProxy } from './fault-proxy.ts';
import { makeGame, makeTeamOf, openLaptop, ownerConnection, type Laptop } from './sync-world.ts';

let api: LocalApi;
let owner: pg.Client;
let proxy: FaultProxy;
const laptops: Laptop[] = [];

beforeAll(async () => {
  api = await startLocalApi();
  owner = await ownerConnection();
  proxy = await startFaultProxy(api.url);
});
afterEach(() => {
  proxy.rule = () => ({ kind: 'pass' });
  for (const l of laptops.splice(0)) l.close();
});
afterAll(async () => {
  await proxy?.close();
  await owner?.end();
  await api?.stop();
});

const policy: BackoffPolicy = { baseMs: 100, capMs: 2000, maxAttempts: 4 };

/** Records each backoff wait instead of waiting (an aborted signal still ends a sleep). */
function recordingClock(): Clock & { waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    now: () => Date.now(),
    sleep: (ms, signal) => {
      waits.push(ms);
      return signal?.aborted ? Promise.reject(signal.reason as Error) : Promise.resolve();
    },
  };
}

/** A laptop with a shared game holding `events` events, not yet synced, talking through the proxy. */
async function laptopWithWork(label: string, events = 3, requestTimeoutMs = 10_000) {
  const { teamId, users } = await makeTeamOf(owner, label, 1);
  const clock = recordingClock();
  const laptop = await openLaptop({
    url: proxy.url,
    anonKey: api.anonKey,
    email: users[0]!.email,
    requestTimeoutMs,
    sync: { backoff: policy, clock, random: () => 0.5 },
  });
  laptops.push(laptop);
  const { gameId, videoId } = makeGame(laptop.store);
  for (let i = 0; i < events; i++) {
    createEvent(laptop.store, {
      gameId,
      videoId,
      codeId: defaultCodeId(0),
      startS: i,
      endS: i,
      startFrame: i,
      endFrame: i,
      descriptors: {},
      note: '',
    });
  }
  shareGame(laptop.store, gameId, teamId);
  return { laptop, clock, gameId, teamId };
}

const outbox = (l: Laptop) => (l.store.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
const serverEvents = async (gameId: string) =>
  (await owner.query('SELECT count(*)::int AS n FROM public.events WHERE game_id = $1', [gameId])).rows[0].n as number;

describe('sync faults', () => {
  it('server down: retried with growing waits, reported as offline, nothing lost; back up, it syncs', async () => {
    const { laptop, clock, gameId } = await laptopWithWork('fdown');
    const waiting = outbox(laptop);
    proxy.rule = () => ({ kind: 'drop' });
    const down = await laptop.sync.syncOnce();
    expect(down.ok).toBe(false);
    expect(down.error).toMatchObject({ kind: 'offline', retryable: true });
    expect(down.error!.message).toMatch(/cannot be reached/);
    expect(down.error!.retryInMs).toBeGreaterThan(0);
    // Full jitter at random 0.5: half of 100, 200, 400 ms.
    expect(clock.waits).toEqual([50, 100, 200]);
    expect(outbox(laptop)).toBe(waiting);
    expect(laptop.sync.pendingByGame().get(gameId)).toBe(5);

    proxy.rule = () => ({ kind: 'pass' });
    const up = await laptop.sync.syncOnce();
    expect(up.error).toBeNull();
    expect(outbox(laptop)).toBe(0);
    expect(await serverEvents(gameId)).toBe(3);
  });

  it('a real closed port is offline too', async () => {
    const { laptop, gameId } = await laptopWithWork('fport');
    // Signed in; now the server is gone: the same library syncing to a port nobody serves.
    const transport = createSyncTransport({ requestTimeoutMs: 2000 });
    const client = createSyncClient('http://127.0.0.1:9', api.anonKey, transport);
    const sync = createRowSync({ store: laptop.store, client, transport, backoff: { ...policy, maxAttempts: 1 } });
    const report = await sync.syncOnce();
    expect(report.error).toMatchObject({ kind: 'offline', retryable: true });
    expect(sync.pendingByGame().get(gameId)).toBe(5);
  });

  it('429 with Retry-After: waits at least what the server asked, then succeeds', async () => {
    const { laptop, clock, gameId } = await laptopWithWork('f429');
    let limited = 0;
    proxy.rule = (r) =>
      isUpsert(r, 'events') && limited++ < 2
        ? { kind: 'status', status: 429, headers: { 'retry-after': '3' }, body: { message: 'Too many requests' } }
        : { kind: 'pass' };
    const report = await laptop.sync.syncOnce();
    expect(report.error).toBeNull();
    expect(report.retries).toBe(2);
    expect(clock.waits).toEqual([3000, 3000]);
    expect(await serverEvents(gameId)).toBe(3);
    expect(outbox(laptop)).toBe(0);
  });

  it('500: retried; when it lasts, a server error with a suggested wait, acknowledged batches gone only', async () => {
    const { laptop, clock, gameId } = await laptopWithWork('f500');
    let failed = 0;
    proxy.rule = (r) => (isUpsert(r, 'events') && failed++ < 1 ? { kind: 'status', status: 500 } : { kind: 'pass' });
    const once = await laptop.sync.syncOnce();
    expect(once.error).toBeNull();
    expect(once.retries).toBe(1);
    expect(clock.waits).toEqual([50]);
    expect(await serverEvents(gameId)).toBe(3);

    // Now events fail for good: the game and video (acknowledged) leave the outbox, the events stay.
    const { laptop: other, gameId: otherGame } = await laptopWithWork('f500b');
    proxy.rule = (r) => (isUpsert(r, 'events') ? { kind: 'status', status: 503 } : { kind: 'pass' });
    const lasting = await other.sync.syncOnce();
    expect(lasting.error).toMatchObject({ kind: 'server', retryable: true });
    expect(lasting.error!.message).toMatch(/503/);
    expect(lasting.pushed.batches.map((b) => b.table)).toEqual(['games', 'videos']);
    expect(other.sync.pendingByGame().get(otherGame)).toBe(3);
    expect(await serverEvents(otherGame)).toBe(0);
  });

  it('a hanging request times out and is retried; one that always hangs is reported as a timeout', async () => {
    const { laptop, gameId } = await laptopWithWork('fhang', 3, 300);
    let hung = 0;
    proxy.rule = (r) => (isUpsert(r, 'events') && hung++ < 1 ? { kind: 'hang' } : { kind: 'pass' });
    const report = await laptop.sync.syncOnce();
    expect(report.error).toBeNull();
    expect(report.retries).toBe(1);
    expect(await serverEvents(gameId)).toBe(3);

    const { laptop: other, gameId: otherGame } = await laptopWithWork('fhang2', 3, 300);
    proxy.rule = (r) => (isUpsert(r, 'events') ? { kind: 'hang' } : { kind: 'pass' });
    const lasting = await other.sync.syncOnce();
    expect(lasting.error).toMatchObject({ kind: 'timeout', retryable: true });
    expect(other.sync.pendingByGame().get(otherGame)).toBe(3);
  });

  it('a token that expires mid-sync is refreshed once and the sync goes on', async () => {
    const { laptop, gameId } = await laptopWithWork('fexp');
    let expired = 0;
    proxy.rule = (r) =>
      isUpsert(r, 'videos') && expired++ < 1
        ? {
            kind: 'status',
            status: 401,
            headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
            body: { code: 'PGRST303', message: 'JWT expired', details: null, hint: null },
          }
        : { kind: 'pass' };
    const report = await laptop.sync.syncOnce();
    expect(report.error).toBeNull();
    expect(report.sessionRefreshes).toBe(1);
    expect(proxy.seen.some((r) => r.path === '/auth/v1/token' && r.search.get('grant_type') === 'refresh_token')).toBe(
      true,
    );
    expect(await serverEvents(gameId)).toBe(3);
  });

  it('a session that cannot be renewed is an auth error (sign in again), not retried', async () => {
    const { laptop, clock, gameId } = await laptopWithWork('fauth');
    proxy.rule = (r) =>
      r.path.startsWith('/rest/') || r.path === '/auth/v1/token'
        ? { kind: 'status', status: 401, body: { code: 'PGRST303', message: 'JWT expired' } }
        : { kind: 'pass' };
    const report = await laptop.sync.syncOnce();
    expect(report.error).toMatchObject({ kind: 'auth', retryable: false, retryInMs: null });
    expect(report.error!.message).toMatch(/sign in again/);
    expect(clock.waits).toEqual([]);
    expect(laptop.sync.pendingByGame().get(gameId)).toBe(5);
  });

  it('a renewal that cannot reach the server is offline (retry later), not a lost session', async () => {
    const { laptop, gameId } = await laptopWithWork('frenew');
    proxy.rule = (r) =>
      r.path === '/auth/v1/token'
        ? { kind: 'drop' }
        : r.path.startsWith('/rest/')
          ? { kind: 'status', status: 401, body: { code: 'PGRST303', message: 'JWT expired' } }
          : { kind: 'pass' };
    const report = await laptop.sync.syncOnce();
    expect(report.error).toMatchObject({ kind: 'offline', retryable: true });
    expect(laptop.sync.pendingByGame().get(gameId)).toBe(5);
  });

  it('a row the server refuses (4xx) stops the push with the reason and keeps the rows', async () => {
    const { laptop, clock, gameId } = await laptopWithWork('f403');
    proxy.rule = (r) =>
      isUpsert(r, 'games')
        ? {
            kind: 'status',
            status: 403,
            body: { code: '42501', message: 'new row violates row-level security policy' },
          }
        : { kind: 'pass' };
    const report = await laptop.sync.syncOnce();
    expect(report.error).toMatchObject({ kind: 'refused', retryable: false });
    expect(report.error!.message).toMatch(/row-level security/);
    expect(clock.waits).toEqual([]);
    expect(laptop.sync.pendingByGame().get(gameId)).toBe(5);
  });

  it('stopping a sync mid-request is a cancel, not an error the analyst must act on', async () => {
    const { laptop, gameId } = await laptopWithWork('fcancel');
    const stop = new AbortController();
    proxy.rule = (r) => {
      if (isUpsert(r, 'events')) {
        setTimeout(() => stop.abort(), 50);
        return { kind: 'hang' };
      }
      return { kind: 'pass' };
    };
    const report = await laptop.sync.syncOnce(stop.signal);
    expect(report.error?.kind).toBe('cancelled');
    expect(laptop.sync.pendingByGame().get(gameId)).toBe(3);
  });
});
