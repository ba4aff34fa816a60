// Sign-in and tokens through the real @supabase/supabase-js against the GoTrue and PostgREST
// stand-ins: ES256 (JWKS) and HS256 tokens are accepted; expired, forged and wrong-secret ones
// get 401; refresh tokens are single-use.
import { randomUUID } from 'node:crypto';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { SignJWT, createRemoteJWKSet, decodeProtectedHeader, generateKeyPair, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_JWT_SECRET, signToken } from './api/keys.ts';
import { startLocalApi, type LocalApi } from './api/server.ts';

let es256Api: LocalApi;
let hs256Api: LocalApi;
let strictApi: LocalApi;

beforeAll(async () => {
  [es256Api, hs256Api, strictApi] = await Promise.all([
    startLocalApi({ signingAlg: 'ES256' }),
    startLocalApi({ signingAlg: 'HS256' }),
    startLocalApi({ refreshReuseWindowS: 0 }),
  ]);
});
afterAll(async () => {
  await Promise.all([es256Api?.stop(), hs256Api?.stop(), strictApi?.stop()]);
});

const noStorage = { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } };
const clientOf = (api: LocalApi) => createClient(api.url, api.anonKey, noStorage);
const withToken = (api: LocalApi, token: string) =>
  createClient(api.url, api.anonKey, { ...noStorage, global: { headers: { Authorization: `Bearer ${token}` } } });
const email = () => `user-${randomUUID().slice(0, 8)}@example.test`;

async function signedUp(api: LocalApi): Promise<{ client: SupabaseClient; email: string; password: string }> {
  const client = clientOf(api);
  const address = email();
  const { error } = await client.auth.signUp({ email: address, password: 'correct horse' });
  expect(error).toBeNull();
  return { client, email: address, password: 'correct horse' };
}

/** A read any signed-in user may make: the default codes. */
async function readCodes(client: SupabaseClient) {
  return client.from('codes').select('id').is('team_id', null);
}

describe('sign-in (GoTrue stand-in)', () => {
  it('signs in with a password and issues an ES256 access token verifiable with the published JWKS', async () => {
    const { email: address, password } = await signedUp(es256Api);
    const client = clientOf(es256Api);
    const { data, error } = await client.auth.signInWithPassword({ email: address, password });
    expect(error).toBeNull();
    const token = data.session!.access_token;
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256', kid: es256Api.keys.es256.kid });
    const jwks = createRemoteJWKSet(new URL(`${es256Api.url}/auth/v1/.well-known/jwks.json`));
    const { payload } = await jwtVerify(token, jwks);
    expect(payload).toMatchObject({ sub: data.user!.id, role: 'authenticated', aud: 'authenticated' });
    expect(payload.exp).toBe(data.session!.expires_at);
  });

  it('refuses a wrong password with invalid_credentials', async () => {
    const { email: address } = await signedUp(es256Api);
    const { data, error } = await clientOf(es256Api).auth.signInWithPassword({ email: address, password: 'wrong' });
    expect(data.session).toBeNull();
    expect(error).toMatchObject({ status: 400, code: 'invalid_credentials' });
  });

  it('returns the signed-in user from /user', async () => {
    const { client, email: address } = await signedUp(es256Api);
    const { data, error } = await client.auth.getUser();
    expect(error).toBeNull();
    expect(data.user?.email).toBe(address);
  });

  it('rotates refresh tokens; a reused one within the reuse window gets the same successor', async () => {
    const { client } = await signedUp(es256Api);
    const first = (await client.auth.getSession()).data.session!.refresh_token;
    const rotated = await client.auth.refreshSession({ refresh_token: first });
    expect(rotated.error).toBeNull();
    const second = rotated.data.session!.refresh_token;
    expect(second).not.toBe(first);
    const again = await clientOf(es256Api).auth.refreshSession({ refresh_token: first });
    expect(again.data.session?.refresh_token).toBe(second);
  });

  it('refuses a refresh token used twice, and then ends its session', async () => {
    const { client } = await signedUp(strictApi);
    const first = (await client.auth.getSession()).data.session!.refresh_token;
    const second = (await client.auth.refreshSession({ refresh_token: first })).data.session!.refresh_token;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const reused = await clientOf(strictApi).auth.refreshSession({ refresh_token: first });
    expect(reused.error).toMatchObject({ status: 400, code: 'refresh_token_already_used' });
    const successor = await clientOf(strictApi).auth.refreshSession({ refresh_token: second });
    expect(successor.error).toMatchObject({ code: 'refresh_token_already_used' });
  });

  it('signs out: the refresh token no longer works', async () => {
    const { client } = await signedUp(es256Api);
    const token = (await client.auth.getSession()).data.session!.refresh_token;
    expect((await client.auth.signOut()).error).toBeNull();
    const after = await clientOf(strictApi).auth.refreshSession({ refresh_token: token });
    expect(after.error).toMatchObject({ code: 'refresh_token_already_used' });
  });

  it('answers /user with a forged token with 403 bad_jwt, as GoTrue does', async () => {
    const forged = await signToken(es256Api.keys, 'HS256', { sub: randomUUID(), role: 'authenticated', exp: 2e9 });
    const response = await fetch(`${hs256Api.url}/auth/v1/user`, {
      headers: { apikey: hs256Api.anonKey, authorization: `Bearer ${forged.slice(0, -4)}AAAA` },
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error_code: 'bad_jwt' });
  });
});

describe('tokens at the data API (PostgREST stand-in)', () => {
  it('accepts an ES256 token from the auth server', async () => {
    const { client } = await signedUp(es256Api);
    const { data, error } = await readCodes(client);
    expect(error).toBeNull();
    expect(data).toHaveLength(15);
  });

  it('accepts an HS256 token signed with the project secret (older projects)', async () => {
    const { client } = await signedUp(hs256Api);
    const token = (await client.auth.getSession()).data.session!.access_token;
    expect(decodeProtectedHeader(token).alg).toBe('HS256');
    const { data, error } = await readCodes(client);
    expect(error).toBeNull();
    expect(data).toHaveLength(15);
    // The ES256 project verifies HS256 tokens too (a verifier must accept both).
    expect((await readCodes(withToken(es256Api, token))).data).toHaveLength(15);
  });

  const claims = () => ({
    sub: randomUUID(),
    role: 'authenticated',
    aud: 'authenticated',
    exp: Math.floor(Date.now() / 1000) + 600,
  });

  it('gives an expired token 401 PGRST303', async () => {
    const expired = await signToken(es256Api.keys, 'ES256', { ...claims(), exp: Math.floor(Date.now() / 1000) - 10 });
    const { error, status } = await readCodes(withToken(es256Api, expired));
    expect(status).toBe(401);
    expect(error).toMatchObject({ code: 'PGRST303', message: 'JWT expired' });
  });

  it('gives a token signed with the wrong secret 401', async () => {
    const wrong = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(`${LOCAL_JWT_SECRET}-not`));
    const { error, status } = await readCodes(withToken(es256Api, wrong));
    expect(status).toBe(401);
    expect(error?.code).toBe('PGRST301');
  });

  it('gives a forged token 401: altered claims, a stranger key with the published kid, alg none', async () => {
    const genuine = await signToken(es256Api.keys, 'ES256', claims());
    const [head, , signature] = genuine.split('.');
    const otherClaims = Buffer.from(JSON.stringify({ ...claims(), role: 'service_role' })).toString('base64url');
    const stranger = await generateKeyPair('ES256');
    const forgedKey = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'ES256', kid: es256Api.keys.es256.kid })
      .sign(stranger.privateKey);
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${otherClaims}.`;
    // A token from another project (another ES256 key).
    const foreign = await signToken(hs256Api.keys, 'ES256', claims());
    for (const token of [`${head}.${otherClaims}.${signature}`, forgedKey, none, foreign]) {
      const { error, status } = await readCodes(withToken(es256Api, token));
      expect([status, error?.code]).toEqual([401, 'PGRST301']);
    }
  });

  it('refuses a valid token naming a role the API does not serve', async () => {
    const owner = await signToken(es256Api.keys, 'ES256', { ...claims(), role: 'postgres' });
    const { status } = await readCodes(withToken(es256Api, owner));
    expect(status).toBe(401);
  });

  it('wants an API key, like Supabase’s gateway', async () => {
    expect((await fetch(`${es256Api.url}/rest/v1/codes?select=id`)).status).toBe(401);
    const wrong = await fetch(`${es256Api.url}/rest/v1/codes?select=id`, { headers: { apikey: 'nope' } });
    expect(wrong.status).toBe(401);
  });

  it('runs a request with only the anon key as anon, which sees nothing (401)', async () => {
    const { error, status } = await readCodes(clientOf(es256Api));
    expect(status).toBe(401);
    expect(error?.code).toBe('42501');
  });
});
