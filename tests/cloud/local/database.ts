import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { superuserUrl, type LocalCloudConfig } from './config.ts';

const run = promisify(execFile);

export const BOOTSTRAP_SQL = path.join(import.meta.dirname, 'bootstrap.sql');

function migrationsDir(config: LocalCloudConfig): string {
  return path.join(config.repoRoot, 'supabase', 'migrations');
}

/** The Supabase CLI pinned in package.json (its Linux binary comes with @supabase/cli-linux-x64). */
export function supabaseCli(config: LocalCloudConfig): string {
  return path.join(config.repoRoot, 'node_modules', '.bin', 'supabase');
}

/**
 * Bootstrap + migrations, as one fingerprint. A database whose fingerprint differs is made
 * again from nothing, so editing a migration during development never leaves a half-old schema.
 */
export function schemaFingerprint(config: LocalCloudConfig): string {
  const hash = createHash('sha256').update(readFileSync(BOOTSTRAP_SQL));
  for (const file of readdirSync(migrationsDir(config)).sort()) {
    hash.update(file).update(readFileSync(path.join(migrationsDir(config), file)));
  }
  return `rinkside local cloud ${hash.digest('hex')}`;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Runs a Supabase CLI command against the local database; its output comes back for the log. */
export async function runSupabase(config: LocalCloudConfig, args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run(
      supabaseCli(config),
      [...args, '--db-url', superuserUrl(config), '--workdir', config.repoRoot],
      { cwd: config.repoRoot, timeout: 180_000, env: { ...process.env, DO_NOT_TRACK: '1' } },
    );
    return stdout + stderr;
  } catch (error) {
    const failure = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`supabase ${args.join(' ')} failed:\n${failure.stdout ?? ''}${failure.stderr ?? failure.message}`);
  }
}

/** Makes the database current: nothing to do when its fingerprint matches the files. */
export async function prepareDatabase(config: LocalCloudConfig, options: { fresh?: boolean } = {}): Promise<boolean> {
  const fingerprint = schemaFingerprint(config);
  const adminUrl = superuserUrl(config, 'postgres');
  const current = await withClient(adminUrl, async (client) => {
    const found = await client.query<{ description: string | null }>(
      "SELECT shobj_description(oid, 'pg_database') AS description FROM pg_database WHERE datname = $1",
      [config.database],
    );
    return found.rows[0]?.description ?? null;
  });
  if (current === fingerprint && !options.fresh) return false;
  await withClient(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${config.database} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${config.database}`);
  });
  await withClient(superuserUrl(config), (client) => client.query(readFileSync(BOOTSTRAP_SQL, 'utf8')));
  await runSupabase(config, ['migration', 'up']);
  await withClient(adminUrl, (client) =>
    client.query(`COMMENT ON DATABASE ${config.database} IS ${client.escapeLiteral(fingerprint)}`),
  );
  return true;
}
