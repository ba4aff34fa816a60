// Property: whatever the interleaving of edits, deletes, restores and syncs on three laptops of
// one team (with clocks a little apart, so equal times happen and the device id decides), once
// every laptop has synced twice all three hold exactly the server's rows, and for each event that
// row is the newest write any laptop made (by updated_at, then device id): nothing is lost.
import fc from 'fast-check';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, deleteEvent, restoreEvent, updateEvent } from '../../../electron/engine/store/events.ts';
import { defaultCodeId } from '../../../electron/engine/store/migrations/0003-tagging.ts';
import { shareGame } from '../../../electron/engine/store/sharing.ts';
import { compareWrites } from '../../../electron/engine/sync/timestamps.ts';
import { startLocalApi, type LocalApi } from '../api/server.ts';
import { makeGame, makeTeamOf, openLaptop, ownerConnection, type Laptop } from './sync-world.ts';

let api: LocalApi;
let owner: pg.Client;
let teamId: string;
const laptops: Laptop[] = [];
/** Each laptop's clock: the run's base time, one second per step, plus the laptop's skew. */
const clocks = { baseMs: 0, step: 0, skewS: [0, 0, 0] };

beforeAll(async () => {
  api = await startLocalApi();
  owner = await ownerConnection();
  const team = await makeTeamOf(owner, 'prop', 3);
  teamId = team.teamId;
  for (let d = 0; d < 3; d++) {
    const now = () => new Date(clocks.baseMs + (clocks.step + clocks.skewS[d]!) * 1000).toISOString();
    laptops.push(await openLaptop({ url: api.url, anonKey: api.anonKey, email: team.users[d]!.email, now }));
  }
});
afterAll(async () => {
  for (const l of laptops) l.close();
  await owner?.end();
  await api?.stop();
});

type Action =
  | { kind: 'edit'; device: number; event: number; note: string }
  | { kind: 'toggle-delete'; device: number; event: number }
  | { kind: 'sync'; device: number };

const device = fc.integer({ min: 0, max: 2 });
const eventIndex = fc.integer({ min: 0, max: 2 });
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), device, event: eventIndex, note: fc.string({ maxLength: 6 }) }),
  fc.record({ kind: fc.constant('toggle-delete' as const), device, event: eventIndex }),
  fc.record({ kind: fc.constant('sync' as const), device }),
);

interface Write {
  updatedAt: string;
  deviceId: string;
  note: string;
  deleted: number;
}

const localRow = (l: Laptop, id: string) =>
  l.store.db.prepare('SELECT note, deleted, updated_at, device_id FROM events WHERE id = ?').get(id) as
    { note: string; deleted: number; updated_at: string; device_id: string } | undefined;

async function syncOk(l: Laptop) {
  const report = await l.sync.syncOnce();
  expect(report.error).toBeNull();
}

describe('three laptops, random interleavings', () => {
  it('end equal to the server, each event holding its newest write', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(action, { minLength: 1, maxLength: 24 }),
        fc.tuple(fc.integer({ min: -2, max: 2 }), fc.integer({ min: -2, max: 2 }), fc.integer({ min: -2, max: 2 })),
        async (actions, skew) => {
          run += 1;
          clocks.baseMs = Date.UTC(2026, 4, 1) + run * 3_600_000;
          clocks.step = 0;
          clocks.skewS = [...skew];
          // Laptop 0 makes the game with three events and shares it; everyone gets it.
          const [first] = laptops;
          const { gameId, videoId } = makeGame(first!.store, `Game ${run}`);
          shareGame(first!.store, gameId, teamId);
          const ids = [0, 1, 2].map(
            (i) =>
              createEvent(first!.store, {
                gameId,
                videoId,
                codeId: defaultCodeId(i),
                startS: i,
                endS: i,
                startFrame: i * 30,
                endFrame: i * 30,
                descriptors: {},
                note: `event ${i}`,
              }).id,
          );
          const writes: Write[][] = ids.map((id) => {
            const r = localRow(first!, id)!;
            return [{ updatedAt: r.updated_at, deviceId: r.device_id, note: r.note, deleted: r.deleted }];
          });
          for (const l of laptops) await syncOk(l);

          for (const a of actions) {
            clocks.step += 1;
            const l = laptops[a.device]!;
            if (a.kind === 'sync') {
              await syncOk(l);
              continue;
            }
            const id = ids[a.event]!;
            const current = localRow(l, id)!;
            if (a.kind === 'edit') {
              if (current.deleted) continue;
              updateEvent(l.store, id, { note: a.note });
            } else if (current.deleted) restoreEvent(l.store, id);
            else deleteEvent(l.store, id);
            const r = localRow(l, id)!;
            writes[a.event]!.push({ updatedAt: r.updated_at, deviceId: r.device_id, note: r.note, deleted: r.deleted });
          }
          for (let round = 0; round < 2; round++) for (const l of laptops) await syncOk(l);

          const server = await owner.query<{
            id: string;
            note: string;
            deleted: boolean;
            updated_at: Date;
            device_id: string;
          }>('SELECT id, note, deleted, updated_at, device_id FROM public.events WHERE game_id = $1', [gameId]);
          expect(server.rows).toHaveLength(3);
          ids.forEach((id, i) => {
            // The newest write; among equal keys the last made (a device re-writing within one step).
            const newest = writes[i]!.reduce((best, w) => (compareWrites(w, best) >= 0 ? w : best));
            const onServer = server.rows.find((r) => r.id === id)!;
            expect({
              note: onServer.note,
              deleted: onServer.deleted ? 1 : 0,
              updated_at: onServer.updated_at.toISOString(),
              device_id: onServer.device_id,
            }).toEqual({
              note: newest.note,
              deleted: newest.deleted,
              updated_at: newest.updatedAt,
              device_id: newest.deviceId,
            });
            for (const l of laptops) {
              expect(localRow(l, id)).toEqual({
                note: newest.note,
                deleted: newest.deleted,
                updated_at: newest.updatedAt,
                device_id: newest.deviceId,
              });
            }
          });
          for (const l of laptops) expect(l.sync.pendingByGame().get(gameId)).toBe(0);
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);
});
