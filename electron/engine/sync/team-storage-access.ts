import { AppFailure } from '../../contract/errors.ts';
import { createGatewayClient, type StorageGateway } from './gateway-client.ts';

/**
 * How the engine reaches the team's storage: the gateway's URL and the signed-in analyst's access
 * token, both from whoever holds the team-cloud session. Null when there is no project or no
 * sign-in: uploads and downloads then say so instead of failing later.
 */
export interface TeamStorageAccess {
  gatewayUrl(): string | null;
  accessToken(): Promise<string | null>;
}

export const GATEWAY_URL_ENV = 'RINKSIDE_GATEWAY_URL';

export function gatewayFor(access: TeamStorageAccess): StorageGateway {
  const baseUrl = access.gatewayUrl();
  if (!baseUrl) {
    throw new AppFailure('not-signed-in', "No team storage is set up: the team cloud's gateway address is missing.");
  }
  return createGatewayClient({
    baseUrl,
    accessToken: async () => {
      const token = await access.accessToken();
      if (!token) throw new AppFailure('not-signed-in', 'Sign in to the team cloud to send or fetch files.');
      return token;
    },
  });
}

/** Nobody signed in (tests of the engine without a team cloud). */
export const notSignedIn: TeamStorageAccess = {
  gatewayUrl: () => process.env[GATEWAY_URL_ENV] ?? null,
  accessToken: async () => null,
};

/**
 * The team sync's session: its access token, and the gateway deployed as the project's Edge
 * Function (`<project>/functions/v1/gateway`) unless RINKSIDE_GATEWAY_URL names another (the
 * local cloud's gateway runs on a port of its own).
 */
export function teamSyncStorageAccess(
  sync: { status(): { project: { url: string } | null }; accessToken(): Promise<string | null> },
  env: NodeJS.ProcessEnv = process.env,
): TeamStorageAccess {
  return {
    gatewayUrl: () => {
      const project = sync.status().project;
      return env[GATEWAY_URL_ENV] || (project ? `${project.url.replace(/\/+$/, '')}/functions/v1/gateway` : null);
    },
    accessToken: () => sync.accessToken(),
  };
}
