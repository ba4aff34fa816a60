// Two laptops of one team edit the same event while offline, then sync: both end with the same
// row, the later write's (a delete is a write); an edit that reaches the server late with an old
// timestamp is still pulled (by server_seq, not by time) and loses to a newer one.
import { describe, expect, it } from 'vitest';
import { createEvent, deleteEvent, restoreEvent, updateEvent } from '../../../electron/engine/store/events.ts';
import { defaultCodeId } from '../../../electron/engine/store/migrations/0003-tagging.ts';
import { shareGame } from '../../../electron/engine/store/sharing.ts';
import { makeGame, makeTeamOf, type Laptop } from './sync-world.ts';
import { syncSuite } from './sync-suite.ts';

const suite = syncSuite();

/** Laptops whose clocks are set by the test: `at(minute)` is the time of the next write. */
function clock() {
  let minute = 0;
  return {
    at: (m: number) => (minute = m),
    now: () => new Date(Date.UTC(2026, 2, 1, 18, minute, 0)).toISOString(),
  };
}

async function team(label: string) {
  const { teamId, users } = await makeTeamOf(suite.owner, label, 2);
  const ca = clock();
  const cb = clock();
  const a = await suite.laptop(users[0]!.email, { now: ca.now });
  const b = await suite.laptop(users[1]!.email, { now: cb.now });
  const { gameId, videoId } = makeGame(a.store);
  shareGame(a.store, gameId, teamId);
  const event = createEvent(a.store, {
    gameId,
    videoId,
    codeId: defaultCodeId(0),
    startS: 10,
    endS: 12,
    startFrame: 300,
    endFrame: 360,
    descriptors: {},
    note: 'first',
  });
  expect((await a.sync.syncOnce()).error).toBeNull();
  expect((await b.sync.syncOnce()).error).toBeNull();
  expect(row(b, event.id).note).toBe('first');
  return { a, b, ca, cb, eventId: event.id };
}

const row = (l: Laptop, id: string) =>
  l.store.db.prepare('SELECT note, deleted, updated_at, device_id FROM events WHERE id = ?').get(id) as {
    note: string;
    deleted: number;
    updated_at: string;
    device_id: string;
  };
const serverRow = async (id: string) =>
  (await suite.owner.query('SELECT note, deleted, updated_at, device_id FROM public.events WHERE id = $1', [id]))
    .rows[0];

const serverGame = async (eventId: string): Promise<string> =>
  (await suite.owner.query('SELECT game_id FROM public.events WHERE id = $1', [eventId])).rows[0].game_id;

async function syncBoth(a: Laptop, b: Laptop) {
  for (const l of [a, b, a, b]) expect((await l.sync.syncOnce()).error).toBeNull();
}

describe('two devices, one event, both offline', () => {
  it('both end with the later edit, whichever laptop syncs first', async () => {
    const { a, b, ca, cb, eventId } = await team('tw');
    ca.at(5);
    updateEvent(a.store, eventId, { note: 'a at 18:05' });
    cb.at(7);
    updateEvent(b.store, eventId, { note: 'b at 18:07' });
    // The later writer syncs first; the earlier one's push then changes nothing on the server.
    await syncBoth(b, a);
    expect(row(a, eventId)).toEqual(row(b, eventId));
    expect(row(a, eventId)).toMatchObject({ note: 'b at 18:07', device_id: b.store.deviceId });
    expect(await serverRow(eventId)).toMatchObject({ note: 'b at 18:07', device_id: b.store.deviceId });
  });

  it('a delete is a write: a later delete beats an earlier edit, a later edit beats an earlier delete', async () => {
    const { a, b, ca, cb, eventId } = await team('td');
    ca.at(5);
    updateEvent(a.store, eventId, { note: 'edited' });
    cb.at(6);
    deleteEvent(b.store, eventId);
    await syncBoth(a, b);
    expect(row(a, eventId)).toEqual(row(b, eventId));
    // The whole row is the unit of last-writer-wins: b's delete carries b's copy (note 'first').
    expect(row(a, eventId)).toMatchObject({ note: 'first', deleted: 1, device_id: b.store.deviceId });
    expect(row(a, eventId).deleted).toBe(1);

    // Now the other way round: b deletes at 18:10, a (offline) restores and edits at 18:12.
    cb.at(10);
    restoreEvent(b.store, eventId);
    deleteEvent(b.store, eventId);
    ca.at(12);
    restoreEvent(a.store, eventId);
    updateEvent(a.store, eventId, { note: 'back' });
    await syncBoth(b, a);
    expect(row(a, eventId)).toEqual(row(b, eventId));
    expect(row(b, eventId)).toMatchObject({ note: 'back', deleted: 0, device_id: a.store.deviceId });
    expect(await serverRow(eventId)).toMatchObject({ note: 'back', deleted: false });
  });

  it('an edit synced late with an older timestamp is still pulled by the other laptop, and loses', async () => {
    const { a, b, ca, cb, eventId } = await team('tl');
    // a edits at 18:05 and stays offline for a long time.
    ca.at(5);
    updateEvent(a.store, eventId, { note: 'a, old' });
    // b edits at 18:20 and does not sync yet; the server row is still 'first' from 18:00.
    cb.at(20);
    updateEvent(b.store, eventId, { note: 'b, newer' });
    const before = (await suite.owner.query('SELECT server_seq FROM public.events WHERE id = $1', [eventId])).rows[0]
      .server_seq;
    // a comes online: its 18:05 edit beats the server's 18:00 row and takes a new change number.
    expect((await a.sync.syncOnce()).error).toBeNull();
    const late = await suite.owner.query('SELECT note, server_seq FROM public.events WHERE id = $1', [eventId]);
    expect(late.rows[0].note).toBe('a, old');
    expect(Number(late.rows[0].server_seq)).toBeGreaterThan(Number(before));
    // b syncs: its push wins on the server (18:20 > 18:05), and its pull brings a's late edit,
    // which b's newer row beats locally.
    const report = await b.sync.syncOnce();
    expect(report.error).toBeNull();
    expect(report.pulled.kept).toBeGreaterThanOrEqual(1);
    expect(row(b, eventId).note).toBe('b, newer');
    expect(await serverRow(eventId)).toMatchObject({ note: 'b, newer' });
    expect((await a.sync.syncOnce()).error).toBeNull();
    expect(row(a, eventId)).toEqual(row(b, eventId));
  });

  it('a late edit with an old timestamp that is newer than the server row is pulled even though it is older than the last pull', async () => {
    const { a, b, ca, eventId } = await team('ts');
    ca.at(5);
    updateEvent(a.store, eventId, { note: 'a at 18:05, synced at last' });
    // b synced after 18:05 in real time (its cursor is current) but a's edit was not on the server.
    expect((await b.sync.syncOnce()).error).toBeNull();
    expect((await a.sync.syncOnce()).error).toBeNull();
    const report = await b.sync.syncOnce();
    expect(report.pulled.applied).toBeGreaterThanOrEqual(1);
    expect(row(b, eventId)).toEqual(row(a, eventId));
    expect(row(b, eventId).note).toBe('a at 18:05, synced at last');
  });

  it('an edit that loses on the server (its laptop clock behind) is replaced by the winner at once', async () => {
    const { a, b, cb, eventId } = await team('tb');
    // b already pulled a's 18:00 row; b's clock is behind, so its edit is stamped 17:59.
    cb.at(-1);
    updateEvent(b.store, eventId, { note: 'b, clock behind' });
    const report = await b.sync.syncOnce();
    expect(report.error).toBeNull();
    expect(report.pushed.lost).toBe(1);
    // The winning row is behind b's cursor (no new change number was taken): b fetched it itself.
    expect(row(b, eventId)).toEqual(row(a, eventId));
    expect(row(b, eventId).note).toBe('first');
    expect(b.sync.pendingByGame().get(await serverGame(eventId))).toBe(0);
  });
});
