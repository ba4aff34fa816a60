// Row-level security, table by table and verb by verb, as SQL under the API's roles: a member of
// team A against team A's rows, a member of team B against the same rows, and anon.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attempt, insertSql, ownerConnection, type Actor } from './sql-session.ts';
import { SYNCED_TABLES, makeTeam, type TeamRows, type TeamWorld } from './team-fixtures.ts';

let client: pg.Client;
let teamA: TeamWorld;
let teamB: TeamWorld;

beforeAll(async () => {
  client = await ownerConnection();
  teamA = await makeTeam(client, 'a');
  teamB = await makeTeam(client, 'b');
});
afterAll(async () => {
  await client?.end();
});

const NEWER = '2026-03-02T10:00:00.000Z';
const PERMISSION_DENIED = '42501';

describe.each(SYNCED_TABLES)('$table', (spec) => {
  const rowId = () => teamA.rows[spec.key];
  const stored = () => ({ sql: `SELECT * FROM public.${spec.table} WHERE id = $1`, params: [rowId()] });
  const actors: () => Record<'member' | 'outsider' | 'anon', Actor> = () => ({
    member: { user: teamA.member },
    outsider: { user: teamB.member },
    anon: 'anon',
  });
  /** A new row for team A: its parents are team A's rows (for games: team A itself). */
  const freshRow = () => {
    const ids: TeamRows = { ...teamA.rows, [spec.key]: randomUUID() };
    return spec.make(ids, ids[spec.key]);
  };

  it('select: members see the row, another team and anon do not', async () => {
    const select = `SELECT id FROM public.${spec.table} WHERE id = $1`;
    const { member, outsider, anon } = actors();
    expect((await attempt(client, member, select, [rowId()])).rows).toEqual([{ id: rowId() }]);
    const other = await attempt(client, outsider, select, [rowId()]);
    expect(other.error).toBeNull();
    expect(other.rows).toEqual([]);
    expect((await attempt(client, anon, select, [rowId()])).error?.code).toBe(PERMISSION_DENIED);
  });

  it('insert: members add rows to their team, another team and anon are refused', async () => {
    const { member, outsider, anon } = actors();
    const row = freshRow();
    const { sql, params } = insertSql(spec.table, row);
    const inspect = { sql: `SELECT team_id FROM public.${spec.table} WHERE id = $1`, params: [row.id] };
    const byMember = await attempt(client, member, sql, params, inspect);
    expect(byMember.error).toBeNull();
    expect(byMember.after).toEqual([{ team_id: teamA.rows.teamId }]);
    for (const actor of [outsider, anon]) {
      const refused = await attempt(client, actor, sql, params, inspect);
      expect(refused.error?.code).toBe(PERMISSION_DENIED);
      expect(refused.after).toEqual([]);
    }
  });

  it("insert: another team's member cannot hang a row of their own team on team A's parents", async () => {
    if (spec.table === 'games' || spec.table === 'codes') return; // no parent: they name their team
    const mine: TeamRows = { ...teamA.rows, teamId: teamB.rows.teamId, [spec.key]: randomUUID() };
    const { sql, params } = insertSql(spec.table, spec.make(mine, mine[spec.key]));
    const refused = await attempt(client, { user: teamB.member }, sql, params);
    expect(refused.error?.code).toBe(PERMISSION_DENIED);
  });

  it('update: members change the row, another team changes nothing, anon is refused', async () => {
    const { member, outsider, anon } = actors();
    const { column, value } = spec.edit;
    const update = `UPDATE public.${spec.table} SET ${column} = $2, updated_at = $3 WHERE id = $1`;
    // A jsonb value goes as JSON text, as insertSql sends it (pg would send an array as a Postgres array).
    const params = [rowId(), value !== null && typeof value === 'object' ? JSON.stringify(value) : value, NEWER];
    const byMember = await attempt(client, member, update, params, stored());
    expect(byMember.rowCount).toBe(1);
    expect(byMember.after[0]![column]).toEqual(value);
    const other = await attempt(client, outsider, update, params, stored());
    expect(other.error).toBeNull();
    expect(other.rowCount).toBe(0);
    expect(other.after[0]![column]).not.toEqual(value);
    expect((await attempt(client, anon, update, params, stored())).error?.code).toBe(PERMISSION_DENIED);
  });

  it('upsert (merge-duplicates): members overwrite with a newer row, another team and anon are refused', async () => {
    const { member, outsider, anon } = actors();
    const { column, value } = spec.edit;
    const row = { ...spec.make(teamA.rows, rowId()), [column]: value, updated_at: NEWER, device_id: 'device-z' };
    const { sql, params } = insertSql(spec.table, row, 'update');
    const byMember = await attempt(client, member, sql, params, stored());
    expect(byMember.error).toBeNull();
    expect(byMember.after[0]![column]).toEqual(value);
    for (const actor of [outsider, anon]) {
      const refused = await attempt(client, actor, sql, params, stored());
      expect(refused.error?.code).toBe(PERMISSION_DENIED);
      expect(refused.after[0]![column]).not.toEqual(value);
    }
  });

  it("delete: a member's delete becomes a tombstone; another team deletes nothing; anon is refused", async () => {
    const { member, outsider, anon } = actors();
    const remove = `DELETE FROM public.${spec.table} WHERE id = $1`;
    const before = (await attempt(client, member, stored().sql, stored().params)).rows[0]!;
    const byMember = await attempt(client, member, remove, [rowId()], stored());
    expect(byMember.error).toBeNull();
    expect(byMember.after).toHaveLength(1);
    expect(byMember.after[0]).toMatchObject({ deleted: true, device_id: 'server' });
    expect(Number(byMember.after[0]!.server_seq)).toBeGreaterThan(Number(before.server_seq));
    const other = await attempt(client, outsider, remove, [rowId()], stored());
    expect(other.error).toBeNull();
    expect(other.after[0]).toMatchObject({ deleted: false, server_seq: before.server_seq });
    expect((await attempt(client, anon, remove, [rowId()], stored())).error?.code).toBe(PERMISSION_DENIED);
  });

  it('truncate is refused to every API role (it would bypass row-level security)', async () => {
    for (const actor of Object.values(actors())) {
      const refused = await attempt(client, actor, `TRUNCATE public.${spec.table}`);
      expect(refused.error?.code).toBe(PERMISSION_DENIED);
    }
  });
});
