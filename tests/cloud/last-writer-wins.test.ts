// Last-writer-wins and the change sequence, enforced by the server's triggers whoever writes: the
// statements here are what a PostgREST upsert (merge-duplicates) runs, as a team member.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitAs, insertSql, ownerConnection } from './sql-session.ts';
import { SYNCED_TABLES, T0, makeTeam, type TeamWorld } from './team-fixtures.ts';

let client: pg.Client;
let team: TeamWorld;
const eventSpec = SYNCED_TABLES.find((spec) => spec.table === 'events')!;

beforeAll(async () => {
  client = await ownerConnection();
  team = await makeTeam(client, 'lww');
});
afterAll(async () => {
  await client?.end();
});

interface StoredEvent {
  note: string;
  deleted: boolean;
  updated_at: Date;
  device_id: string;
  server_seq: string;
}

/** Upserts one version of an event as the team's member and commits; returns the rows written. */
async function push(id: string, version: { at: string; device: string; note?: string; deleted?: boolean }) {
  const row = {
    ...eventSpec.make(team.rows, id),
    updated_at: version.at,
    device_id: version.device,
    note: version.note ?? '',
    deleted: version.deleted ?? false,
  };
  const { sql, params } = insertSql('events', row, 'update');
  return commitAs(client, { user: team.member }, async (c) => (await c.query(sql, params)).rowCount);
}

async function stored(id: string): Promise<StoredEvent> {
  const found = await client.query<StoredEvent>(
    'SELECT note, deleted, updated_at, device_id, server_seq FROM public.events WHERE id = $1',
    [id],
  );
  return found.rows[0]!;
}

const at = (minute: number) => `2026-03-01T10:${String(minute).padStart(2, '0')}:00.000Z`;

describe('last writer wins by (updated_at, device_id)', () => {
  it('an upsert with an older timestamp changes nothing, not even the sequence', async () => {
    const id = randomUUID();
    await push(id, { at: at(10), device: 'device-a', note: 'kept' });
    const before = await stored(id);
    expect(await push(id, { at: at(5), device: 'device-z', note: 'stale' })).toBe(0);
    expect(await stored(id)).toEqual(before);
  });

  it('a newer write wins and takes a new sequence number', async () => {
    const id = randomUUID();
    await push(id, { at: at(10), device: 'device-a', note: 'first' });
    const before = await stored(id);
    expect(await push(id, { at: at(11), device: 'device-a', note: 'second' })).toBe(1);
    const after = await stored(id);
    expect(after).toMatchObject({ note: 'second', device_id: 'device-a' });
    expect(BigInt(after.server_seq)).toBeGreaterThan(BigInt(before.server_seq));
  });

  it('a tie on updated_at goes to the greater device_id, compared bytewise', async () => {
    const id = randomUUID();
    await push(id, { at: at(10), device: 'device-b', note: 'b' });
    expect(await push(id, { at: at(10), device: 'device-a', note: 'a' })).toBe(0);
    expect((await stored(id)).note).toBe('b');
    expect(await push(id, { at: at(10), device: 'device-c', note: 'c' })).toBe(1);
    expect((await stored(id)).note).toBe('c');
    // Bytewise, not by a locale: 'Z' (0x5a) sorts before 'a' (0x61).
    expect(await push(id, { at: at(10), device: 'Zdevice', note: 'Z' })).toBe(0);
    expect((await stored(id)).note).toBe('c');
  });

  it('the same write arriving twice (a retried push) changes nothing the second time', async () => {
    const id = randomUUID();
    await push(id, { at: at(10), device: 'device-a', note: 'once' });
    const before = await stored(id);
    expect(await push(id, { at: at(10), device: 'device-a', note: 'once' })).toBe(0);
    expect(await stored(id)).toEqual(before);
  });

  it('a delete is a write: it loses to a newer edit and beats an older one', async () => {
    const id = randomUUID();
    await push(id, { at: at(10), device: 'device-a', note: 'live' });
    expect(await push(id, { at: at(9), device: 'device-b', deleted: true })).toBe(0);
    expect((await stored(id)).deleted).toBe(false);
    expect(await push(id, { at: at(12), device: 'device-b', deleted: true })).toBe(1);
    expect((await stored(id)).deleted).toBe(true);
    // An edit made before the delete, synced after it, does not bring the row back...
    expect(await push(id, { at: at(11), device: 'device-a', note: 'late edit' })).toBe(0);
    expect(await stored(id)).toMatchObject({ deleted: true, note: '' });
    // ...an edit made after it does.
    expect(await push(id, { at: at(13), device: 'device-a', note: 'restored' })).toBe(1);
    expect(await stored(id)).toMatchObject({ deleted: false, note: 'restored' });
  });

  it('a DELETE through the API becomes a tombstone that wins even over a device clock running ahead', async () => {
    const id = randomUUID();
    const ahead = '2099-01-01T00:00:00.000Z';
    await push(id, { at: ahead, device: 'device-a' });
    await commitAs(client, { user: team.member }, (c) => c.query('DELETE FROM public.events WHERE id = $1', [id]));
    const after = await stored(id);
    expect(after).toMatchObject({ deleted: true, device_id: 'server' });
    expect(after.updated_at.getTime()).toBe(new Date(ahead).getTime() + 1);
  });

  it('a plain UPDATE without a newer timestamp changes nothing', async () => {
    const id = randomUUID();
    await push(id, { at: at(10), device: 'device-a', note: 'kept' });
    await commitAs(client, { user: team.member }, (c) =>
      c.query("UPDATE public.events SET note = 'sneaky' WHERE id = $1", [id]),
    );
    expect((await stored(id)).note).toBe('kept');
  });
});

describe('the change sequence', () => {
  it('strictly increases with every applied write, whatever the timestamps', async () => {
    const seqs: bigint[] = [];
    for (const minute of [30, 5, 59, 1]) {
      const id = randomUUID();
      await push(id, { at: at(minute), device: 'device-a' });
      seqs.push(BigInt((await stored(id)).server_seq));
    }
    expect([...seqs].sort((a, b) => (a < b ? -1 : 1))).toEqual(seqs);
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('ignores a sequence number sent by the client', async () => {
    const id = randomUUID();
    const highest = await client.query<{ seq: string }>('SELECT last_value::text AS seq FROM private.change_seq');
    const row = { ...eventSpec.make(team.rows, id), server_seq: 1 };
    const { sql, params } = insertSql('events', row);
    await commitAs(client, { user: team.member }, (c) => c.query(sql, params));
    expect(BigInt((await stored(id)).server_seq)).toBeGreaterThan(BigInt(highest.rows[0]!.seq));
  });

  it('gives a late write with an old timestamp a new number, so a pull by sequence sees it', async () => {
    const late = randomUUID();
    await push(late, { at: at(1), device: 'device-a', note: 'v1' });
    // Device B pulls everything, including a row written at 10:50, and keeps its cursor.
    const recent = randomUUID();
    await push(recent, { at: at(50), device: 'device-b' });
    const cursor = BigInt((await stored(recent)).server_seq);
    const newestSeen = new Date(at(50));
    // Device A, offline since 10:02, syncs an edit it made then.
    expect(await push(late, { at: at(2), device: 'device-a', note: 'v2 from offline' })).toBe(1);
    const pulled = await client.query<{ id: string; note: string }>(
      'SELECT id, note FROM public.events WHERE team_id = $1 AND server_seq > $2 ORDER BY server_seq',
      [team.rows.teamId, cursor.toString()],
    );
    expect(pulled.rows).toEqual([{ id: late, note: 'v2 from offline' }]);
    // Pulling by the client's clock would have missed it.
    const byTime = await client.query('SELECT id FROM public.events WHERE team_id = $1 AND updated_at > $2', [
      team.rows.teamId,
      newestSeen,
    ]);
    expect(byTime.rows.map((r: { id: string }) => r.id)).not.toContain(late);
  });
});

describe('a row belongs to its team for good', () => {
  it('takes its team from its parent, whatever team_id the client sends', async () => {
    const id = randomUUID();
    const other = await makeTeam(client, 'lww-other');
    const row = { ...eventSpec.make(team.rows, id), team_id: other.rows.teamId };
    const { sql, params } = insertSql('events', row);
    await commitAs(client, { user: team.member }, (c) => c.query(sql, params));
    expect((await client.query('SELECT team_id FROM public.events WHERE id = $1', [id])).rows).toEqual([
      { team_id: team.rows.teamId },
    ]);
  });

  it('cannot move a game to another team, even for a member of both', async () => {
    const other = await makeTeam(client, 'lww-both');
    const both = team.member;
    await client.query('INSERT INTO public.team_members (team_id, user_id) VALUES ($1, $2)', [other.rows.teamId, both]);
    const move = commitAs(client, { user: both }, (c) =>
      c.query('UPDATE public.games SET team_id = $2, updated_at = $3 WHERE id = $1', [
        team.rows.game,
        other.rows.teamId,
        '2026-04-01T00:00:00.000Z',
      ]),
    );
    await expect(move).rejects.toMatchObject({ code: '23514' });
    expect((await client.query('SELECT team_id FROM public.games WHERE id = $1', [team.rows.game])).rows).toEqual([
      { team_id: team.rows.teamId },
    ]);
  });

  it('refuses a row whose parent is not on the server yet, naming what to push first', async () => {
    const row = { ...eventSpec.make({ ...team.rows, game: randomUUID() }, randomUUID()) };
    const { sql, params } = insertSql('events', row);
    const refused = commitAs(client, { user: team.member }, (c) => c.query(sql, params));
    await expect(refused).rejects.toMatchObject({ code: '23503', message: expect.stringMatching(/push it before/) });
  });
});

describe('concurrent pushes of one team', () => {
  it('take their sequence numbers in commit order, and another team is not held up', async () => {
    const first = await ownerConnection();
    const second = await ownerConnection();
    const otherTeamClient = await ownerConnection();
    const other = await makeTeam(otherTeamClient, 'lww-concurrent');
    try {
      const idFirst = randomUUID();
      const idSecond = randomUUID();
      const writeOn = async (c: pg.Client, world: TeamWorld, id: string) => {
        const { sql, params } = insertSql('events', { ...eventSpec.make(world.rows, id), updated_at: T0 });
        await c.query(sql, params);
      };
      await first.query('BEGIN');
      await writeOn(first, team, idFirst);
      // The other team's push goes through while the first transaction is open.
      await otherTeamClient.query('BEGIN');
      await writeOn(otherTeamClient, other, randomUUID());
      await otherTeamClient.query('COMMIT');
      // The same team's second push waits for the first to commit.
      await second.query('BEGIN');
      const secondWrite = writeOn(second, team, idSecond).then(() => second.query('COMMIT'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const waiting = await client.query(
        "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
      );
      expect(waiting.rows[0].n).toBeGreaterThanOrEqual(1);
      await first.query('COMMIT');
      await secondWrite;
      const a = BigInt((await stored(idFirst)).server_seq);
      const b = BigInt((await stored(idSecond)).server_seq);
      expect(b).toBeGreaterThan(a);
    } finally {
      await Promise.all([first.end(), second.end(), otherTeamClient.end()]);
    }
  });
});
