import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { LocalCloudConfig } from './config.ts';

const run = promisify(execFile);

/** PostgreSQL refuses to run as root (and CI runs as root): then the postgres user runs it. */
function asClusterOwner(program: string, args: string[]): [string, string[]] {
  if (process.getuid?.() === 0) return ['runuser', ['-u', 'postgres', '--', program, ...args]];
  return [program, args];
}

function pgProgram(config: LocalCloudConfig, name: string): string {
  return config.pgBin ? path.join(config.pgBin, name) : name;
}

async function runPg(config: LocalCloudConfig, name: string, args: string[]): Promise<string> {
  const [program, fullArgs] = asClusterOwner(pgProgram(config, name), args);
  try {
    const { stdout } = await run(program, fullArgs, { cwd: config.dir, timeout: 120_000 });
    return stdout;
  } catch (error) {
    const failure = error as { stderr?: string; stdout?: string; message: string };
    const log = existsSync(config.logFile)
      ? readFileSync(config.logFile, 'utf8').split('\n').slice(-15).join('\n')
      : '';
    throw new Error(
      `${name} ${args.join(' ')} failed: ${failure.stderr || failure.stdout || failure.message}` +
        (log ? `\n--- ${config.logFile} (last lines)\n${log}` : '') +
        `\nIs PostgreSQL 15 installed? Run scripts/cloud-setup.sh.`,
    );
  }
}

function ownedByClusterOwner(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.getuid?.() === 0) {
    const ids = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((line) => line.startsWith('postgres:'))
      ?.split(':');
    if (!ids) throw new Error('No postgres user on this machine: run scripts/cloud-setup.sh to install PostgreSQL 15.');
    chownSync(dir, Number(ids[2]), Number(ids[3]));
  }
}

/** Settings for a throwaway test cluster: loopback only, and no durability (it holds test data). */
const CLUSTER_SETTINGS = `
# rinkside local cloud
listen_addresses = '127.0.0.1'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
log_min_messages = warning
`;

/** Creates the cluster's data directory once; a second call finds it and does nothing. */
export async function initCluster(config: LocalCloudConfig): Promise<void> {
  if (existsSync(path.join(config.dataDir, 'PG_VERSION'))) return;
  ownedByClusterOwner(config.dir);
  ownedByClusterOwner(config.socketDir);
  rmSync(config.dataDir, { recursive: true, force: true });
  const pwfile = path.join(config.dir, 'superuser-password');
  writeFileSync(pwfile, config.superuserPassword + '\n', { mode: 0o600 });
  ownedByClusterOwner(config.dir);
  if (process.getuid?.() === 0) await run('chown', ['postgres:postgres', pwfile]);
  try {
    await runPg(config, 'initdb', [
      '-D',
      config.dataDir,
      '-U',
      config.superuser,
      `--pwfile=${pwfile}`,
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '--encoding=UTF8',
      '--no-locale',
    ]);
  } finally {
    rmSync(pwfile, { force: true });
  }
  appendFileSync(
    path.join(config.dataDir, 'postgresql.conf'),
    CLUSTER_SETTINGS + `unix_socket_directories = '${config.socketDir}'\n`,
  );
}

export async function clusterRunning(config: LocalCloudConfig): Promise<boolean> {
  if (!existsSync(path.join(config.dataDir, 'PG_VERSION'))) return false;
  const [program, args] = asClusterOwner(pgProgram(config, 'pg_ctl'), ['-D', config.dataDir, 'status']);
  try {
    await run(program, args, { cwd: config.dir });
    return true;
  } catch {
    return false;
  }
}

/** Starts the server in the background (it outlives this process) and waits until it accepts. */
export async function startCluster(config: LocalCloudConfig): Promise<void> {
  if (await clusterRunning(config)) return;
  await runPg(config, 'pg_ctl', [
    '-D',
    config.dataDir,
    '-l',
    config.logFile,
    '-w',
    '-t',
    '60',
    '-o',
    `-p ${config.port}`,
    'start',
  ]);
}

export async function stopCluster(config: LocalCloudConfig): Promise<boolean> {
  if (!(await clusterRunning(config))) return false;
  await runPg(config, 'pg_ctl', ['-D', config.dataDir, '-m', 'fast', '-w', 'stop']);
  return true;
}
