import type { GatewayConfig } from './config.ts';
import type { Caller } from './caller.ts';
import { GatewayFailure } from './failure.ts';

/**
 * The project's PostgREST API, two ways: as the caller (their token, so row-level security
 * decides what they see) and as the service role (the storage bookkeeping only the gateway writes).
 */
export interface SupabaseRest {
  /** Rows of `table` the caller can see, filtered by `query` (PostgREST syntax). */
  selectAsCaller<T>(caller: Caller, table: string, query: Record<string, string>): Promise<T[]>;
  selectAsService<T>(table: string, query: Record<string, string>): Promise<T[]>;
  deleteAsService(table: string, query: Record<string, string>): Promise<void>;
  rpcAsService<T>(name: string, args: Record<string, unknown>): Promise<T>;
}

/** New-style secret keys (`sb_secret_…`) go only in `apikey`; legacy JWT keys also as the bearer. */
function serviceHeaders(key: string): Record<string, string> {
  const headers: Record<string, string> = { apikey: key };
  if (key.split('.').length === 3) headers.authorization = `Bearer ${key}`;
  return headers;
}

export function supabaseRest(config: GatewayConfig): SupabaseRest {
  const base = `${config.supabaseUrl}/rest/v1`;
  const service = serviceHeaders(config.serviceRoleKey);

  const call = async (path: string, init: RequestInit, who: string): Promise<Response> => {
    let response: Response;
    try {
      response = await fetch(`${base}/${path}`, init);
    } catch (error) {
      throw new GatewayFailure('internal', 'The team database could not be reached', {
        detail: error instanceof Error ? error.message : String(error),
      });
    }
    if (response.ok) return response;
    const text = await response.text();
    // The database refused the caller's token even though its signature checked out here
    // (revoked, or signed for another project): the caller must sign in again.
    if (response.status === 401 && who === 'caller') {
      throw new GatewayFailure('unauthorized', 'The team database refused the sign-in', { detail: text });
    }
    throw new GatewayFailure('internal', `The team database answered ${response.status} to ${init.method} ${path}`, {
      detail: text,
    });
  };

  const select = async <T>(
    table: string,
    query: Record<string, string>,
    headers: Record<string, string>,
    who: string,
  ) => {
    const search = new URLSearchParams(query).toString();
    const response = await call(
      `${table}?${search}`,
      { method: 'GET', headers: { ...headers, accept: 'application/json', 'accept-profile': 'public' } },
      who,
    );
    return (await response.json()) as T[];
  };

  return {
    selectAsCaller: (caller, table, query) =>
      select(table, query, { apikey: config.anonKey, authorization: `Bearer ${caller.token}` }, 'caller'),
    selectAsService: (table, query) => select(table, query, service, 'service'),
    async deleteAsService(table, query) {
      const search = new URLSearchParams(query).toString();
      await call(
        `${table}?${search}`,
        { method: 'DELETE', headers: { ...service, 'content-profile': 'public' } },
        'service',
      );
    },
    async rpcAsService<T>(name: string, args: Record<string, unknown>): Promise<T> {
      const response = await call(
        `rpc/${name}`,
        {
          method: 'POST',
          headers: { ...service, 'content-type': 'application/json', 'content-profile': 'public' },
          body: JSON.stringify(args),
        },
        'service',
      );
      const text = await response.text();
      return (text === '' ? null : JSON.parse(text)) as T;
    },
  };
}
