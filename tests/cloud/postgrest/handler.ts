import type pg from 'pg';
import { bearer, header, json, type ApiRequest, type ApiResponse } from '../api/http.ts';
import { TokenRejected, verifyToken, type KeyRing } from '../api/keys.ts';
import { PostgrestError, fromPgError } from './errors.ts';
import { quoteIdent } from './query.ts';
import { callFunction, deleteRows, insertRows, readRows, updateRows } from './statements.ts';
import { loadSchemaCache, type SchemaCache } from './schema-cache.ts';

export interface PostgrestContext {
  /** Connections as authenticator, which may only switch to the API roles. */
  pool: pg.Pool;
  /** The owner, for reading the catalog. */
  owner: pg.Pool;
  keys: KeyRing;
}

/** Settings a role may carry that PostgREST applies per request (the rest are ignored). */
const ROLE_SETTINGS = new Set(['statement_timeout', 'lock_timeout', 'idle_in_transaction_session_timeout']);

export class PostgrestStandIn {
  private cache: SchemaCache | null = null;
  private readonly context: PostgrestContext;

  constructor(context: PostgrestContext) {
    this.context = context;
  }

  private async schema(reload = false): Promise<SchemaCache> {
    if (!this.cache || reload) this.cache = await loadSchemaCache(this.context.owner);
    return this.cache;
  }

  /** The request's claims: from its bearer token, else its API key (as Supabase's gateway does). */
  private async claimsOf(request: ApiRequest): Promise<Record<string, unknown>> {
    const token = bearer(request) ?? header(request, 'apikey');
    if (!token) return { role: 'anon' };
    try {
      return await verifyToken(this.context.keys, token);
    } catch (error) {
      if (!(error instanceof TokenRejected)) throw error;
      throw new PostgrestError(401, error.reason === 'expired' ? 'PGRST303' : 'PGRST301', error.message);
    }
  }

  async handle(request: ApiRequest, path: string): Promise<ApiResponse> {
    let role = 'anon';
    try {
      const claims = await this.claimsOf(request);
      role = typeof claims.role === 'string' ? claims.role : 'anon';
      const schema = await this.schema();
      if (!schema.roles.has(role)) throw new PostgrestError(401, 'PGRST301', `JWT role "${role}" is not served`);
      return await this.inTransaction(role, claims, request, path, schema);
    } catch (error) {
      const failure = error instanceof PostgrestError ? error : fromPgError(error, role);
      const headers: Record<string, string> = {};
      if (failure.status === 401) headers['www-authenticate'] = `Bearer error="invalid_token"`;
      return json(failure.status, failure.toJSON(), headers);
    }
  }

  /** One request, one transaction, as the token's role with its claims: Postgres applies RLS. */
  private async inTransaction(
    role: string,
    claims: Record<string, unknown>,
    request: ApiRequest,
    path: string,
    schema: SchemaCache,
  ): Promise<ApiResponse> {
    const client = await this.context.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL ROLE ${quoteIdent(role)}`);
      await client.query(
        `SELECT set_config('request.jwt.claims', $1, true), set_config('request.method', $2, true),
                set_config('request.path', $3, true)`,
        [JSON.stringify(claims), request.method, `/${path}`],
      );
      for (const [name, value] of schema.roleSettings.get(role) ?? []) {
        if (ROLE_SETTINGS.has(name)) await client.query('SELECT set_config($1, $2, true)', [name, value]);
      }
      const response = await this.dispatch(client, request, path);
      await client.query('COMMIT');
      return response;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async dispatch(client: pg.PoolClient, request: ApiRequest, path: string): Promise<ApiResponse> {
    const rpc = /^rpc\/([^/]+)$/.exec(path);
    if (rpc) {
      const name = decodeURIComponent(rpc[1]!);
      const fn = (await this.schema()).functions.get(name) ?? (await this.schema(true)).functions.get(name);
      if (!fn)
        throw new PostgrestError(404, 'PGRST202', `Could not find the function public.${name} in the schema cache`);
      return callFunction(client, fn, request);
    }
    const name = decodeURIComponent(path);
    const relation = (await this.schema()).relations.get(name) ?? (await this.schema(true)).relations.get(name);
    if (!relation || path.includes('/')) {
      throw new PostgrestError(404, 'PGRST205', `Could not find the table 'public.${name}' in the schema cache`);
    }
    switch (request.method) {
      case 'GET':
      case 'HEAD':
        return readRows(client, relation, request);
      case 'POST':
        return insertRows(client, relation, request);
      case 'PATCH':
        return updateRows(client, relation, request);
      case 'DELETE':
        return deleteRows(client, relation, request);
      default:
        throw new PostgrestError(405, 'PGRST117', `Unsupported HTTP method: ${request.method}`);
    }
  }
}
