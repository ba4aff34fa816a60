// The PostgREST stand-in speaks the shapes supabase-js sends and reads (see the local cloud's
// README for the contract): counts, ranges, the 1000-row cap, upserts, errors.
import { randomUUID } from 'node:crypto';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApi, type LocalApi } from './api/server.ts';
import { hashPassword } from './gotrue/passwords.ts';
import { insertSql, ownerConnection } from './sql-session.ts';
import { SYNCED_TABLES, makeTeam, type TeamWorld } from './team-fixtures.ts';

let api: LocalApi;
let owner: pg.Client;
let team: TeamWorld;
let member: SupabaseClient;
let token: string;

const eventSpec = SYNCED_TABLES.find((spec) => spec.table === 'events')!;
const EVENTS = 1205;

beforeAll(async () => {
  api = await startLocalApi();
  owner = await ownerConnection();
  team = await makeTeam(owner, 'shapes');
  const { rows } = await owner.query<{ email: string }>('SELECT email FROM auth.users WHERE id = $1', [team.member]);
  await owner.query('UPDATE auth.users SET encrypted_password = $2 WHERE id = $1', [
    team.member,
    await hashPassword('pw123456'),
  ]);
  member = createClient(api.url, api.anonKey, { auth: { persistSession: false, autoRefreshToken: false } });
  const signedIn = await member.auth.signInWithPassword({ email: rows[0]!.email, password: 'pw123456' });
  token = signedIn.data.session!.access_token;
  // More events than one read may return, with start_s 0..n-1 (the seeded event is at 1 s too).
  const many = Array.from({ length: EVENTS }, (_, i) => ({
    ...eventSpec.make(team.rows, randomUUID()),
    start_s: i,
    end_s: i,
  }));
  const { sql } = insertSql('events', many[0]!);
  await owner.query('BEGIN');
  for (const row of many) await owner.query(sql, insertSql('events', row).params);
  await owner.query('COMMIT');
});
afterAll(async () => {
  await owner?.end();
  await api?.stop();
});

const events = () => member.from('events').select('id, start_s').eq('game_id', team.rows.game);

describe('reads', () => {
  it('cap a read at 1000 rows', async () => {
    const { data, error } = await events();
    expect(error).toBeNull();
    expect(data).toHaveLength(1000);
  });

  it('count exactly (content-range), order, and page with offset/limit', async () => {
    const { data, count, error, status } = await member
      .from('events')
      .select('id, start_s', { count: 'exact' })
      .eq('game_id', team.rows.game)
      .order('start_s', { ascending: false })
      .order('id')
      .range(10, 19);
    expect(error).toBeNull();
    expect(status).toBe(206);
    expect(count).toBe(EVENTS + 1);
    expect(data!.map((row) => row.start_s)).toEqual([1194, 1193, 1192, 1191, 1190, 1189, 1188, 1187, 1186, 1185]);
  });

  it('answer HEAD with the count only', async () => {
    const { data, count, error } = await member
      .from('events')
      .select('*', { count: 'exact', head: true })
      .eq('game_id', team.rows.game)
      .gte('start_s', 1200);
    expect(error).toBeNull();
    expect(data).toBeNull();
    expect(count).toBe(5);
  });

  it('filter with in, gt, lt, neq and is', async () => {
    const { data } = await member
      .from('events')
      .select('start_s')
      .eq('game_id', team.rows.game)
      .in('start_s', [3, 4, 5, 6])
      .gt('start_s', 3)
      .lt('start_s', 6)
      .neq('start_s', 5)
      .is('deleted', false);
    expect(data).toEqual([{ start_s: 4 }]);
  });

  it('return one object for .single(), 406 when there is not exactly one', async () => {
    const one = await member.from('games').select('id, title').eq('id', team.rows.game).single();
    expect(one.data).toEqual({ id: team.rows.game, title: 'Game' });
    const many = await events().single();
    expect(many).toMatchObject({ status: 406, error: { code: 'PGRST116' } });
  });

  it('return Postgres JSON: numbers for bigint, objects for jsonb', async () => {
    const { data } = await member
      .from('events')
      .select('server_seq, descriptors_json')
      .eq('id', team.rows.event)
      .single();
    expect(typeof data!.server_seq).toBe('number');
    expect(data!.descriptors_json).toEqual({ period: '1' });
  });
});

describe('writes', () => {
  it('upsert with on_conflict and return=representation returns the stored rows', async () => {
    const rows = [0, 1].map(
      () => ({ ...eventSpec.make(team.rows, randomUUID()), note: 'batch' }) as Record<string, unknown>,
    );
    const { data, error, status } = await member
      .from('events')
      .upsert(rows, { onConflict: 'id' })
      .select('id, note, team_id');
    expect([error, status]).toEqual([null, 201]);
    expect(data).toEqual(rows.map((row) => ({ id: row.id, note: 'batch', team_id: team.rows.teamId })));
  });

  it('ignoreDuplicates keeps the stored row; missing columns take their defaults', async () => {
    const id = randomUUID();
    const { note: _note, descriptors_json: _d, ...withoutDefaults } = eventSpec.make(team.rows, id);
    const first = await member.from('events').upsert(withoutDefaults, { onConflict: 'id', defaultToNull: false });
    expect(first.error).toBeNull();
    const again = await member
      .from('events')
      .upsert(
        { ...withoutDefaults, code_name: 'changed', updated_at: '2030-01-01T00:00:00Z' },
        { onConflict: 'id', ignoreDuplicates: true },
      );
    expect(again.error).toBeNull();
    const stored = await owner.query('SELECT code_name, note, descriptors_json FROM public.events WHERE id = $1', [id]);
    expect(stored.rows).toEqual([{ code_name: 'forecheck', note: '', descriptors_json: {} }]);
  });

  it('a duplicate plain insert is 409 (23505)', async () => {
    const row = eventSpec.make(team.rows, team.rows.event);
    expect(await member.from('events').insert(row)).toMatchObject({ status: 409, error: { code: '23505' } });
  });

  it('a row whose parent is missing is 409 (23503) with the reason', async () => {
    const row = eventSpec.make({ ...team.rows, game: randomUUID() }, randomUUID());
    const answer = await member.from('events').insert(row);
    expect(answer).toMatchObject({ status: 409, error: { code: '23503' } });
    expect(answer.error?.message).toMatch(/push it before/);
  });

  it('update returns the changed rows when asked', async () => {
    const { data, error } = await member
      .from('events')
      .update({ note: 'patched', updated_at: '2031-01-01T00:00:00Z' })
      .eq('id', team.rows.event)
      .select('id, note');
    expect(error).toBeNull();
    expect(data).toEqual([{ id: team.rows.event, note: 'patched' }]);
  });
});

describe('errors', () => {
  const rest = (path: string, init: RequestInit = {}) =>
    fetch(`${api.url}/rest/v1/${path}`, {
      ...init,
      headers: {
        apikey: api.anonKey,
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...init.headers,
      },
    });
  const codeOf = async (response: Response) => ((await response.json()) as { code: string }).code;

  it('an unknown table is 404, an unknown column 400, a bad value 400, bad JSON 400', async () => {
    expect((await rest('no_such_table?select=*')).status).toBe(404);
    const column = await rest('events?select=nope');
    expect([column.status, await codeOf(column)]).toEqual([400, '42703']);
    const value = await rest('events?select=id&id=eq.not-a-uuid');
    expect([value.status, await codeOf(value)]).toEqual([400, '22P02']);
    const body = await rest('events', { method: 'POST', body: '{not json' });
    expect([body.status, await codeOf(body)]).toEqual([400, 'PGRST102']);
    const unknownWrite = await rest('events', { method: 'POST', body: JSON.stringify({ id: randomUUID(), nope: 1 }) });
    expect([unknownWrite.status, await codeOf(unknownWrite)]).toEqual([400, 'PGRST204']);
  });

  it('a filter cannot smuggle SQL through a column name or an operator', async () => {
    const injected = await rest(`events?select=id&${encodeURIComponent('id" = id OR "1')}=eq.x`);
    expect(injected.status).toBe(400);
    const operator = await rest('events?select=id&id=or.1');
    expect(operator.status).toBe(400);
  });

  it('an unknown function is 404', async () => {
    const answer = await member.rpc('no_such_function', {});
    expect(answer).toMatchObject({ status: 404, error: { code: 'PGRST202' } });
  });
});
