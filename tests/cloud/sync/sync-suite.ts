// The hooks every row-sync test file needs: the local API (started once per file), the database
// owner's connection for making users and teams, and laptops closed (their library folders
// removed) after each test.
import type pg from 'pg';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startLocalApi, type LocalApi } from '../api/server.ts';
import { openLaptop, ownerConnection, type Laptop, type LaptopOptions } from './sync-world.ts';

export interface SyncSuite {
  readonly api: LocalApi;
  readonly owner: pg.Client;
  /** A laptop signed in as `email` against the local API (or `options.url`), closed after the test. */
  laptop(email: string, options?: Partial<LaptopOptions>): Promise<Laptop>;
}

/** Call at the top of a test file; the getters are valid inside tests. */
export function syncSuite(): SyncSuite {
  let api: LocalApi | undefined;
  let owner: pg.Client | undefined;
  const open: Laptop[] = [];
  beforeAll(async () => {
    api = await startLocalApi();
    owner = await ownerConnection();
  });
  afterEach(() => {
    for (const l of open.splice(0)) l.close();
  });
  afterAll(async () => {
    await owner?.end();
    await api?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the sync suite is used outside a test');
    return value;
  };
  return {
    get api() {
      return started(api);
    },
    get owner() {
      return started(owner);
    },
    async laptop(email, options = {}) {
      const l = await openLaptop({ url: started(api).url, anonKey: started(api).anonKey, email, ...options });
      open.push(l);
      return l;
    },
  };
}
