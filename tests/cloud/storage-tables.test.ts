// The team storage tables (quota, stored objects, uploads in progress, which object holds what)
// as Postgres enforces them: members read their own team's rows, nobody but the service role
// writes or calls the bookkeeping functions, and the quota reservation counts what it must.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attempt, ownerConnection } from './sql-session.ts';
import { makeTeam, type TeamWorld } from './team-fixtures.ts';

let client: pg.Client;
let teamA: TeamWorld;
let teamB: TeamWorld;
const sha = (c: string) => c.repeat(64);
const GiB = 1024 ** 3;

beforeAll(async () => {
  client = await ownerConnection();
  teamA = await makeTeam(client, 'sa');
  teamB = await makeTeam(client, 'sb');
  await client.query('INSERT INTO public.stored_objects (team_id, sha256, size_bytes) VALUES ($1, $2, 100)', [
    teamA.rows.teamId,
    sha('a'),
  ]);
  await client.query(
    "INSERT INTO public.stored_targets (target_kind, target_id, team_id, sha256) VALUES ('video', $1, $2, $3)",
    [teamA.rows.video, teamA.rows.teamId, sha('a')],
  );
  await client.query('INSERT INTO public.team_storage (team_id, quota_bytes) VALUES ($1, $2)', [
    teamA.rows.teamId,
    GiB,
  ]);
});
afterAll(async () => {
  await client?.end();
});

/** Runs reserve_upload as the service role would (through PostgREST), in a rolled-back transaction. */
async function reserve(
  teamId: string,
  uploads: { id: string; sha: string; size: number }[],
  defaultQuota: number,
): Promise<Record<string, unknown>[]> {
  await client.query('BEGIN');
  try {
    await client.query('SET LOCAL ROLE service_role');
    const answers = [];
    for (const upload of uploads) {
      const { rows } = await client.query(
        `SELECT public.reserve_upload($1, $2, $3, $4, $4, 1, 'video', gen_random_uuid(), gen_random_uuid(), $5) AS r`,
        [upload.id, teamId, upload.sha, upload.size, defaultQuota],
      );
      answers.push(rows[0].r as Record<string, unknown>);
    }
    return answers;
  } finally {
    await client.query('ROLLBACK');
  }
}

describe('the team storage tables', () => {
  it('let members read their own team’s rows only, and anon nothing', async () => {
    for (const table of ['stored_objects', 'stored_targets', 'team_storage']) {
      const select = `SELECT team_id FROM public.${table}`;
      expect((await attempt(client, { user: teamA.member }, select)).rows).toEqual([{ team_id: teamA.rows.teamId }]);
      expect((await attempt(client, { user: teamB.member }, select)).rows).toEqual([]);
      expect((await attempt(client, 'anon', select)).error?.code).toBe('42501');
    }
    expect((await attempt(client, { user: teamA.member }, 'SELECT * FROM public.storage_uploads')).error?.code).toBe(
      '42501',
    );
  });

  it('let no member write them or call the bookkeeping functions', async () => {
    const member = { user: teamA.member };
    const writes = [
      `UPDATE public.team_storage SET quota_bytes = ${100 * GiB}`,
      `INSERT INTO public.stored_objects (team_id, sha256, size_bytes) VALUES ('${teamA.rows.teamId}', '${sha('b')}', 1)`,
      'DELETE FROM public.stored_objects',
      `SELECT public.record_stored_object('${teamA.rows.teamId}', '${sha('c')}', 1, 'video', gen_random_uuid())`,
      `SELECT public.reserve_upload('u', '${teamA.rows.teamId}', '${sha('c')}', 1, 1, 1, 'video', gen_random_uuid(), gen_random_uuid(), 1)`,
      "SELECT public.record_stored_upload('u')",
    ];
    for (const sql of writes) {
      expect((await attempt(client, member, sql)).error?.code, sql).toBe('42501');
    }
  });

  it('reserve an upload only while the quota has room, counting stored and pending bytes once', async () => {
    // Team A: 1 GiB quota, 100 bytes stored.
    const answers = await reserve(
      teamA.rows.teamId,
      [
        { id: 'u1', sha: sha('1'), size: GiB - 200 }, // fits: 100 + (GiB - 200)
        { id: 'u2', sha: sha('2'), size: 101 }, // 100 + GiB - 200 + 101 > GiB
        { id: 'u3', sha: sha('1'), size: GiB - 200 }, // the same bytes as u1: no new room needed
        { id: 'u4', sha: sha('a'), size: 100 }, // already stored
        { id: 'u5', sha: sha('5'), size: 100 }, // fits exactly: GiB - 100 + 100
      ],
      5,
    );
    expect(answers).toEqual([
      { reserved: true, quota_bytes: GiB, used_bytes: 100 },
      { reserved: false, quota_bytes: GiB, used_bytes: GiB - 100 },
      { reserved: true, quota_bytes: GiB, used_bytes: GiB - 100 },
      { reserved: true, quota_bytes: GiB, used_bytes: GiB - 100 },
      { reserved: true, quota_bytes: GiB, used_bytes: GiB - 100 },
    ]);
  });

  it('use the gateway’s default quota for a team without its own', async () => {
    const answers = await reserve(teamB.rows.teamId, [{ id: 'b1', sha: sha('b'), size: 11 }], 10);
    expect(answers).toEqual([{ reserved: false, quota_bytes: 10, used_bytes: 0 }]);
  });
});
