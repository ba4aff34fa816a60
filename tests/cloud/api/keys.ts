import { randomUUID } from 'node:crypto';
import {
  SignJWT,
  createLocalJWKSet,
  errors,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  type CryptoKey,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';

/**
 * The local project's signing keys: an HS256 secret (older Supabase projects and the local CLI
 * stack sign with the project's JWT secret) and an ES256 key pair whose public half is published
 * as a JWKS (newer projects sign with asymmetric keys). Verifiers accept both, as the gateway must.
 */
export interface KeyRing {
  jwtSecret: string;
  es256: { privateKey: CryptoKey; kid: string };
  jwks: { keys: JWK[] };
  verifyKey: JWTVerifyGetKey;
  /** API keys in the legacy JWT form (role anon / service_role), signed with the secret. */
  anonKey: string;
  serviceKey: string;
}

/** The local CLI stack's well-known development secret: nothing here is secret. */
export const LOCAL_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';

export type SigningAlg = 'ES256' | 'HS256';

function secretBytes(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function makeKeyRing(jwtSecret = LOCAL_JWT_SECRET): Promise<KeyRing> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig', key_ops: ['verify'] };
  const jwks = { keys: [publicJwk] };
  const localJwks = createLocalJWKSet(jwks);
  const secret = secretBytes(jwtSecret);
  // The key is chosen by the token's alg, and jose checks the key fits it, so an HS256 token can
  // never be checked against the public key (the classic alg-confusion forgery).
  const verifyKey: JWTVerifyGetKey = async (header, token) => {
    if (header.alg === 'HS256') return secret;
    return localJwks(header, token);
  };
  // Fixed claims, so the API keys are the same on every start (HS256 signatures are deterministic).
  const longLived = { iss: 'supabase-demo', iat: 1_700_000_000, exp: 2_000_000_000 };
  const sign = (payload: JWTPayload) =>
    new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(secret);
  return {
    jwtSecret,
    es256: { privateKey, kid },
    jwks,
    verifyKey,
    anonKey: await sign({ ...longLived, role: 'anon' }),
    serviceKey: await sign({ ...longLived, role: 'service_role' }),
  };
}

/** Signs claims as the auth server does, with the project's chosen algorithm. */
export async function signToken(keys: KeyRing, alg: SigningAlg, claims: JWTPayload): Promise<string> {
  const jwt = new SignJWT(claims);
  if (alg === 'HS256') return jwt.setProtectedHeader({ alg, typ: 'JWT' }).sign(secretBytes(keys.jwtSecret));
  return jwt.setProtectedHeader({ alg, typ: 'JWT', kid: keys.es256.kid }).sign(keys.es256.privateKey);
}

export class TokenRejected extends Error {
  readonly reason: 'expired' | 'invalid';

  constructor(reason: 'expired' | 'invalid', message: string) {
    super(message);
    this.reason = reason;
  }
}

/** Verifies an access token or API key: signature (HS256 or a published ES256 key) and expiry. */
export async function verifyToken(keys: KeyRing, token: string): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token, keys.verifyKey, { algorithms: ['HS256', 'ES256'] });
    return payload;
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new TokenRejected('expired', 'JWT expired');
    const detail = error instanceof Error ? error.message : String(error);
    throw new TokenRejected('invalid', `JWT could not be verified: ${detail}`);
  }
}
