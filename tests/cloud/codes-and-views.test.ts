// The default codes every install shares, and the dashboard's views under row-level security.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CODES, defaultCodeId } from '../../electron/engine/store/migrations/0003-tagging.ts';
import { attempt, commitAs, insertSql, ownerConnection, type Actor } from './sql-session.ts';
import { SYNCED_TABLES, createUser, makeTeam, type TeamWorld } from './team-fixtures.ts';

let client: pg.Client;
let teamA: TeamWorld;
let teamB: TeamWorld;
let loner: string;

const DENIED = '42501';
const defaultIds = DEFAULT_CODES.map((_, index) => defaultCodeId(index));

beforeAll(async () => {
  client = await ownerConnection();
  teamA = await makeTeam(client, 'ca');
  teamB = await makeTeam(client, 'cb');
  loner = await createUser(client, `codes-loner-${randomUUID().slice(0, 8)}@example.test`);
});
afterAll(async () => {
  await client?.end();
});

describe('default codes', () => {
  it('are the laptop seed: same ids, names, keys, colours, lead/lag, mode and order', async () => {
    const rows = await client.query(
      `SELECT id, name, hotkey, colour, lead_s, lag_s, mode, sort_order, team_id, device_id, deleted,
              to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS updated_at
       FROM public.codes WHERE id = ANY($1) ORDER BY sort_order`,
      [defaultIds],
    );
    expect(rows.rows).toEqual(
      DEFAULT_CODES.map(([name, hotkey, colour, leadS, lagS, mode], index) => ({
        id: defaultCodeId(index),
        name,
        hotkey,
        colour,
        lead_s: leadS,
        lag_s: lagS,
        mode,
        sort_order: index * 10,
        team_id: null,
        device_id: 'default',
        deleted: false,
        updated_at: '2026-01-01T00:00:00.000Z',
      })),
    );
  });

  it('are read by every signed-in user, a member of a team or of none; not by anon', async () => {
    const select = 'SELECT id FROM public.codes WHERE id = ANY($1)';
    for (const actor of [{ user: teamA.member }, { user: teamB.owner }, { user: loner }]) {
      expect((await attempt(client, actor, select, [defaultIds])).rows).toHaveLength(DEFAULT_CODES.length);
    }
    expect((await attempt(client, 'anon', select, [defaultIds])).error?.code).toBe(DENIED);
  });

  it('are written by nobody: update, upsert, delete and a new team-less code are all refused', async () => {
    const goal = defaultCodeId(2);
    const inspect = { sql: 'SELECT colour, deleted, server_seq FROM public.codes WHERE id = $1', params: [goal] };
    const before = (await client.query(inspect.sql, inspect.params)).rows[0];
    const later = '2027-01-01T00:00:00.000Z';
    const upsertRow = {
      id: goal,
      team_id: teamA.rows.teamId,
      name: 'goal',
      hotkey: 'n',
      colour: '#000000',
      lead_s: 1,
      lag_s: 1,
      mode: 'instant',
      sort_order: 20,
      updated_at: later,
      device_id: 'device-a',
      deleted: false,
    };
    const actors: Actor[] = [{ user: teamA.owner }, { user: loner }];
    for (const actor of actors) {
      const update = await attempt(
        client,
        actor,
        "UPDATE public.codes SET colour = '#000000', updated_at = $2 WHERE id = $1",
        [goal, later],
        inspect,
      );
      expect(update.rowCount).toBe(0);
      expect(update.after[0]).toEqual(before);
      const upsert = insertSql('codes', upsertRow, 'update');
      const upserted = await attempt(client, actor, upsert.sql, upsert.params, inspect);
      expect(upserted.error?.code).toBe(DENIED);
      expect(upserted.after[0]).toEqual(before);
      const removed = await attempt(client, actor, 'DELETE FROM public.codes WHERE id = $1', [goal], inspect);
      expect(removed.after[0]).toEqual(before);
      const teamless = insertSql('codes', { ...upsertRow, id: randomUUID(), team_id: null });
      expect((await attempt(client, actor, teamless.sql, teamless.params)).error?.code).toBe(DENIED);
    }
  });

  it("a team's own codes are its members' only", async () => {
    const select = 'SELECT id FROM public.codes WHERE id = $1';
    expect((await attempt(client, { user: teamA.member }, select, [teamA.rows.code])).rows).toHaveLength(1);
    expect((await attempt(client, { user: teamB.member }, select, [teamA.rows.code])).rows).toEqual([]);
    expect((await attempt(client, { user: loner }, select, [teamA.rows.code])).rows).toEqual([]);
  });

  it('can be used by any team: an event tagged with a default code syncs', async () => {
    const eventSpec = SYNCED_TABLES.find((spec) => spec.table === 'events')!;
    const id = randomUUID();
    const row = { ...eventSpec.make({ ...teamA.rows, code: defaultCodeId(0) }, id), code_name: 'shot' };
    const { sql, params } = insertSql('events', row);
    const written = await attempt(client, { user: teamA.member }, sql, params);
    expect(written.error).toBeNull();
    expect(written.rows[0]).toMatchObject({ id, code_id: defaultCodeId(0) });
  });
});

describe('dashboard views', () => {
  beforeAll(async () => {
    // Team A's game gets a second event in period 1 and one in period 2 (a goal, a default code).
    const eventSpec = SYNCED_TABLES.find((spec) => spec.table === 'events')!;
    await commitAs(client, { user: teamA.member }, async (c) => {
      for (const [code, name, period] of [
        [teamA.rows.code, 'forecheck', '1'],
        [defaultCodeId(2), 'goal', '2'],
      ] as const) {
        const row = {
          ...eventSpec.make({ ...teamA.rows, code }, randomUUID()),
          code_name: name,
          descriptors_json: { period },
        };
        const { sql, params } = insertSql('events', row);
        await c.query(sql, params);
      }
      // A deleted event is not counted.
      const gone = { ...eventSpec.make(teamA.rows, randomUUID()), deleted: true };
      const { sql, params } = insertSql('events', gone);
      await c.query(sql, params);
    });
  });

  it('count events per code and period for members, and show nothing to another team', async () => {
    const counts =
      'SELECT code_name, period, events FROM public.game_event_counts WHERE game_id = $1 ORDER BY code_name, period';
    const seen = await attempt(client, { user: teamA.member }, counts, [teamA.rows.game]);
    expect(seen.rows).toEqual([
      { code_name: 'forecheck', period: '1', events: 2 },
      { code_name: 'goal', period: '2', events: 1 },
    ]);
    expect((await attempt(client, { user: teamB.member }, counts, [teamA.rows.game])).rows).toEqual([]);
    expect((await attempt(client, 'anon', counts, [teamA.rows.game])).error?.code).toBe(DENIED);
  });

  it("list the game's players and runs for members only", async () => {
    const players = 'SELECT side, name, number FROM public.game_players WHERE game_id = $1';
    const runs = 'SELECT run_id, status, tracks FROM public.game_runs WHERE game_id = $1';
    expect((await attempt(client, { user: teamA.member }, players, [teamA.rows.game])).rows).toEqual([
      { side: 'home', name: 'Skater', number: 9 },
    ]);
    expect((await attempt(client, { user: teamA.member }, runs, [teamA.rows.game])).rows).toEqual([
      { run_id: teamA.rows.run, status: 'done', tracks: 1 },
    ]);
    for (const view of [players, runs]) {
      expect((await attempt(client, { user: teamB.member }, view, [teamA.rows.game])).rows).toEqual([]);
      expect((await attempt(client, 'anon', view, [teamA.rows.game])).error?.code).toBe(DENIED);
    }
  });

  it('cannot be written through: the API roles hold only select on them', async () => {
    const privileges = await client.query(
      `SELECT v.name, has_table_privilege('authenticated', 'public.' || v.name, 'SELECT') AS reads,
              has_table_privilege('authenticated', 'public.' || v.name, 'INSERT, UPDATE, DELETE, TRUNCATE') AS writes,
              has_table_privilege('anon', 'public.' || v.name, 'SELECT, INSERT, UPDATE, DELETE') AS anon
       FROM unnest(array['game_event_counts', 'game_players', 'game_runs']) AS v (name) ORDER BY v.name`,
    );
    expect(privileges.rows).toEqual(
      ['game_event_counts', 'game_players', 'game_runs'].map((name) => ({
        name,
        reads: true,
        writes: false,
        anon: false,
      })),
    );
    const tried = await attempt(client, { user: teamA.member }, 'DELETE FROM public.game_players WHERE game_id = $1', [
      teamA.rows.game,
    ]);
    expect(tried.error).not.toBeNull();
  });
});
