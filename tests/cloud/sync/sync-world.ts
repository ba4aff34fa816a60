// A team on the local cloud and laptops that sync with it: real PostgreSQL behind the PostgREST and
// GoTrue stand-ins (tests/cloud), real supabase-js signed in with the password grant, and each
// laptop a real library file (SQLite) in a temp folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SupabaseClient } from '@supabase/supabase-js';
import type pg from 'pg';
import type { VideoProbe } from '../../../electron/contract/domain.ts';
import { openDatabase } from '../../../electron/engine/store/db.ts';
import { createGame, type StoreContext } from '../../../electron/engine/store/games.ts';
import { deviceId } from '../../../electron/engine/store/settings.ts';
import { addVideo } from '../../../electron/engine/store/videos.ts';
import {
  createRowSync,
  createSyncClient,
  createSyncTransport,
  type RowSync,
  type RowSyncOptions,
  type SyncTransport,
} from '../../../electron/engine/sync/row-sync.ts';
import { hashPassword } from '../gotrue/passwords.ts';
import { ownerConnection } from '../sql-session.ts';
import { addMember, createTeam, createUser } from '../team-fixtures.ts';

export const PASSWORD = 'rink password';

export const PROBE: VideoProbe = {
  container: 'mov,mp4,m4a,3gp,3g2,mj2',
  durationS: 60,
  width: 1280,
  height: 720,
  codec: 'h264',
  profile: 'High',
  pixelFormat: 'yuv420p',
  fps: 30,
  variableFrameRate: false,
  frameCount: 1800,
  frameCountExact: true,
  firstFrameTimeS: 0,
  rotation: 0,
  audio: null,
  bitRate: null,
};

export interface Laptop {
  store: StoreContext;
  dir: string;
  dbPath: string;
  client: SupabaseClient;
  transport: SyncTransport;
  sync: RowSync;
  close(): void;
}

/** A user made in the auth schema with a password, for the GoTrue stand-in's password grant. */
export async function makeUser(owner: pg.Client, label: string): Promise<{ id: string; email: string }> {
  const email = `${label}-${Math.random().toString(36).slice(2, 10)}@example.test`;
  const id = await createUser(owner, email);
  await owner.query('UPDATE auth.users SET encrypted_password = $2 WHERE id = $1', [id, await hashPassword(PASSWORD)]);
  return { id, email };
}

/** A team whose owner and `members - 1` other users are all members. */
export async function makeTeamOf(
  owner: pg.Client,
  label: string,
  members: number,
): Promise<{ teamId: string; users: { id: string; email: string }[] }> {
  const users = [];
  for (let i = 0; i < members; i++) users.push(await makeUser(owner, `${label}${i}`));
  const teamId = await createTeam(owner, users[0]!.id, `${label} team`);
  for (const u of users.slice(1)) await addMember(owner, users[0]!.id, teamId, u.email);
  return { teamId, users };
}

export interface LaptopOptions {
  /** The API URL the laptop talks to (a fault proxy's, to inject failures). */
  url: string;
  anonKey: string;
  email: string;
  /** A clock that ticks per write, for tests that need an exact order of updated_at. */
  now?: () => string;
  requestTimeoutMs?: number;
  sync?: Partial<Omit<RowSyncOptions, 'store' | 'client'>>;
  dbPath?: string;
  /** The fetch under the sync transport (a counting one, for the bench). */
  fetch?: typeof fetch;
}

/** Opens (or makes) a library, signs in, and builds the row sync. */
export async function openLaptop(options: LaptopOptions): Promise<Laptop> {
  const dir = options.dbPath ? '' : mkdtempSync(join(tmpdir(), 'rinkside-sync-'));
  const dbPath = options.dbPath ?? join(dir, 'library.sqlite');
  const db = openDatabase(dbPath);
  const store: StoreContext = { db, deviceId: deviceId(db), now: options.now ?? (() => new Date().toISOString()) };
  const transport = createSyncTransport({
    requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
    ...(options.fetch ? { baseFetch: options.fetch } : {}),
  });
  const client = createSyncClient(options.url, options.anonKey, transport);
  const { error } = await client.auth.signInWithPassword({ email: options.email, password: PASSWORD });
  if (error) throw new Error(`sign-in failed: ${error.message}`);
  const sync = createRowSync({ store, client, transport, ...options.sync });
  return {
    store,
    dir,
    dbPath,
    client,
    transport,
    sync,
    close() {
      db.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A game with one video on a laptop (the video's file is never needed by the sync). */
export function makeGame(store: StoreContext, title = 'Lions vs Bears'): { gameId: string; videoId: string } {
  const game = createGame(store, { title, date: '2026-03-01', home: 'Lions', away: 'Bears' });
  const video = addVideo(store, {
    gameId: game.id,
    path: `/videos/${game.id}.mp4`,
    sizeBytes: 1000,
    sha256: 'ab'.repeat(32),
    probe: PROBE,
  });
  return { gameId: game.id, videoId: video.id };
}

export { ownerConnection };
