import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Where this checkout's local cloud lives and how to reach it. */
export interface LocalCloudConfig {
  repoRoot: string;
  /** Holds the cluster's data directory, its log and its socket. */
  dir: string;
  dataDir: string;
  logFile: string;
  socketDir: string;
  port: number;
  database: string;
  superuser: string;
  superuserPassword: string;
  /** Debian's PostgreSQL 15 programs (initdb, pg_ctl, postgres). */
  pgBin: string;
}

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');

/**
 * One cluster per checkout: the directory and port derive from the checkout's path, so two
 * worktrees (or a worktree and main) testing different migrations at once do not share a
 * database. RINKSIDE_CLOUD_DIR and RINKSIDE_CLOUD_PG_PORT override them.
 */
export function localCloudConfig(env: NodeJS.ProcessEnv = process.env): LocalCloudConfig {
  const key = createHash('sha256').update(REPO_ROOT).digest();
  const dir = env.RINKSIDE_CLOUD_DIR ?? path.join(tmpdir(), `rinkside-cloud-${key.toString('hex').slice(0, 8)}`);
  const port = env.RINKSIDE_CLOUD_PG_PORT ? Number(env.RINKSIDE_CLOUD_PG_PORT) : 55400 + (key.readUInt16BE(0) % 500);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) {
    throw new Error(
      `RINKSIDE_CLOUD_PG_PORT must be a port number from 1024 to 65535, not ${env.RINKSIDE_CLOUD_PG_PORT}`,
    );
  }
  return {
    repoRoot: REPO_ROOT,
    dir,
    dataDir: path.join(dir, 'data'),
    logFile: path.join(dir, 'postgres.log'),
    socketDir: path.join(dir, 'socket'),
    port,
    database: 'rinkside',
    superuser: 'postgres',
    // Loopback only, throwaway data: a fixed password keeps the URLs printable and reproducible.
    superuserPassword: 'postgres-local',
    pgBin: env.RINKSIDE_PG_BIN ?? findPgBin(),
  };
}

function findPgBin(): string {
  const debian = '/usr/lib/postgresql/15/bin';
  return existsSync(path.join(debian, 'initdb')) ? debian : '';
}

/** The superuser URL, for the Supabase CLI (sslmode=disable: the CLI otherwise insists on TLS). */
export function superuserUrl(config: LocalCloudConfig, database = config.database): string {
  const password = encodeURIComponent(config.superuserPassword);
  return `postgres://${config.superuser}:${password}@127.0.0.1:${config.port}/${database}?sslmode=disable`;
}
