import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { LOCAL_JWT_SECRET } from '../api/keys.ts';
import type { LocalApi } from '../api/server.ts';
import { REPO_ROOT } from '../local/config.ts';
import type { LoggingProxy } from './logging-proxy.ts';
import type { S3Server } from './s3-servers.ts';

export type GatewayRuntime = 'node' | 'deno';

export interface GatewayProcess {
  runtime: GatewayRuntime;
  url: string;
  process: ChildProcess;
  /** What it wrote on stderr so far (its error log). */
  stderr(): string;
  stop(): Promise<void>;
}

const DENO = path.join(REPO_ROOT, 'node_modules', '.bin', 'deno');

/**
 * Deno as Supabase Edge runs the function, offline: the import map of gateway/deno.json names
 * `npm:` packages, which --node-modules-dir=manual resolves from this checkout's node_modules.
 */
export const DENO_ARGS = [
  'run',
  '--config',
  path.join(REPO_ROOT, 'gateway', 'deno.json'),
  '--node-modules-dir=manual',
  '--cached-only',
  '--no-lock',
  '--allow-net',
  '--allow-env',
  '--allow-read',
  // The AWS SDK reads the OS release for its user agent.
  '--allow-sys=osRelease',
  path.join(REPO_ROOT, 'gateway', 'deno.ts'),
];

/** The gateway's environment for the local cloud: the API stand-ins and an S3 server behind its proxy. */
export function localGatewayEnv(
  api: LocalApi,
  storage: { server: S3Server; proxy: LoggingProxy },
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    SUPABASE_URL: api.url,
    SUPABASE_ANON_KEY: api.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: api.serviceKey,
    SUPABASE_JWT_SECRET: LOCAL_JWT_SECRET,
    R2_ENDPOINT: storage.proxy.url,
    R2_BUCKET: storage.server.bucket,
    R2_ACCESS_KEY_ID: storage.server.accessKeyId,
    R2_SECRET_ACCESS_KEY: storage.server.secretAccessKey,
    R2_FORCE_PATH_STYLE: 'true',
    ...overrides,
  };
}

/** Starts the gateway as its own process on Node or Deno, on an ephemeral loopback port. */
export async function startGatewayProcess(
  runtime: GatewayRuntime,
  env: Record<string, string>,
): Promise<GatewayProcess> {
  const [command, args] =
    runtime === 'deno' ? [DENO, DENO_ARGS] : [process.execPath, [path.join(REPO_ROOT, 'gateway', 'node.ts')]];
  // Only what the gateway needs (and PATH/HOME for the runtime), so no test secret leaks in by accident.
  const childEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', ...env };
  const child = spawn(command, args, { cwd: REPO_ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the ${runtime} gateway did not listen in 60 s: ${stderr}`)),
      60_000,
    );
    child.once('exit', (code) => reject(new Error(`the ${runtime} gateway exited (${code}): ${stderr}`)));
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const listening = /"listening":(\d+)/.exec(line);
      if (listening) {
        clearTimeout(timer);
        resolve(Number(listening[1]));
      }
    });
  });
  return {
    runtime,
    url: `http://127.0.0.1:${port}`,
    process: child,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
