// Routing of the fetch handler, under the base path Supabase Edge gives a function. These
// requests are answered before any service is called (the HTTP suites in tests/cloud/gateway
// cover the rest against the local cloud).
import { generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { configFromEnv } from './config.ts';
import { createGateway } from './handler.ts';

const handler = createGateway(
  configFromEnv(
    (name) =>
      ({
        SUPABASE_URL: 'http://127.0.0.1:9',
        SUPABASE_ANON_KEY: 'anon',
        SUPABASE_SERVICE_ROLE_KEY: 'service',
        R2_ENDPOINT: 'http://127.0.0.1:9',
        R2_BUCKET: 'b',
        R2_ACCESS_KEY_ID: 'i',
        R2_SECRET_ACCESS_KEY: 's',
        GATEWAY_BASE_PATH: '/gateway',
      })[name],
  ),
);

const ask = async (path: string, init: RequestInit = {}) => {
  const response = await handler(new Request(`http://edge.local${path}`, init));
  return { status: response.status, body: (await response.json()) as Record<string, { kind?: string }> };
};

describe('the gateway’s routes', () => {
  it('serve under the base path only', async () => {
    expect(await ask('/gateway/health')).toEqual({ status: 200, body: { ok: true } });
    expect(await ask('/health')).toMatchObject({ status: 404, body: { error: { kind: 'not-found' } } });
    expect(await ask('/uploads/create', { method: 'POST', body: '{}' })).toMatchObject({ status: 404 });
  });

  it('take POST only, and a token before anything else', async () => {
    expect(await ask('/gateway/uploads/create')).toMatchObject({
      status: 400,
      body: { error: { kind: 'invalid-request' } },
    });
    const unsigned = await handler(
      new Request('http://edge.local/gateway/uploads/create', { method: 'POST', body: '{}' }),
    );
    expect(unsigned.status).toBe(401);
    expect(unsigned.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('answers 500, not 401, when the project’s keys cannot be fetched, and refuses HS256 without a secret', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const claims = { sub: 'u', role: 'authenticated', exp: Math.floor(Date.now() / 1000) + 60 };
    const es256 = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'k' }).sign(privateKey);
    const post = (token: string) =>
      ask('/gateway/uploads/create', { method: 'POST', body: '{}', headers: { authorization: `Bearer ${token}` } });
    // The JWKS URL is a closed loopback port: a network failure, not a bad token.
    expect(await post(es256)).toMatchObject({ status: 500, body: { error: { kind: 'internal' } } });
    const hs256 = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('a-secret-this-gateway-was-not-given-at-all'));
    expect(await post(hs256)).toMatchObject({ status: 401, body: { error: { message: /HS256/ } } });
  });
});
