import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { GatewayConfig } from './config.ts';
import { GatewayFailure } from './failure.ts';

/** A signed-in user, and the token that lets PostgREST run their queries under their rights. */
export interface Caller {
  userId: string;
  token: string;
}

export type VerifyCaller = (request: Request) => Promise<Caller>;

/**
 * Verifies the caller's Supabase access token: an asymmetric signature checked against the
 * project's published JWKS (newer projects), or HS256 with the project's secret (older projects,
 * the local cloud). The key is chosen by the token's `alg` and jose checks the key fits it, so an
 * HS256 token is never checked against a public key (the alg-confusion forgery).
 */
export function callerVerifier(config: GatewayConfig): VerifyCaller {
  const jwks = createRemoteJWKSet(new URL(config.jwksUrl));
  const secret = config.jwtSecret ? new TextEncoder().encode(config.jwtSecret) : undefined;
  const key: JWTVerifyGetKey = async (header, token) => {
    if (header.alg === 'HS256') {
      if (!secret) throw new GatewayFailure('unauthorized', 'HS256 tokens are not accepted by this gateway');
      return secret;
    }
    return jwks(header, token);
  };
  const options = config.jwtIssuer
    ? { algorithms: ['HS256', 'ES256', 'RS256'], issuer: config.jwtIssuer }
    : { algorithms: ['HS256', 'ES256', 'RS256'] };

  return async (request) => {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '');
    if (!match) throw new GatewayFailure('unauthorized', 'Sign in first: the request carries no access token');
    const token = match[1]!;
    let payload;
    try {
      ({ payload } = await jwtVerify(token, key, options));
    } catch (error) {
      if (error instanceof GatewayFailure) throw error;
      if (error instanceof errors.JWTExpired) {
        throw new GatewayFailure('unauthorized', 'The sign-in has expired: sign in again');
      }
      // Not the token's fault: the project's keys could not be fetched. Answering 401 would make
      // the app sign a user out over a network hiccup.
      if (
        error instanceof errors.JWKSTimeout ||
        error instanceof errors.JWKSInvalid ||
        !(error instanceof errors.JOSEError)
      ) {
        throw new GatewayFailure('internal', 'The project’s signing keys could not be fetched', {
          detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        });
      }
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new GatewayFailure('unauthorized', 'The access token could not be verified', { detail });
    }
    // API keys are JWTs signed with the same secret (role anon or service_role): only a user's
    // session token names a user to check membership for.
    if (payload.role !== 'authenticated' || typeof payload.sub !== 'string' || payload.sub === '') {
      throw new GatewayFailure('unauthorized', 'The token is not a signed-in user’s access token');
    }
    return { userId: payload.sub, token };
  };
}
