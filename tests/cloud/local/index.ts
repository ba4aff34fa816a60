import { mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { localCloudConfig, superuserUrl, type LocalCloudConfig } from './config.ts';
import { prepareDatabase } from './database.ts';
import { initCluster, startCluster } from './postgres.ts';

export { localCloudConfig, superuserUrl, type LocalCloudConfig } from './config.ts';

export interface LocalCloud {
  config: LocalCloudConfig;
  /** The database as its owner (postgres), for fixtures and for checking what really is stored. */
  superuserUrl: string;
}

/**
 * Test files run in parallel processes and each may find the cloud down: one of them starts it
 * while the others wait on this lock (a directory, made atomically). A lock older than the
 * longest start is left over from a killed run and is taken over.
 */
async function withStartLock<T>(config: LocalCloudConfig, work: () => Promise<T>): Promise<T> {
  mkdirSync(config.dir, { recursive: true });
  const lock = path.join(config.dir, 'start.lock');
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 180_000) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`The local cloud did not start in time (lock ${lock}).`);
      else await sleep(200);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Brings the local cloud's database up: the cluster made and started if needed, the bootstrap
 * and the migrations applied if they changed. Idempotent and quick when everything is current.
 * The server keeps running afterwards (`npm run cloud:local -- stop` stops it).
 */
export async function ensureLocalCloud(options: { fresh?: boolean } = {}): Promise<LocalCloud> {
  const config = localCloudConfig();
  await withStartLock(config, async () => {
    await initCluster(config);
    await startCluster(config);
    await prepareDatabase(config, options);
  });
  return { config, superuserUrl: superuserUrl(config) };
}
