import type pg from 'pg';
import { bearer, header, json, type ApiRequest, type ApiResponse } from '../api/http.ts';
import { TokenRejected, verifyToken } from '../api/keys.ts';
import { hashPassword, passwordMatches } from './passwords.ts';
import { AuthFailure, refreshSession, startSession, userJson, type SessionSettings, type UserRow } from './sessions.ts';

const API_VERSION = '2024-01-01';

/**
 * GoTrue's error body: with the 2024-01-01 API version (supabase-js sends it) the code is the
 * string error code; older clients get the numeric status in code and the string in error_code.
 */
function authError(request: ApiRequest, failure: AuthFailure): ApiResponse {
  const versioned = header(request, 'x-supabase-api-version') === API_VERSION;
  const body = versioned
    ? { code: failure.errorCode, message: failure.message }
    : { code: failure.status, error_code: failure.errorCode, msg: failure.message };
  return json(failure.status, body, { 'x-supabase-api-version': API_VERSION });
}

function credentialsOf(request: ApiRequest): { email: string; password: string } {
  let body: unknown;
  try {
    body = JSON.parse(request.body.toString('utf8') || '{}');
  } catch {
    throw new AuthFailure(400, 'bad_json', 'Could not parse request body as JSON');
  }
  const { email, password } = (body ?? {}) as { email?: unknown; password?: unknown };
  if (typeof email !== 'string' || typeof password !== 'string' || !email || !password) {
    throw new AuthFailure(400, 'validation_failed', 'An email address and a password are required');
  }
  return { email, password };
}

export class GotrueStandIn {
  private readonly db: pg.Pool;
  private readonly settings: SessionSettings;

  constructor(db: pg.Pool, settings: SessionSettings) {
    this.db = db;
    this.settings = settings;
  }

  async handle(request: ApiRequest, path: string): Promise<ApiResponse> {
    try {
      return await this.route(request, path);
    } catch (error) {
      if (error instanceof AuthFailure) return authError(request, error);
      throw error;
    }
  }

  private async route(request: ApiRequest, path: string): Promise<ApiResponse> {
    const route = `${request.method} ${path}`;
    if (route === 'GET .well-known/jwks.json') return json(200, this.settings.keys.jwks);
    if (route === 'GET health') return json(200, { name: 'GoTrue (Rinkside local stand-in)', description: 'stand-in' });
    if (route === 'POST signup') return this.signUp(request);
    if (route === 'POST token') return this.token(request);
    if (route === 'GET user') return this.user(request);
    if (route === 'POST logout') return this.logout(request);
    throw new AuthFailure(404, 'not_found', `The local auth stand-in has no ${route}`);
  }

  private async userByEmail(email: string): Promise<UserRow | undefined> {
    const found = await this.db.query<UserRow>('SELECT * FROM auth.users WHERE lower(email) = lower($1)', [email]);
    return found.rows[0];
  }

  /** Sign-up with email confirmation off (as the local CLI stack runs): a session at once. */
  private async signUp(request: ApiRequest): Promise<ApiResponse> {
    const { email, password } = credentialsOf(request);
    if (password.length < 6) throw new AuthFailure(422, 'weak_password', 'Password should be at least 6 characters.');
    if (await this.userByEmail(email)) throw new AuthFailure(422, 'user_already_exists', 'User already registered');
    const made = await this.db.query<UserRow>(
      'INSERT INTO auth.users (email, encrypted_password, email_confirmed_at) VALUES ($1, $2, now()) RETURNING *',
      [email, await hashPassword(password)],
    );
    return json(200, await startSession(this.db, this.settings, made.rows[0]!), {
      'x-supabase-api-version': API_VERSION,
    });
  }

  private async token(request: ApiRequest): Promise<ApiResponse> {
    const grant = request.url.searchParams.get('grant_type');
    if (grant === 'password') {
      const { email, password } = credentialsOf(request);
      const user = await this.userByEmail(email);
      if (!user || !(await passwordMatches(password, user.encrypted_password))) {
        throw new AuthFailure(400, 'invalid_credentials', 'Invalid login credentials');
      }
      return json(200, await startSession(this.db, this.settings, user), { 'x-supabase-api-version': API_VERSION });
    }
    if (grant === 'refresh_token') {
      const { refresh_token: token } = JSON.parse(request.body.toString('utf8') || '{}') as { refresh_token?: unknown };
      if (typeof token !== 'string' || !token)
        throw new AuthFailure(400, 'validation_failed', 'refresh_token is required');
      return json(200, await refreshSession(this.db, this.settings, token), { 'x-supabase-api-version': API_VERSION });
    }
    throw new AuthFailure(400, 'unsupported_grant_type', `grant_type ${grant} is not supported`);
  }

  private async claims(request: ApiRequest): Promise<Record<string, unknown>> {
    const token = bearer(request);
    if (!token) throw new AuthFailure(401, 'no_authorization', 'This endpoint requires a Bearer token');
    try {
      return await verifyToken(this.settings.keys, token);
    } catch (error) {
      if (!(error instanceof TokenRejected)) throw error;
      throw new AuthFailure(403, 'bad_jwt', `invalid JWT: unable to parse or verify signature, ${error.message}`);
    }
  }

  private async user(request: ApiRequest): Promise<ApiResponse> {
    const claims = await this.claims(request);
    const found = await this.db.query<UserRow>('SELECT * FROM auth.users WHERE id = $1', [claims.sub]);
    if (!found.rows[0]) throw new AuthFailure(403, 'user_not_found', 'User from sub claim in JWT does not exist');
    return json(200, userJson(found.rows[0]), { 'x-supabase-api-version': API_VERSION });
  }

  /** scope=global (supabase-js's default) ends every session of the user; local only this one. */
  private async logout(request: ApiRequest): Promise<ApiResponse> {
    const claims = await this.claims(request);
    const scope = request.url.searchParams.get('scope') ?? 'global';
    if (scope === 'local') {
      await this.db.query('UPDATE auth.refresh_tokens SET revoked = true, updated_at = now() WHERE session_id = $1', [
        claims.session_id,
      ]);
    } else {
      const others = scope === 'others' ? 'AND session_id <> $2' : '';
      await this.db.query(
        `UPDATE auth.refresh_tokens SET revoked = true, updated_at = now() WHERE user_id = $1 ${others}`,
        scope === 'others' ? [claims.sub, claims.session_id] : [claims.sub],
      );
    }
    return { status: 204 };
  }
}
