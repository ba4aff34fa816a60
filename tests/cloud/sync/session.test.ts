// The engine's sign-in (electron/engine/sync/session.ts) against the GoTrue and PostgREST
// stand-ins of the local cloud, with the real supabase-js and a real session file.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../electron/engine/log.ts';
import { createCloudSession, type CloudSession } from '../../../electron/engine/sync/session.ts';
import { fileSessionStorage } from '../../../electron/engine/sync/session-storage.ts';
import { startLocalApi, type LocalApi } from '../api/server.ts';
import { PASSWORD, addToTeam, newAnalyst, newTeam, plainClient } from './cloud-users.ts';

const log = createLogger(() => undefined, 'test');
let api: LocalApi;
/**
 * Refresh tokens strictly single-use (no reuse window) and access tokens that expire in 4 s: short
 * enough to wait out, long enough that a refreshed token is still valid when a request reaches the
 * server on a loaded machine.
 */
const TTL_S = 4;
const pastExpiry = () => new Promise((resolve) => setTimeout(resolve, TTL_S * 1000 + 500));
let strict: LocalApi;

beforeAll(async () => {
  [api, strict] = await Promise.all([
    startLocalApi(),
    startLocalApi({ refreshReuseWindowS: 0, accessTokenTtlS: TTL_S }),
  ]);
});
afterAll(async () => {
  await Promise.all([api?.stop(), strict?.stop()]);
});

const sessions: CloudSession[] = [];
afterAll(async () => {
  await Promise.all(sessions.map((s) => s.close()));
});

function sessionFor(target: LocalApi, dir = mkdtempSync(join(tmpdir(), 'rinkside-session-')), fetcher?: typeof fetch) {
  const path = join(dir, 'cloud-session.json');
  const session = createCloudSession({
    project: { url: target.url, anonKey: target.anonKey, source: 'env' },
    storage: fileSessionStorage(path),
    log,
    ...(fetcher ? { fetch: fetcher } : {}),
  });
  sessions.push(session);
  return { session, path, dir };
}

describe('team-cloud session', () => {
  it('signs in with email and password, keeps the session in a 0600 file, and restores it on the next launch', async () => {
    const { email } = await newAnalyst(api, 'keeper');
    const first = sessionFor(api);
    const account = await first.session.signIn(email, PASSWORD);
    expect(account.email).toBe(email);
    expect(statSync(first.path).mode & 0o777).toBe(0o600);
    expect(readFileSync(first.path, 'utf8')).toContain('refresh_token');

    const relaunched = sessionFor(api, first.dir);
    expect(relaunched.session.account()).toBeNull();
    await relaunched.session.restore();
    expect(relaunched.session.account()).toEqual(account);
    const { error } = await relaunched.session.client().from('codes').select('id').limit(1);
    expect(error).toBeNull();
  });

  it('refuses a wrong password as sign-in-failed and stays signed out', async () => {
    const { email } = await newAnalyst(api, 'typo');
    const { session } = sessionFor(api);
    await expect(session.signIn(email, 'not the password')).rejects.toMatchObject({ kind: 'sign-in-failed' });
    expect(session.account()).toBeNull();
    expect(() => session.client()).toThrow(/Sign in/);
  });

  it('says cloud-unreachable when the project is down', async () => {
    const down = await startLocalApi();
    const { email } = await newAnalyst(down, 'down');
    await down.stop();
    const { session } = sessionFor(down);
    await expect(session.signIn(email, PASSWORD)).rejects.toMatchObject({ kind: 'cloud-unreachable' });
  });

  it('lists the teams the analyst belongs to, with their role, and none of the others', async () => {
    const owner = await newAnalyst(api, 'owner');
    const analyst = await newAnalyst(api, 'analyst');
    const mine = await newTeam(owner.client, 'Rinkside Hawks');
    const second = await newTeam(analyst.client, 'Rinkside Owls');
    await newTeam(owner.client, 'Somebody else');
    await addToTeam(owner.client, mine, analyst.email);
    const { session } = sessionFor(api);
    await session.signIn(analyst.email, PASSWORD);
    const teams = await session.teams();
    expect(teams).toEqual([
      { id: mine, name: 'Rinkside Hawks', role: 'member' },
      { id: second, name: 'Rinkside Owls', role: 'owner' },
    ]);
  });

  it('refreshes an expired session once for many requests at the same time (single-use refresh tokens)', async () => {
    const { email } = await newAnalyst(strict, 'burst');
    const refreshes: number[] = [];
    const counting: typeof fetch = (input, init) => {
      if (String(input instanceof Request ? input.url : input).includes('grant_type=refresh_token')) refreshes.push(1);
      return fetch(input, init);
    };
    const { session, path } = sessionFor(strict, undefined, counting);
    await session.signIn(email, PASSWORD);
    const signedInWith = JSON.parse(readFileSync(path, 'utf8'))['rinkside-team-cloud'];
    await pastExpiry(); // the access token has expired
    const client = session.client();
    const answers = await Promise.all(Array.from({ length: 12 }, () => client.from('codes').select('id').limit(1)));
    for (const answer of answers) expect(answer.error).toBeNull();
    expect(refreshes.length).toBe(1);
    // Still signed in afterwards: the server did not see the refresh token used twice.
    expect(session.account()?.email).toBe(email);
    expect(readFileSync(path, 'utf8')).not.toBe(JSON.stringify({ 'rinkside-team-cloud': signedInWith }));
    await pastExpiry();
    expect((await client.from('codes').select('id').limit(1)).error).toBeNull();
  });

  it('shows a session the server ended (its refresh token reused elsewhere) as signed out', async () => {
    const { email } = await newAnalyst(strict, 'reused');
    const { session, path } = sessionFor(strict);
    const changes: (string | null)[] = [];
    session.onAccountChange((account) => changes.push(account?.email ?? null));
    await session.signIn(email, PASSWORD);
    const stale = JSON.parse(JSON.parse(readFileSync(path, 'utf8'))['rinkside-team-cloud']).refresh_token as string;
    await pastExpiry();
    expect((await session.client().from('codes').select('id').limit(1)).error).toBeNull();
    // A second use of the same refresh token, after the reuse window: the server revokes the session.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const reuse = await plainClient(strict).auth.refreshSession({ refresh_token: stale });
    expect(reuse.error).toMatchObject({ code: 'refresh_token_already_used' });
    await pastExpiry();
    await session.client().from('codes').select('id').limit(1);
    expect(session.account()).toBeNull();
    expect(changes).toEqual([email, null]);
  });

  it('sign-out forgets the session: the file is gone and a relaunch is signed out', async () => {
    const { email } = await newAnalyst(api, 'leaver');
    const { session, path, dir } = sessionFor(api);
    await session.signIn(email, PASSWORD);
    await session.signOut();
    expect(session.account()).toBeNull();
    expect(() => statSync(path)).toThrow();
    const relaunched = sessionFor(api, dir);
    await relaunched.session.restore();
    expect(relaunched.session.account()).toBeNull();
  });
});
