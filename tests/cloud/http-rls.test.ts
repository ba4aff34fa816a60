// The RLS matrix again, through HTTP: the real @supabase/supabase-js, signed in through the GoTrue
// stand-in, against the PostgREST stand-in — every synced table, every verb, a member of team A,
// a member of team B, and anon. Writes here commit; what is stored is checked as the owner.
import { randomUUID } from 'node:crypto';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApi, type LocalApi } from './api/server.ts';
import { hashPassword } from './gotrue/passwords.ts';
import { ownerConnection } from './sql-session.ts';
import { SYNCED_TABLES, makeTeam, type TeamRows, type TeamWorld } from './team-fixtures.ts';

let api: LocalApi;
let owner: pg.Client;
let teamA: TeamWorld;
let teamB: TeamWorld;
let member: SupabaseClient;
let outsider: SupabaseClient;
let anon: SupabaseClient;

const PASSWORD = 'local password';
const options = { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } };

async function signedIn(userId: string): Promise<SupabaseClient> {
  await owner.query('UPDATE auth.users SET encrypted_password = $2 WHERE id = $1', [
    userId,
    await hashPassword(PASSWORD),
  ]);
  const { rows } = await owner.query<{ email: string }>('SELECT email FROM auth.users WHERE id = $1', [userId]);
  const client = createClient(api.url, api.anonKey, options);
  const { error } = await client.auth.signInWithPassword({ email: rows[0]!.email, password: PASSWORD });
  expect(error).toBeNull();
  return client;
}

beforeAll(async () => {
  api = await startLocalApi();
  owner = await ownerConnection();
  teamA = await makeTeam(owner, 'ha');
  teamB = await makeTeam(owner, 'hb');
  [member, outsider] = await Promise.all([signedIn(teamA.member), signedIn(teamB.member)]);
  anon = createClient(api.url, api.anonKey, options);
});
afterAll(async () => {
  await owner?.end();
  await api?.stop();
});

const OLDER = '2026-02-01T00:00:00.000Z';
const NEWER = '2026-03-02T10:00:00.000Z';
const NEWEST = '2026-03-03T10:00:00.000Z';

describe.each(SYNCED_TABLES)('$table through the API', (spec) => {
  const stored = async (id: string) =>
    (await owner.query(`SELECT * FROM public.${spec.table} WHERE id = $1`, [id])).rows[0] as
      Record<string, unknown> | undefined;

  it('select, insert, upsert, update and delete: members only; anon gets 401', async () => {
    const id = teamA.rows[spec.key];
    const { column, value } = spec.edit;

    const seen = await member.from(spec.table).select('*').eq('id', id);
    expect(seen.error).toBeNull();
    expect(seen.data).toHaveLength(1);
    const hidden = await outsider.from(spec.table).select('*').eq('id', id);
    expect([hidden.error, hidden.data]).toEqual([null, []]);
    expect(await anon.from(spec.table).select('*').eq('id', id)).toMatchObject({
      status: 401,
      error: { code: '42501' },
    });

    const ids: TeamRows = { ...teamA.rows, [spec.key]: randomUUID() };
    const fresh = spec.make(ids, ids[spec.key]);
    expect(await outsider.from(spec.table).insert(fresh)).toMatchObject({ status: 403, error: { code: '42501' } });
    expect(await anon.from(spec.table).insert(fresh)).toMatchObject({ status: 401, error: { code: '42501' } });
    expect(await stored(ids[spec.key])).toBeUndefined();
    expect(await member.from(spec.table).insert(fresh)).toMatchObject({ status: 201, error: null });
    expect(await stored(ids[spec.key])).toMatchObject({ team_id: teamA.rows.teamId });

    const row = (at: string) => ({
      ...spec.make(teamA.rows, id),
      [column]: value,
      updated_at: at,
      device_id: 'device-z',
    });
    const before = await stored(id);
    expect(await outsider.from(spec.table).upsert(row(NEWER), { onConflict: 'id' })).toMatchObject({ status: 403 });
    expect(await anon.from(spec.table).upsert(row(NEWER), { onConflict: 'id' })).toMatchObject({ status: 401 });
    // Last writer wins holds for a raw upsert too: an older row changes nothing.
    expect(await member.from(spec.table).upsert(row(OLDER), { onConflict: 'id' })).toMatchObject({ error: null });
    expect(await stored(id)).toEqual(before);
    expect(await member.from(spec.table).upsert(row(NEWER), { onConflict: 'id' })).toMatchObject({ status: 201 });
    expect((await stored(id))![column]).toEqual(value);

    const patch = { device_id: 'device-patch', updated_at: NEWEST };
    expect((await outsider.from(spec.table).update(patch).eq('id', id)).error).toBeNull();
    expect((await stored(id))!.device_id).toBe('device-z');
    expect(await anon.from(spec.table).update(patch).eq('id', id)).toMatchObject({ status: 401 });
    expect(await member.from(spec.table).update(patch).eq('id', id)).toMatchObject({ status: 204, error: null });
    expect((await stored(id))!.device_id).toBe('device-patch');

    expect((await outsider.from(spec.table).delete().eq('id', id)).error).toBeNull();
    expect((await stored(id))!.deleted).toBe(false);
    expect(await anon.from(spec.table).delete().eq('id', id)).toMatchObject({ status: 401 });
    expect(await member.from(spec.table).delete().eq('id', id)).toMatchObject({ status: 204, error: null });
    expect(await stored(id)).toMatchObject({ deleted: true, device_id: 'server' });
  });
});

describe('membership through the API', () => {
  it('a member of team B cannot add themselves to team A; create_team makes its caller the owner', async () => {
    const join = await outsider
      .from('team_members')
      .insert({ team_id: teamA.rows.teamId, user_id: teamB.member, role: 'owner' });
    expect(join).toMatchObject({ status: 403, error: { code: '42501' } });
    const viaRpc = await outsider.rpc('add_team_member', { team_id: teamA.rows.teamId, email: 'x@example.test' });
    expect(viaRpc).toMatchObject({ status: 403, error: { code: '42501' } });
    const made = await outsider.rpc('create_team', { name: 'Through HTTP' });
    expect(made.error).toBeNull();
    const team = made.data as { id: string; name: string };
    expect(team.name).toBe('Through HTTP');
    const members = await outsider.from('team_members').select('user_id, role').eq('team_id', team.id);
    expect(members.data).toEqual([{ user_id: teamB.member, role: 'owner' }]);
    expect(await anon.rpc('create_team', { name: 'Nobody' })).toMatchObject({ status: 401 });
  });

  it("the dashboard views show a member their team's game and another team nothing", async () => {
    const counts = await member.from('game_event_counts').select('code_name, events').eq('game_id', teamA.rows.game);
    expect(counts.error).toBeNull();
    expect(counts.data!.length).toBeGreaterThan(0);
    const other = await outsider.from('game_event_counts').select('code_name').eq('game_id', teamA.rows.game);
    expect([other.error, other.data]).toEqual([null, []]);
    expect(await anon.from('game_runs').select('run_id')).toMatchObject({ status: 401 });
  });
});
