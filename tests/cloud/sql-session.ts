import pg from 'pg';
import { ensureLocalCloud } from './local/index.ts';

/** Who a statement runs as: a signed-in user (role authenticated, claims.sub) or nobody (anon). */
export type Actor = { user: string } | 'anon';

export interface Outcome {
  /** The Postgres error, when the statement was refused. */
  error: { code: string; message: string } | null;
  rowCount: number;
  rows: Record<string, unknown>[];
  /** What the inspection query (run as the table owner, after the attempt) found. */
  after: Record<string, unknown>[];
}

/** A connection as the database owner; each attempt runs in its own rolled-back transaction. */
export async function ownerConnection(): Promise<pg.Client> {
  const cloud = await ensureLocalCloud();
  const client = new pg.Client({ connectionString: cloud.superuserUrl });
  await client.connect();
  return client;
}

function claimsOf(actor: Actor): { role: string; claims: string } {
  if (actor === 'anon') return { role: 'anon', claims: JSON.stringify({ role: 'anon' }) };
  return {
    role: 'authenticated',
    claims: JSON.stringify({ sub: actor.user, role: 'authenticated', aud: 'authenticated' }),
  };
}

/**
 * Runs one statement as PostgREST would for the actor (SET LOCAL ROLE + request.jwt.claims, so
 * the policies decide), then looks at the stored rows as the owner, then rolls everything back so
 * every attempt starts from the same data.
 */
export async function attempt(
  client: pg.Client,
  actor: Actor,
  sql: string,
  params: unknown[] = [],
  inspect?: { sql: string; params?: unknown[] },
): Promise<Outcome> {
  const { role, claims } = claimsOf(actor);
  await client.query('BEGIN');
  try {
    await client.query("SELECT set_config('request.jwt.claims', $1, true)", [claims]);
    await client.query(`SET LOCAL ROLE ${role}`);
    await client.query('SAVEPOINT attempt');
    let outcome: Omit<Outcome, 'after'>;
    try {
      const result = await client.query(sql, params);
      outcome = { error: null, rowCount: result.rowCount ?? 0, rows: result.rows };
    } catch (error) {
      const failure = error as { code?: string; message: string };
      if (!failure.code) throw error;
      await client.query('ROLLBACK TO SAVEPOINT attempt');
      outcome = { error: { code: failure.code, message: failure.message }, rowCount: 0, rows: [] };
    }
    await client.query('RESET ROLE');
    const after = inspect ? (await client.query(inspect.sql, inspect.params ?? [])).rows : [];
    return { ...outcome, after };
  } finally {
    await client.query('ROLLBACK');
  }
}

/** Runs statements as the actor and commits them (for tests of what stays after commit). */
export async function commitAs<T>(client: pg.Client, actor: Actor, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const { role, claims } = claimsOf(actor);
  await client.query('BEGIN');
  try {
    await client.query("SELECT set_config('request.jwt.claims', $1, true)", [claims]);
    await client.query(`SET LOCAL ROLE ${role}`);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** An INSERT of one row from an object; objects and arrays go in as JSON (jsonb columns). */
export function insertSql(
  table: string,
  row: Record<string, unknown>,
  onConflict: 'error' | 'update' = 'error',
): { sql: string; params: unknown[] } {
  const columns = Object.keys(row);
  const params = columns.map((column) => {
    const value = row[column];
    return value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
  });
  const placeholders = columns.map((_, i) => `$${i + 1}`).join(', ');
  let sql = `INSERT INTO public.${table} (${columns.join(', ')}) VALUES (${placeholders})`;
  if (onConflict === 'update') {
    // What PostgREST sends for Prefer: resolution=merge-duplicates (every column overwritten).
    const updates = columns.filter((c) => c !== 'id').map((c) => `${c} = EXCLUDED.${c}`);
    sql += ` ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}`;
  }
  return { sql: sql + ' RETURNING *', params };
}
