// The schema as a whole: the real Supabase CLI applies and lints it; every table is behind
// row-level security with a policy per verb; anon holds nothing; views run as their reader.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSupabase } from './local/database.ts';
import { localCloudConfig } from './local/index.ts';
import { ownerConnection } from './sql-session.ts';
import { SYNCED_TABLES } from './team-fixtures.ts';

let client: pg.Client;
const config = localCloudConfig();

beforeAll(async () => {
  client = await ownerConnection();
});
afterAll(async () => {
  await client?.end();
});

describe('the Supabase CLI', () => {
  it('finds every migration applied and nothing left to apply', async () => {
    const output = await runSupabase(config, ['migration', 'up']);
    expect(output).toMatch(/up to date/i);
    const applied = await client.query('SELECT version FROM supabase_migrations.schema_migrations ORDER BY version');
    expect(applied.rows.length).toBeGreaterThanOrEqual(6);
  });

  it('lints the schema (plpgsql_check) without an error', async () => {
    const output = await runSupabase(config, ['db', 'lint', '--fail-on', 'error', '--schema', 'public,private']);
    expect(output).toMatch(/No schema errors found/);
  });

  it('lint does catch a broken function (so the passing lint means something)', async () => {
    const probe = `lint_probe_${randomBytes(4).toString('hex')}`;
    await client.query(`CREATE SCHEMA ${probe}`);
    try {
      await client.query(
        `CREATE FUNCTION ${probe}.broken() RETURNS integer LANGUAGE plpgsql AS $$ BEGIN RETURN (SELECT nope FROM public.games); END $$`,
      );
      await expect(runSupabase(config, ['db', 'lint', '--fail-on', 'error', '--schema', probe])).rejects.toThrow(
        /nope.{0,4} does not exist/,
      );
    } finally {
      await client.query(`DROP SCHEMA ${probe} CASCADE`);
    }
  });

  it('trigger functions, which db lint skips, pass plpgsql_check on every table they run on', async () => {
    await client.query('BEGIN');
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS plpgsql_check');
      const issues = await client.query(
        `SELECT t.tgrelid::regclass::text AS on_table, t.tgfoid::regproc::text AS function, c.level, c.message
         FROM pg_trigger t
         JOIN pg_class r ON r.oid = t.tgrelid
         JOIN pg_proc p ON p.oid = t.tgfoid
         JOIN pg_language l ON l.oid = p.prolang AND l.lanname = 'plpgsql'
         CROSS JOIN LATERAL plpgsql_check_function_tb(t.tgfoid, t.tgrelid) c
         WHERE NOT t.tgisinternal AND r.relnamespace = 'public'::regnamespace`,
      );
      expect(issues.rows.filter((issue) => issue.level === 'error')).toEqual([]);
      const checked = await client.query(
        `SELECT count(*)::int AS n FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid
         WHERE NOT t.tgisinternal AND r.relnamespace = 'public'::regnamespace`,
      );
      expect(checked.rows[0].n).toBeGreaterThanOrEqual(SYNCED_TABLES.length * 3);
    } finally {
      await client.query('ROLLBACK');
    }
  });
});

describe('row-level security everywhere', () => {
  it('is enabled on every table in public', async () => {
    const open = await client.query(
      "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') AND NOT relrowsecurity",
    );
    expect(open.rows).toEqual([]);
  });

  it('has a policy for every verb on every synced table (an upsert needs insert, update and select)', async () => {
    const policies = await client.query<{ table: string; verbs: string[] }>(
      `SELECT tablename AS table, array_agg(DISTINCT cmd ORDER BY cmd) AS verbs
       FROM pg_policies WHERE schemaname = 'public' GROUP BY tablename`,
    );
    const verbsOf = new Map(policies.rows.map((row) => [row.table, row.verbs]));
    for (const { table } of SYNCED_TABLES) {
      expect([table, verbsOf.get(table)]).toEqual([table, ['DELETE', 'INSERT', 'SELECT', 'UPDATE']]);
    }
    expect(verbsOf.get('team_members')).toEqual(['DELETE', 'INSERT', 'SELECT', 'UPDATE']);
    expect(verbsOf.get('teams')).toEqual(['SELECT', 'UPDATE']);
  });

  it('is backed by an index on every policy key', async () => {
    const indexes = await client.query<{ table: string; definition: string }>(
      "SELECT tablename AS table, indexdef AS definition FROM pg_indexes WHERE schemaname = 'public'",
    );
    for (const { table } of SYNCED_TABLES) {
      const own = indexes.rows.filter((row) => row.table === table).map((row) => row.definition);
      expect(own.some((definition) => /\(team_id, server_seq\)/.test(definition))).toBe(true);
    }
    const memberships = indexes.rows.filter((row) => row.table === 'team_members').map((row) => row.definition);
    expect(memberships.some((definition) => /\(user_id, team_id\)/.test(definition))).toBe(true);
  });

  it('gives anon nothing in public: no table, view, sequence or function', async () => {
    const grants = await client.query(
      "SELECT table_name, privilege_type FROM information_schema.role_table_grants WHERE grantee = 'anon' AND table_schema = 'public'",
    );
    expect(grants.rows).toEqual([]);
    const functions = await client.query(
      `SELECT p.oid::regprocedure::text AS name FROM pg_proc p
       WHERE p.pronamespace = 'public'::regnamespace AND has_function_privilege('anon', p.oid, 'EXECUTE')`,
    );
    expect(functions.rows).toEqual([]);
    // The change sequence lives in private; the subquery keeps the privilege test to sequences.
    const sequences = await client.query(
      `SELECT s.relname FROM (
         SELECT c.oid, c.relname FROM pg_class c
         WHERE c.relnamespace IN ('public'::regnamespace, 'private'::regnamespace) AND c.relkind = 'S' OFFSET 0
       ) s WHERE has_sequence_privilege('anon', s.oid, 'USAGE, SELECT, UPDATE')
          OR has_sequence_privilege('authenticated', s.oid, 'USAGE, SELECT, UPDATE')`,
    );
    expect(sequences.rows).toEqual([]);
  });

  it('lets no API role truncate (truncate ignores row-level security)', async () => {
    const truncatable = await client.query(
      `SELECT c.relname, r.rolname FROM pg_class c CROSS JOIN pg_roles r
       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
         AND r.rolname IN ('anon', 'authenticated') AND has_table_privilege(r.oid, c.oid, 'TRUNCATE')`,
    );
    expect(truncatable.rows).toEqual([]);
  });

  it('runs every view with its reader’s rights (security_invoker)', async () => {
    const views = await client.query<{ relname: string; reloptions: string[] | null }>(
      "SELECT relname, reloptions FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'v' ORDER BY relname",
    );
    expect(views.rows.map((view) => view.relname)).toEqual(['game_event_counts', 'game_players', 'game_runs']);
    for (const view of views.rows) expect(view.reloptions).toContain('security_invoker=true');
  });
});

describe('the sync machinery', () => {
  it('is out of the API roles’ reach: only the triggers take sequence numbers and team locks', async () => {
    const callable = await client.query(
      `SELECT p.oid::regprocedure::text AS name, r.rolname FROM pg_proc p CROSS JOIN pg_roles r
       WHERE p.pronamespace = 'private'::regnamespace AND p.proname IN ('next_change_seq', 'make_synced')
         AND r.rolname IN ('anon', 'authenticated') AND has_function_privilege(r.oid, p.oid, 'EXECUTE')`,
    );
    expect(callable.rows).toEqual([]);
  });
});
