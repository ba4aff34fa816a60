import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base } from '@playwright/test';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const fixture = (name: string) => join(repoRoot, 'tests/fixtures/media', name);

export interface RunningHost {
  url: string;
  origin: string;
  dataDir: string;
  process: ChildProcess;
}

/** Starts the real browser host (real engine process, real SQLite, real ffmpeg) on a fresh library. */
export async function startHost(
  dataDir?: string,
  extra: { args?: string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<RunningHost> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'rinkside-e2e-'));
  const args = [join(repoRoot, 'scripts/browser-host.ts'), '--data-dir', dir, ...(extra.args ?? [])];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    // Warnings and errors only: the full ffmpeg command lines are in the host's info log.
    env: { ...process.env, RINKSIDE_LOG: process.env.RINKSIDE_LOG ?? 'warn', ...extra.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error('browser host did not start in 30 s')), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /RINKSIDE_HOST_URL=(\S+)/.exec(buffered);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`browser host exited with ${code}`)));
  });
  return { url, origin: new URL(url).origin, dataDir: dir, process: child };
}

export async function stopHost(host: RunningHost): Promise<void> {
  if (host.process.exitCode === null) {
    const exited = new Promise((r) => host.process.once('exit', r));
    host.process.kill('SIGTERM');
    await exited;
  }
}

export const test = base.extend<{ host: RunningHost }>({
  // Playwright requires the object pattern for a fixture without dependencies.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const host = await startHost();
    await use(host);
    await stopHost(host);
    rmSync(host.dataDir, { recursive: true, force: true });
  },
});
export { expect } from '@playwright/test';
