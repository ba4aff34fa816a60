import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { GotrueStandIn } from '../gotrue/handler.ts';
import { ensureLocalCloud } from '../local/index.ts';
import { PostgrestStandIn } from '../postgrest/handler.ts';
import { header, json, type ApiRequest, type ApiResponse } from './http.ts';
import { makeKeyRing, type KeyRing, type SigningAlg } from './keys.ts';

export interface LocalApi {
  /** The project URL to give createClient(). */
  url: string;
  anonKey: string;
  serviceKey: string;
  keys: KeyRing;
  stop(): Promise<void>;
}

export interface LocalApiOptions {
  /** How the auth stand-in signs access tokens: ES256 (newer projects) or HS256 (older ones). */
  signingAlg?: SigningAlg;
  accessTokenTtlS?: number;
  refreshReuseWindowS?: number;
  port?: number;
}

const MAX_BODY = 20 * 1024 * 1024;

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(response: ServerResponse, answer: ApiResponse): void {
  response.writeHead(answer.status, answer.headers ?? {});
  response.end(answer.body);
}

/**
 * Supabase's API in front of the local database, on one port as a project URL: /rest/v1 (the
 * PostgREST stand-in) and /auth/v1 (the GoTrue stand-in). Like Supabase's gateway it wants an API
 * key on every request except the public JWKS, and a request without a bearer token runs with
 * its API key's role.
 */
export async function startLocalApi(options: LocalApiOptions = {}): Promise<LocalApi> {
  const cloud = await ensureLocalCloud();
  const { config } = cloud;
  const keys = await makeKeyRing();
  const authenticatorUrl = `postgres://authenticator:authenticator-local@127.0.0.1:${config.port}/${config.database}?sslmode=disable`;
  const pool = new pg.Pool({ connectionString: authenticatorUrl, max: 10 });
  const owner = new pg.Pool({ connectionString: cloud.superuserUrl, max: 4 });
  const postgrest = new PostgrestStandIn({ pool, owner, keys });
  const authSettings = {
    keys,
    alg: options.signingAlg ?? 'ES256',
    issuer: '', // set once the port is known, before any request can arrive
    accessTokenTtlS: options.accessTokenTtlS ?? 3600,
    reuseWindowS: options.refreshReuseWindowS ?? 10,
  };
  const auth = new GotrueStandIn(owner, authSettings);

  const route = async (request: ApiRequest): Promise<ApiResponse> => {
    const path = request.url.pathname;
    if (path === '/auth/v1/.well-known/jwks.json') return auth.handle(request, '.well-known/jwks.json');
    const apikey = header(request, 'apikey') ?? request.url.searchParams.get('apikey') ?? undefined;
    if (!apikey)
      return json(401, {
        message: 'No API key found in request',
        hint: 'No `apikey` request header or url param was found.',
      });
    if (apikey !== keys.anonKey && apikey !== keys.serviceKey) return json(401, { message: 'Invalid API key' });
    if (path.startsWith('/rest/v1/')) {
      request.url.searchParams.delete('apikey');
      return postgrest.handle(request, path.slice('/rest/v1/'.length));
    }
    if (path.startsWith('/auth/v1/')) return auth.handle(request, path.slice('/auth/v1/'.length));
    return json(404, { message: `no route ${path}` });
  };

  const server = createServer((incoming, response) => {
    readBody(incoming)
      .then((body) =>
        route({
          method: incoming.method ?? 'GET',
          url: new URL(incoming.url ?? '/', 'http://localhost'),
          headers: incoming.headers,
          body,
        }),
      )
      .then((answer) => send(response, answer))
      .catch((error: unknown) =>
        send(response, json(500, { message: error instanceof Error ? error.message : String(error) })),
      );
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  authSettings.issuer = `${url}/auth/v1`;
  return {
    url,
    anonKey: keys.anonKey,
    serviceKey: keys.serviceKey,
    keys,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([pool.end(), owner.end()]);
    },
  };
}
