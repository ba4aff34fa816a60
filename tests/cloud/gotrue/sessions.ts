import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { signToken, type KeyRing, type SigningAlg } from '../api/keys.ts';

export interface SessionSettings {
  keys: KeyRing;
  alg: SigningAlg;
  issuer: string;
  accessTokenTtlS: number;
  /** GoTrue's refresh-token reuse interval: a token used again this soon gets the same answer. */
  reuseWindowS: number;
}

export interface UserRow {
  id: string;
  aud: string;
  role: string;
  email: string | null;
  encrypted_password: string | null;
  email_confirmed_at: Date | null;
  raw_app_meta_data: Record<string, unknown>;
  raw_user_meta_data: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

/** A user as GoTrue's API shows one. */
export function userJson(user: UserRow): Record<string, unknown> {
  return {
    id: user.id,
    aud: user.aud,
    role: user.role,
    email: user.email,
    email_confirmed_at: user.email_confirmed_at?.toISOString() ?? null,
    confirmed_at: user.email_confirmed_at?.toISOString() ?? null,
    phone: '',
    app_metadata: { provider: 'email', providers: ['email'], ...user.raw_app_meta_data },
    user_metadata: user.raw_user_meta_data,
    identities: [],
    created_at: user.created_at.toISOString(),
    updated_at: user.updated_at.toISOString(),
    is_anonymous: false,
  };
}

export class AuthFailure extends Error {
  readonly status: number;
  readonly errorCode: string;

  constructor(status: number, errorCode: string, message: string) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }
}

/** The access token's claims, as GoTrue puts them (sub, role, aud, exp, session_id, …). */
async function accessToken(settings: SessionSettings, user: UserRow, sessionId: string, now: number) {
  const expiresAt = now + settings.accessTokenTtlS;
  const token = await signToken(settings.keys, settings.alg, {
    iss: settings.issuer,
    sub: user.id,
    aud: user.aud,
    exp: expiresAt,
    iat: now,
    email: user.email,
    phone: '',
    app_metadata: { provider: 'email', providers: ['email'], ...user.raw_app_meta_data },
    user_metadata: user.raw_user_meta_data,
    role: user.role,
    aal: 'aal1',
    amr: [{ method: 'password', timestamp: now }],
    session_id: sessionId,
    is_anonymous: false,
  });
  return { token, expiresAt };
}

async function sessionJson(settings: SessionSettings, user: UserRow, sessionId: string, refreshToken: string) {
  const now = Math.floor(Date.now() / 1000);
  const { token, expiresAt } = await accessToken(settings, user, sessionId, now);
  return {
    access_token: token,
    token_type: 'bearer',
    expires_in: settings.accessTokenTtlS,
    expires_at: expiresAt,
    refresh_token: refreshToken,
    user: userJson(user),
  };
}

const newRefreshToken = () => randomBytes(24).toString('base64url');

/** A new session (sign-in): its first refresh token and an access token. */
export async function startSession(db: pg.Pool, settings: SessionSettings, user: UserRow) {
  const sessionId = randomUUID();
  const token = newRefreshToken();
  await db.query('INSERT INTO auth.refresh_tokens (token, user_id, session_id) VALUES ($1, $2, $3)', [
    token,
    user.id,
    sessionId,
  ]);
  return sessionJson(settings, user, sessionId, token);
}

/**
 * Refresh tokens are single-use: using one revokes it and hands out its successor. Used again
 * within the reuse window (two tabs refreshing at once), it answers with that same successor;
 * later, it is refused and, as GoTrue does on detecting reuse, the whole session is revoked.
 */
export async function refreshSession(db: pg.Pool, settings: SessionSettings, token: string) {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const found = await client.query<{ user_id: string; session_id: string; revoked: boolean; age_s: number }>(
      `SELECT user_id, session_id, revoked, extract(epoch FROM now() - updated_at)::float8 AS age_s
       FROM auth.refresh_tokens WHERE token = $1 FOR UPDATE`,
      [token],
    );
    const current = found.rows[0];
    if (!current)
      throw new AuthFailure(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
    let next: string;
    if (!current.revoked) {
      next = newRefreshToken();
      await client.query('UPDATE auth.refresh_tokens SET revoked = true, updated_at = now() WHERE token = $1', [token]);
      await client.query(
        'INSERT INTO auth.refresh_tokens (token, user_id, session_id, parent) VALUES ($1, $2, $3, $4)',
        [next, current.user_id, current.session_id, token],
      );
    } else {
      const child = await client.query<{ token: string }>(
        'SELECT token FROM auth.refresh_tokens WHERE parent = $1 AND NOT revoked',
        [token],
      );
      if (current.age_s > settings.reuseWindowS || !child.rows[0]) {
        await client.query('UPDATE auth.refresh_tokens SET revoked = true, updated_at = now() WHERE session_id = $1', [
          current.session_id,
        ]);
        await client.query('COMMIT');
        throw new AuthFailure(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used');
      }
      next = child.rows[0].token;
    }
    const user = await client.query<UserRow>('SELECT * FROM auth.users WHERE id = $1', [current.user_id]);
    await client.query('COMMIT');
    return sessionJson(settings, user.rows[0]!, current.session_id, next);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
