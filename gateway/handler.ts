import { GATEWAY_ROUTES, type GatewayRouteName } from '../electron/contract/gateway.ts';
import { callerVerifier, type Caller, type VerifyCaller } from './caller.ts';
import type { GatewayConfig } from './config.ts';
import { signDownload } from './downloads.ts';
import { failureResponse, GatewayFailure, jsonResponse } from './failure.ts';
import { objectStore } from './object-store.ts';
import { supabaseRest } from './supabase-rest.ts';
import { abortUpload, completeUpload, createUpload, signParts, type RouteContext } from './uploads.ts';

export type FetchHandler = (request: Request) => Promise<Response>;

type Route = (ctx: RouteContext, caller: Caller, body: never) => Promise<unknown>;

const ROUTES: Record<GatewayRouteName, Route> = {
  createUpload,
  signParts,
  completeUpload,
  abortUpload,
  signDownload,
};

/** The bodies are small JSON; anything bigger is not one of ours. */
const MAX_BODY_BYTES = 1024 * 1024;

async function readJson(request: Request): Promise<unknown> {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) {
    throw new GatewayFailure('invalid-request', 'The request body is too large');
  }
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw new GatewayFailure('invalid-request', 'The request body is too large');
  try {
    return JSON.parse(text);
  } catch {
    throw new GatewayFailure('invalid-request', 'The request body is not JSON');
  }
}

function routeFor(config: GatewayConfig, pathname: string): GatewayRouteName | undefined {
  if (!pathname.startsWith(config.basePath)) return undefined;
  const path = pathname.slice(config.basePath.length);
  return (Object.keys(GATEWAY_ROUTES) as GatewayRouteName[]).find((name) => GATEWAY_ROUTES[name].path === path);
}

/**
 * The gateway as one Web-standard fetch handler, the same on Deno (Supabase Edge Functions) and
 * Node: verify the caller, validate the body against the contract, run the route, answer JSON.
 * `GET <base>/health` answers without a token, for a process supervisor.
 */
export function createGateway(config: GatewayConfig, verify: VerifyCaller = callerVerifier(config)): FetchHandler {
  const ctx: RouteContext = { config, rest: supabaseRest(config), store: objectStore(config.storage) };

  return async (request) => {
    try {
      const { pathname } = new URL(request.url);
      if (request.method === 'GET' && pathname === `${config.basePath}/health`) return jsonResponse(200, { ok: true });
      const name = routeFor(config, pathname);
      if (!name) throw new GatewayFailure('not-found', `No gateway route ${request.method} ${pathname}`);
      if (request.method !== 'POST') throw new GatewayFailure('invalid-request', `${pathname} takes POST`);
      const caller = await verify(request);
      const parsed = GATEWAY_ROUTES[name].request.safeParse(await readJson(request));
      if (!parsed.success) {
        const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
        throw new GatewayFailure('invalid-request', `The request does not fit ${name}`, { detail: detail.join('; ') });
      }
      const answer = await ROUTES[name](ctx, caller, parsed.data as never);
      return jsonResponse(200, answer);
    } catch (error) {
      if (error instanceof GatewayFailure) {
        if (error.kind === 'internal' || error.kind === 'storage-failed')
          console.error(error.message, error.detail ?? '');
        return failureResponse(error);
      }
      console.error(error);
      const detail = error instanceof Error ? error.message : String(error);
      return failureResponse(new GatewayFailure('internal', 'The gateway failed', { detail }));
    }
  };
}
